import { requestTimeoutMs } from '../../nodes/TinyEmail/transport/timeout';

describe('Timeout option', () => {
	test.each([
		[undefined, 30_000],
		['', 30_000],
		[5, 5_000],
		[0.5, 1_000],
		[1e6, 600_000],
		[0, 30_000],
		['x', 30_000],
	])('%s seconds → %i ms', (value, expected) => {
		expect(requestTimeoutMs(value)).toBe(expected);
	});
});
