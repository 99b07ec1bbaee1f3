import { AdaptiveRate, REGAIN_INTERVAL_MS } from '../../nodes/TinyEmail/transport/adaptiveRate';

const MINUTE = REGAIN_INTERVAL_MS;

describe('adaptive rate (the pacer after a 429)', () => {
	test('starts at Max Requests per Minute and stays there without 429s', () => {
		const rate = new AdaptiveRate(55);
		expect(rate.current(0)).toBe(55);
		expect(rate.current(10 * MINUTE)).toBe(55);
	});

	test('a 429 lowers it to 9/10 of what tinyEmail took from the run in the last minute', () => {
		// Two runs started together: tinyEmail took 30 of each
		expect(new AdaptiveRate(55).rateLimited(1000, 2000, 30)).toBe(27);
		// Another workflow used less: this run got 50
		expect(new AdaptiveRate(55).rateLimited(1000, 2000, 50)).toBe(45);
	});

	test('never below half the rate in one step: a run that sent little before the 429 keeps a usable pace', () => {
		expect(new AdaptiveRate(55).rateLimited(1000, 2000, 2)).toBe(27);
		const small = new AdaptiveRate(1);
		expect(small.rateLimited(1000, 2000, 0)).toBe(1);
	});

	test('it regains 1 more after a minute without a 429, 2 more after the next, …, up to the maximum', () => {
		const rate = new AdaptiveRate(55);
		rate.rateLimited(1000, 2000, 30);
		expect(rate.current(2000 + MINUTE - 1)).toBe(27);
		expect([1, 2, 3, 4, 5, 6, 7, 8].map((minutes) => rate.current(2000 + minutes * MINUTE))).toEqual([28, 30, 33, 37, 42, 48, 55, 55]);
	});

	test('only requests sent after the last decrease lower it again', () => {
		const rate = new AdaptiveRate(55);
		rate.rateLimited(1000, 5000, 30);
		// Sent before (or as) it was lowered, answered after: the same crowding, no new information
		expect(rate.rateLimited(4000, 6000, 30)).toBeUndefined();
		expect(rate.rateLimited(5000, 6000, 30)).toBeUndefined();
		expect(rate.current(6000)).toBe(27);
		expect(rate.rateLimited(7000, 8000, 20)).toBe(18);
	});
});
