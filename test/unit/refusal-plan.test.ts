import { NAMED_IN_A_ROW, RefusalPlan, type RefusalOutcome } from '../../nodes/TinyEmail/helpers/refusalPlan';

type Naming = 'first' | 'none' | 'noneSame';

/**
 * Plays tinyEmail against a plan: a piece holding a refused entry is refused, naming the first refused one
 * ('first'), none with a message that differs per piece ('none'), or none with one message ('noneSame').
 */
function play(
	entries: number[],
	refused: (entry: number) => boolean,
	naming: Naming,
	options: { groupOf?: (entry: number) => unknown } = {},
) {
	const plan = new RefusalPlan(entries, options);
	const accepted: number[] = [];
	let requests = 0;
	for (let piece = plan.next(); piece !== undefined; piece = plan.next()) {
		requests++;
		const first = piece.findIndex(refused);
		if (first < 0) {
			accepted.push(...piece);
			plan.accepted();
		} else if (naming === 'first') plan.refused(`Email address is not accepted: e${piece[first]}`, first);
		else plan.refused(naming === 'none' ? `refused at position ${first} of ${piece.length}` : 'Not accepted');
	}
	const settled = (kind: RefusalOutcome<number>['kind']) =>
		plan.outcomes.filter((outcome) => outcome.kind === kind).flatMap((outcome) => outcome.entries);
	return { requests, accepted, plan, settled };
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** Every entry ends exactly once: accepted, refused, shared, not sent or dropped with its group. */
function expectEachSettledOnce(entries: number[], result: ReturnType<typeof play>): void {
	const all = [...result.accepted, ...result.plan.outcomes.flatMap((outcome) => outcome.entries)];
	expect([...all].sort((a, b) => a - b)).toEqual(entries);
}

describe('RefusalPlan: a refused batch is taken apart at a bounded cost', () => {
	test.each(['first', 'none', 'noneSame'] as Naming[])(
		'1,000 all refused, naming %s: at most 30 requests, each entry settled once',
		(naming) => {
			const entries = range(1000);
			const result = play(entries, () => true, naming);
			expect(result.requests).toBeLessThanOrEqual(30);
			expect(result.accepted).toEqual([]);
			expectEachSettledOnce(entries, result);
			if (naming === 'noneSame') expect(result.requests).toBe(3);
		},
	);

	test('1,000 all refused one name at a time: 30 requests, 30 with their reason, 970 not sent', () => {
		const result = play(range(1000), () => true, 'first');
		expect(result.requests).toBe(30);
		expect(result.settled('refused')).toHaveLength(30);
		expect(result.settled('notSent')).toHaveLength(970);
		const notSent = result.plan.outcomes.find((outcome) => outcome.kind === 'notSent');
		expect(notSent).toMatchObject({ refusals: 30, message: expect.stringMatching(/^Email address is not accepted: e\d+$/) });
	});

	test.each([1, 2, 5, NAMED_IN_A_ROW])('%i refused, named one at a time: exactly 1 extra request each', (count) => {
		const bad = new Set(range(count).map((i) => i * 97 + 3));
		const result = play(range(1000), (entry) => bad.has(entry), 'first');
		expect(result.requests).toBe(1 + count);
		expect(result.settled('refused').sort((a, b) => a - b)).toEqual([...bad]);
		expect(result.accepted).toHaveLength(1000 - count);
	});

	test.each([
		[11, 'first'],
		[50, 'first'],
		[50, 'none'],
		[1, 'none'],
	] as Array<[number, Naming]>)(
		'%i refused among 1,000 (naming %s): all others accepted, at most 1 + 10 + 2·⌈log2 n⌉ per refused',
		(count, naming) => {
			const bad = new Set(range(count).map((i) => (i * 331 + 17) % 1000));
			const result = play(range(1000), (entry) => bad.has(entry), naming);
			expect(result.accepted).toHaveLength(1000 - count);
			expect(result.settled('refused').sort((a, b) => a - b)).toEqual([...bad].sort((a, b) => a - b));
			expect(result.requests).toBeLessThanOrEqual(1 + NAMED_IN_A_ROW + count * 20);
			if (naming === 'none' && count === 1) expect(result.requests).toBeLessThanOrEqual(1 + 20);
		},
	);

	test('half refused (every other entry), named: bounded, and nothing is lost', () => {
		const entries = range(1000);
		const result = play(entries, (entry) => entry % 2 === 0, 'first');
		expectEachSettledOnce(entries, result);
		expect(result.requests).toBeLessThanOrEqual(3 * 1000);
	});

	test('a message that refused both halves is shared: a later batch refused with it fails at once', () => {
		const first = play(range(100), () => true, 'noneSame');
		expect(first.plan.sharedRefusal).toBe('Not accepted');
		const later = new RefusalPlan(range(100), { sharedRefusal: first.plan.sharedRefusal });
		expect(later.next()).toHaveLength(100);
		later.refused('Not accepted');
		expect(later.next()).toBeUndefined();
		expect(later.outcomes).toEqual([{ kind: 'shared', entries: range(100), message: 'Not accepted' }]);
	});

	test('entries of a refused group are not sent after it', () => {
		// Entries 0–2 belong to group 0, 3 to group 1; entry 1 is refused
		const result = play([0, 1, 2, 3], (entry) => entry === 1, 'first', { groupOf: (entry) => (entry < 3 ? 0 : 1) });
		expect(result.requests).toBe(2);
		expect(result.accepted).toEqual([3]);
		expect(result.settled('groupRefused')).toEqual([0, 2]);
	});

	test('split: the last piece is sent again in pieces of at most the given size, in order', () => {
		const plan = new RefusalPlan(range(7));
		plan.next();
		plan.split(3);
		const pieces: number[][] = [];
		for (let piece = plan.next(); piece !== undefined; piece = plan.next()) pieces.push(piece);
		expect(pieces).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
	});
});
