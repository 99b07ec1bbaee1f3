import { planMemberBatches, membersFromValue } from '../../nodes/TinyEmail/helpers/audienceMembers';
import { pendingEntries } from '../../nodes/TinyEmail/helpers/memberSender';
import { audienceRefsFromCollection, toAudienceRef } from '../../nodes/TinyEmail/helpers/audienceLocator';
import { collectPages, isLastPage, lastFlag, MAX_PAGES, pageNumber, PagingError, totalCount } from '../../nodes/TinyEmail/transport/paging';
import { toDays, toTime, toUtcIso, toUtcWeekly, wallTimeToUtc } from '../../nodes/TinyEmail/actions/campaign/schedule';
import { updateBody } from '../../nodes/TinyEmail/actions/campaign/update.operation';

describe('membersFromValue', () => {
	test('emails in text, lists and objects; repeats merged; status and lastPurchaseDate dropped', () => {
		expect(membersFromValue(' a@x.io, b@x.io;\nA@x.io ')).toEqual({ members: [{ email: 'A@x.io' }, { email: 'b@x.io' }] });
		expect(
			membersFromValue([{ email: 'c@x.io', firstName: 'C', status: 'Subscribed', lastPurchaseDate: '2024-01-01' }], { source: 'n8n' }),
		).toEqual({ members: [{ email: 'c@x.io', firstName: 'C', source: 'n8n' }] });
		expect(membersFromValue('')).toEqual({ members: [] });
		expect(membersFromValue(['nope'])).toMatchObject({ problem: 'contains "nope", which is not a valid email address' });
		expect(membersFromValue([{ firstName: 'x' }])).toMatchObject({
			problem: 'contains an entry without an email, which is not a valid email address',
		});
	});
});

describe('planMemberBatches', () => {
	test('per audience in first-seen order, bounded, never the same email twice in a batch', () => {
		const m = (email: string) => ({ email });
		const batches = planMemberBatches(
			[
				{ itemIndex: 0, audienceId: 'A', members: [m('1@x.io'), m('2@x.io')] },
				{ itemIndex: 1, audienceId: 'B', members: [m('1@x.io')] },
				{ itemIndex: 2, audienceId: 'A', members: [m('3@x.io')] },
				{ itemIndex: 3, audienceId: 'A', members: [m('1@X.io')] },
			],
			2,
		);
		expect(batches.map((batch) => [batch.audienceId, batch.members.map((member) => member.email), batch.itemIndexes])).toEqual([
			['A', ['1@x.io', '2@x.io'], [0]],
			['A', ['3@x.io', '1@X.io'], [2, 3]],
			['B', ['1@x.io'], [1]],
		]);
	});
});

describe('pendingEntries', () => {
	test('a batch keeps only the members of items that have not failed', () => {
		const m = (email: string) => ({ email });
		const [first, second] = planMemberBatches(
			[
				{ itemIndex: 0, audienceId: 'A', members: [m('a@x.io'), m('b@x.io'), m('c@x.io')] },
				{ itemIndex: 1, audienceId: 'A', members: [m('d@x.io')] },
			],
			2,
		);
		expect(second.owners).toEqual([0, 1]);
		expect(pendingEntries(second, new Set())).toEqual([
			{ member: m('c@x.io'), owner: 0 },
			{ member: m('d@x.io'), owner: 1 },
		]);
		expect(pendingEntries(second, new Set([0]))).toEqual([{ member: m('d@x.io'), owner: 1 }]);
		expect(pendingEntries(first, new Set([0]))).toEqual([]);
	});
});

describe('audience references', () => {
	test('locator values, plain text, and a fixed collection without repeats', () => {
		expect(toAudienceRef({ __rl: true, mode: 'list', value: ' id1 ' })).toEqual({ mode: 'id', value: 'id1' });
		expect(toAudienceRef({ __rl: true, mode: 'name', value: 'VIP' })).toEqual({ mode: 'name', value: 'VIP' });
		expect(toAudienceRef('')).toBeUndefined();
		expect(
			audienceRefsFromCollection({
				audience: [
					{ audience: { mode: 'name', value: 'VIP' } },
					{ audience: { mode: 'name', value: ' vip' } },
					{ audience: { mode: 'id', value: 'x' } },
					{ audience: { mode: 'list', value: '' } },
				],
			}),
		).toEqual([
			{ mode: 'name', value: 'VIP' },
			{ mode: 'id', value: 'x' },
		]);
	});
});

