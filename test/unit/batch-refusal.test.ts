import { batchLimitFrom, namedMember, smallerBatch } from '../../nodes/TinyEmail/helpers/batchRefusal';

describe('namedMember: which customer of a refused batch the 400 names', () => {
	const batch = ['ann@example.com', 'bob@example.com', 'jo+tag@example.com', 'a@b.co'];

	test.each([
		['Invalid status for bob@example.com', 1],
		['updateMembers[2] (jo+tag@example.com): unknown field "x"', 2],
		['Invalid status for BOB@Example.COM', 1],
		['Invalid status for a@b.co.', 3],
		['"a@b.co" is not allowed', 3],
	])('%s → member %i', (message, expected) => {
		expect(namedMember(message, batch)).toBe(expected);
	});

	test.each([
		['This account does not accept customer imports', 'names none'],
		['At most 1000 members per request', 'names none'],
		['Invalid status for xa@b.co', 'a longer address that contains one of the batch is not it'],
		['Invalid status for a@b.com', 'nor is one that extends it'],
		['ann@example.com and bob@example.com are duplicates', 'names two: bisect instead'],
	])('%s → none (%s)', (message) => {
		expect(namedMember(message, batch)).toBeUndefined();
	});

	test('a value without @ is never looked for (the node validated the addresses; a bare word could be anywhere)', () => {
		expect(namedMember('for a reason', ['a', 'reason'])).toBeUndefined();
	});
});

describe('batchLimitFrom', () => {
	test.each([
		['At most 1000 members per request', 1000],
		['at most 30 customers per request', 30],
		['Invalid status for a@b.co', undefined],
		['At most 0 members per request', undefined],
	])('%s → %s', (message, expected) => {
		expect(batchLimitFrom(message)).toBe(expected);
	});
});

describe('smallerBatch (a batch refused for its size)', () => {
	test.each([
		[400, 'At most 500 members per request', 1000, 500],
		[400, 'At most 1000 members per request', 1000, undefined],
		[413, '', 1000, 500],
		[413, '<html>413 Request Entity Too Large</html>', 3, 1],
		[400, 'Too many members in one request', 1000, 500],
		[400, 'Request body too large', 640, 320],
		[400, 'Batch size exceeds the maximum', 1000, 500],
		[413, '', 1, undefined],
		[400, 'Invalid status for a@b.co', 1000, undefined],
		[400, 'Your plan allows a maximum of 500 customers', 1000, undefined],
		[400, 'Field "source" is too long', 1000, undefined],
		[500, 'Too many members in one request', 1000, undefined],
	])('%s "%s" for %s customers → %s', (status, message, size, expected) => {
		expect(smallerBatch(status, message, size)).toBe(expected);
	});
});
