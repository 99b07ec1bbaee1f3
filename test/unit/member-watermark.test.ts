// The member watermark against an in-memory member list: exactly once in join order, and what happens
// when the list is in another order (duplicates rather than misses).
import type { IDataObject } from 'n8n-workflow';

import { MAX_REQUESTS_PER_POLL, MEMBER_PAGE_SIZE, type ReadMemberPage } from '../../nodes/TinyEmail/trigger/memberPages';
import { baselineMembers, findBlock, pollMembers, type MemberWatermark } from '../../nodes/TinyEmail/trigger/memberWatermark';

/** An audience as tinyEmail would list it; `order` decides where a joining member goes. */
class FakeAudience {
	members: string[] = [];
	requests = 0;
	withTotal = true;

	constructor(private readonly order: 'joinedOldestFirst' | 'joinedNewestFirst' = 'joinedOldestFirst') {}

	join(...emails: string[]): void {
		for (const email of emails) {
			if (this.members.includes(email)) continue;
			if (this.order === 'joinedOldestFirst') this.members.push(email);
			else this.members.unshift(email);
		}
	}

	leave(...emails: string[]): void {
		this.members = this.members.filter((email) => !emails.includes(email));
	}

	readonly read: ReadMemberPage = async (page, size) => {
		this.requests++;
		const start = (page - 1) * size;
		const items = this.members.slice(start, start + size).map((email) => ({ email }));
		return { items, last: start + size >= this.members.length, totalElements: this.withTotal ? this.members.length : undefined };
	};
}

const emailsOf = (members: IDataObject[]) => members.map((member) => member.email as string);
const range = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, index) => `${prefix}${from + index}`);

/** A seeded pseudo-random sequence, so the run is reproducible. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

async function poll(
	audience: FakeAudience,
	watermark: MemberWatermark,
): Promise<{ reported: string[]; watermark: MemberWatermark; resynced: boolean }> {
	audience.requests = 0;
	const result = await pollMembers(audience.read, watermark);
	expect(audience.requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_POLL);
	return { reported: emailsOf(result.newMembers), watermark: result.watermark, resynced: result.resynced };
}

describe('member watermark (join order, oldest first: the contract)', () => {
	test('random joins, leaves and returns over many polls: every join reported exactly once, in join order', async () => {
		const next = random(7);
		const audience = new FakeAudience();
		audience.join(...range('start', 230));
		let { watermark } = await baselineMembers(audience.read);
		let counter = 0;
		let gone: string[] = [];
		let returns = 0;
		for (let round = 0; round < 60; round++) {
			const joined: string[] = [];
			const joins = Math.floor(next() * 40);
			for (let index = 0; index < joins; index++) joined.push(`j${counter++}`);
			// some who left in earlier rounds come back: they join again (at the end)
			const back = gone.filter(() => next() < 0.2);
			returns += back.length;
			gone = gone.filter((email) => !back.includes(email));
			audience.join(...joined, ...back);
			// anyone may leave, including the newest remembered members and those who just joined
			const leaving = audience.members.filter(() => next() < 0.03);
			audience.leave(...leaving);
			gone.push(...leaving.filter((email) => !joined.includes(email) && !back.includes(email)));
			const expected = [...joined, ...back].filter((email) => audience.members.includes(email));
			const result = await poll(audience, watermark);
			expect(result.resynced).toBe(false);
			expect(result.reported).toEqual(expected);
			watermark = result.watermark;
		}
		expect(counter).toBeGreaterThan(900);
		expect(returns).toBeGreaterThan(20);
	});

	test('the block is found across a page boundary and after its newest members left', () => {
		const keyed = (keys: string[]) => keys.map((key) => ({ key }));
		expect(findBlock(keyed(['x', 'a', 'c', 'd', 'n1', 'b']), ['a', 'b', 'c', 'd'])).toEqual({ start: 1, end: 3 });
		expect(findBlock(keyed(['n1', 'n2']), ['a', 'b'])).toBeUndefined();
		// a remembered member listed again after a new one joined it back: not part of the block
		expect(findBlock(keyed(['a', 'b', 'n1', 'c']), ['a', 'b', 'c'])).toEqual({ start: 0, end: 1 });
		// a remembered member who left and came back alone is listed last, out of the remembered order
		expect(findBlock(keyed(['a', 'c', 'b']), ['a', 'b', 'c'])).toEqual({ start: 0, end: 1 });
	});

	test('an empty audience: the first members who join are reported', async () => {
		const audience = new FakeAudience();
		const { watermark } = await baselineMembers(audience.read);
		expect(watermark).toEqual({ seen: 0, head: [], tail: [] });
		audience.join('first', 'second');
		expect((await poll(audience, watermark)).reported).toEqual(['first', 'second']);
	});

	test('every remembered member leaves: the trigger resyncs and reports the unknown members it read', async () => {
		const audience = new FakeAudience();
		audience.join(...range('m', 250));
		const { watermark } = await baselineMembers(audience.read);
		audience.leave(...range('m', 100, 150));
		audience.join('n1', 'n2');
		const result = await poll(audience, watermark);
		expect(result.resynced).toBe(true);
		// new members are never missed; older members it never remembered may come along (duplicates)
		expect(result.reported).toEqual(expect.arrayContaining(['n1', 'n2']));
		expect(result.reported.slice(-2)).toEqual(['n1', 'n2']);
		const after = await poll(audience, result.watermark);
		expect(after).toMatchObject({ reported: [], resynced: false });
	});

	test('without a total from tinyEmail, the first polls read to the end of a large list before reporting anything', async () => {
		const audience = new FakeAudience();
		audience.withTotal = false;
		audience.join(...range('m', 750));
		const first = await baselineMembers(audience.read);
		expect(first.watermark).toMatchObject({ seen: 3 * MEMBER_PAGE_SIZE, catchingUp: true });
		let watermark = first.watermark;
		audience.join('early');
		for (let round = 0; round < 3; round++) {
			const result = await poll(audience, watermark);
			expect(result.reported).toEqual([]);
			watermark = result.watermark;
		}
		expect(watermark.catchingUp).toBeUndefined();
		audience.join('late');
		expect((await poll(audience, watermark)).reported).toEqual(['late']);
	});
});

describe('member watermark when tinyEmail lists members newest first (not the contract): duplicates rather than misses', () => {
	test('a small audience: each new member is reported once, though not where join order puts it', async () => {
		const audience = new FakeAudience('joinedNewestFirst');
		audience.join(...range('m', 40));
		let { watermark } = await baselineMembers(audience.read);
		audience.join('a');
		let result = await poll(audience, watermark);
		expect(result).toMatchObject({ reported: ['a'], resynced: true });
		watermark = result.watermark;
		// as many leave as join: the list does not grow, the oldest remembered ones are still in place
		audience.join('b', 'c');
		audience.leave('m0', 'm1');
		result = await poll(audience, watermark);
		expect(result.reported.sort()).toEqual(['b', 'c']);
		watermark = result.watermark;
		expect((await poll(audience, watermark)).reported).toEqual([]);
	});

	test('a large audience growing between polls: the new members at the top are reported', async () => {
		const audience = new FakeAudience('joinedNewestFirst');
		audience.join(...range('m', 450));
		const { watermark } = await baselineMembers(audience.read);
		audience.join('x', 'y', 'z');
		const result = await poll(audience, watermark);
		expect(result.resynced).toBe(true);
		expect(result.reported).toEqual(expect.arrayContaining(['x', 'y', 'z']));
	});
});