describe('collectPages', () => {
	const source = (total: number, calls: string[]) => async (page: number, size: number) => {
		calls.push(`${page}/${size}`);
		const start = (page - 1) * size;
		const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
		return { items, last: start + size >= total };
	};
	test('reads until last; a limit stops early and shrinks the page', async () => {
		const calls: string[] = [];
		expect(await collectPages(source(250, calls), 1, undefined, 0)).toHaveLength(250);
		expect(calls).toEqual(['1/100', '2/100', '3/100']);
		calls.length = 0;
		expect(await collectPages(source(250, calls), 1, 7, 0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(calls).toEqual(['1/7']);
	});
	test('an API that never says last stops at an empty page', async () => {
		let calls = 0;
		const result = await collectPages(async (page) => ({ items: page < 3 ? [page] : [], last: false }), 0, undefined, 0);
		calls = result.length;
		expect(calls).toBe(3);
	});
});

describe('isLastPage', () => {
	const items = (n: number) => Array.from({ length: n }, (_, i) => i);
	test.each([
		['"last" decides when given', { items: items(10), last: false, totalElements: 10 }, 10, 10, false],
		['"last: true" ends a full page', { items: items(10), last: true }, 10, 30, true],
		['no "last": totalElements not reached', { items: items(10), totalElements: 25 }, 10, 20, false],
		['no "last": totalElements reached', { items: items(5), totalElements: 25 }, 10, 25, true],
		['no "last", no total: a full page goes on', { items: items(10) }, 10, 10, false],
		['no "last", no total: a short page ends', { items: items(3) }, 10, 13, true],
		['an empty page always ends', { items: [], last: false }, 10, 0, true],
	])('%s', (_, page, size, collected, expected) => {
		expect(isLastPage(page, size, collected)).toBe(expected);
	});

	test('flags and counts as tinyEmail may send them', () => {
		expect([lastFlag(true), lastFlag(false), lastFlag(undefined), lastFlag('true')]).toEqual([true, false, undefined, undefined]);
		expect([totalCount(5), totalCount('7'), totalCount(undefined), totalCount('x'), totalCount(-1)]).toEqual([
			5,
			7,
			undefined,
			undefined,
			undefined,
		]);
	});

	test('collectPages without "last" reads until the total, or a short page', async () => {
		const calls: number[] = [];
		const byTotal = await collectPages(
			async (page, size) => (calls.push(page), { items: items(page <= 3 ? size : 0).map((i) => page * size + i), totalElements: 3 * size }),
			1,
			undefined,
			0,
		);
		expect(byTotal).toHaveLength(300);
		expect(calls).toEqual([1, 2, 3]);
		const short = await collectPages(async (page, size) => ({ items: items(page === 0 ? size : 40) }), 0, undefined, 0);
		expect(short).toHaveLength(140);
	});

	test('collectPages stops after MAX_PAGES pages when the API never ends the listing', async () => {
		let calls = 0;
		const result = await collectPages(async () => (calls++, { items: [calls], last: false }), 0, undefined, 0);
		expect(calls).toBe(MAX_PAGES);
		expect(result).toHaveLength(MAX_PAGES);
	});

	test('a server that ignores the page parameter is caught on the second page, not read 10,000 times', async () => {
		let calls = 0;
		const ignoring = collectPages(async () => (calls++, { items: [{ email: 'same@example.com' }], last: false }), 1, undefined, 2);
		await expect(ignoring).rejects.toThrow(new PagingError('tinyEmail sent the same results for page 2 as for page 1 (item 2)'));
		expect(calls).toBe(2);
	});

	test('a page that names another page number than the one asked for stops the listing', async () => {
		const echoing = collectPages(async (page) => ({ items: [page], last: false, number: page === 3 ? 1 : page }), 1, undefined, 0);
		await expect(echoing).rejects.toThrow('tinyEmail answered page 1 when asked for page 3 (item 0)');
		expect([pageNumber(2), pageNumber('3'), pageNumber(undefined), pageNumber('x'), pageNumber(1.5)]).toEqual([
			2,
			3,
			undefined,
			undefined,
			undefined,
		]);
	});
});

describe('schedule conversions', () => {
	test('wall time in a zone to UTC, across DST', () => {
		expect(toUtcIso('2030-01-15T09:00:00', 'Europe/Paris')).toEqual({ value: '2030-01-15T08:00:00Z' });
		expect(toUtcIso('2030-07-15T09:00', 'Europe/Paris')).toEqual({ value: '2030-07-15T07:00:00Z' });
		expect(toUtcIso('2030-07-15T09:00:00+02:00', 'America/New_York')).toEqual({ value: '2030-07-15T07:00:00Z' });
		expect(toUtcIso(new Date(Date.UTC(2030, 0, 1, 12)), 'UTC')).toEqual({ value: '2030-01-01T12:00:00Z' });
		expect(toUtcIso({ toMillis: () => Date.UTC(2030, 0, 1) }, 'UTC')).toEqual({ value: '2030-01-01T00:00:00Z' });
		expect(toUtcIso('2030-02-30T09:00', 'UTC')).toMatchObject({ problem: 'is not a valid date and time' });
		expect(toUtcIso('tomorrow', 'UTC')).toMatchObject({ problem: 'is not a valid date and time' });
		expect(toUtcIso('2030-01-01T09:00', 'Not/AZone')).toMatchObject({ problem: 'cannot be read in the time zone "Not/AZone"' });
		expect(new Date(wallTimeToUtc(Date.UTC(2030, 2, 31, 2, 30), 'Europe/Paris')).toISOString()).toBe('2030-03-31T01:30:00.000Z');
	});
	test('days and time', () => {
		expect(toDays(['sunday', 'MONDAY', 'monday'])).toEqual({ value: ['MONDAY', 'SUNDAY'] });
		expect(toDays('friday, tuesday')).toEqual({ value: ['TUESDAY', 'FRIDAY'] });
		expect(toDays([])).toMatchObject({ problem: 'is empty' });
		expect(toDays(['Funday'])).toMatchObject({ problem: 'contains "Funday", which is not a weekday' });
		expect(toTime('9:05')).toEqual({ value: '09:05:00' });
		expect(toTime('23:59:30')).toEqual({ value: '23:59:30' });
		expect(toTime('24:00')).toMatchObject({ problem: 'is not a time of day' });
	});
});

describe('recurring schedule to UTC', () => {
	const january = Date.UTC(2030, 0, 15, 12);
	const july = Date.UTC(2030, 6, 15, 12);

	test('a time that stays on the same UTC day keeps the days', () => {
		expect(toUtcWeekly(['MONDAY'], '09:00:00', 'Asia/Tokyo', january)).toEqual({ value: { days: ['MONDAY'], time: '00:00:00' } });
		expect(toUtcWeekly(['MONDAY', 'FRIDAY'], '09:30:00', 'UTC', january)).toEqual({
			value: { days: ['MONDAY', 'FRIDAY'], time: '09:30:00' },
		});
	});

	test('crossing midnight backwards moves every day one back, Monday to Sunday included', () => {
		expect(toUtcWeekly(['MONDAY', 'SUNDAY'], '08:00:00', 'Asia/Tokyo', january)).toEqual({
			value: { days: ['SATURDAY', 'SUNDAY'], time: '23:00:00' },
		});
		expect(toUtcWeekly(['MONDAY'], '03:15:00', 'Asia/Kolkata', january)).toEqual({ value: { days: ['SUNDAY'], time: '21:45:00' } });
	});

	test('crossing midnight forwards moves every day one on, Sunday to Monday included', () => {
		expect(toUtcWeekly(['FRIDAY', 'SUNDAY'], '22:00:00', 'America/New_York', january)).toEqual({
			value: { days: ['MONDAY', 'SATURDAY'], time: '03:00:00' },
		});
	});

	test("today's offset of the zone is used (daylight saving)", () => {
		expect(toUtcWeekly(['FRIDAY'], '20:30:00', 'America/New_York', january)).toEqual({ value: { days: ['SATURDAY'], time: '01:30:00' } });
		expect(toUtcWeekly(['FRIDAY'], '20:30:00', 'America/New_York', july)).toEqual({ value: { days: ['SATURDAY'], time: '00:30:00' } });
		expect(toUtcWeekly(['FRIDAY'], '19:30:00', 'America/New_York', july)).toEqual({ value: { days: ['FRIDAY'], time: '23:30:00' } });
	});

	test('an unknown time zone is a problem to fix', () => {
		expect(toUtcWeekly(['MONDAY'], '09:00:00', 'Not/AZone', january)).toMatchObject({
			problem: 'cannot be read in the time zone "Not/AZone"',
		});
	});
});

describe('campaign update body', () => {
	test('only the fields set, nested as tinyEmail expects', () => {
		expect(
			updateBody(
				{
					name: ' New ',
					html: '<p>x</p>',
					sender: { __rl: true, mode: 'list', value: 's1' },
					audiences: { audience: [{ audience: { mode: 'id', value: 'a1' } }] },
					subject: '',
				},
				{ days: ['MONDAY'], time: '09:00:00' },
			),
		).toEqual({
			campaign: { name: 'New' },
			template: { html: '<p>x</p>' },
			senderId: 's1',
			contactIds: ['a1'],
			schedule: { days: ['MONDAY'], time: '09:00:00' },
		});
		expect(updateBody({}, undefined)).toEqual({});
	});
});
