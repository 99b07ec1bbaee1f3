import { Pacer, requestsPerMinute, WINDOW_MS, type Clock } from '../../nodes/TinyEmail/transport/pacer';

/** A clock that only moves when the pacer sleeps: the test never waits for real time. */
function fakeClock(): Clock & { sleeps: number[] } {
	let now = 1_000_000;
	const sleeps: number[] = [];
	return {
		sleeps,
		now: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
	};
}

describe('pacer (Max Requests per Minute)', () => {
	test('a short run goes at full speed', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(55, clock);
		for (let i = 0; i < 55; i++) expect(await pacer.acquire()).toBe(0);
		expect(clock.sleeps).toEqual([]);
	});

	test('no 60-second window ever holds more than the limit, and a long run keeps the limit\'s pace', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(55, clock);
		const starts: number[] = [];
		for (let i = 0; i < 200; i++) {
			await pacer.acquire();
			starts.push(clock.now());
		}
		for (let i = 55; i < starts.length; i++) expect(starts[i] - starts[i - 55]).toBeGreaterThanOrEqual(WINDOW_MS);
		// 200 requests at 55 a minute: the 200th starts after 3 full windows
		expect(starts[199] - starts[0]).toBe(3 * WINDOW_MS);
	});

	test('time that passes between requests counts: no wait when the run is slow anyway', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(2, clock);
		await pacer.acquire();
		await clock.sleep(40_000);
		await pacer.acquire();
		await clock.sleep(40_000);
		clock.sleeps.length = 0;
		expect(await pacer.acquire()).toBe(0);
		expect(await pacer.acquire()).toBe(20_000);
	});

	test('concurrent callers take slots one after another', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(1, clock);
		const waits = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
		expect(waits).toEqual([0, WINDOW_MS, WINDOW_MS]);
		expect(clock.sleeps.reduce((total, ms) => total + ms, 0)).toBe(2 * WINDOW_MS);
	});

	test('a wait that is aborted (n8n stopped the run) books no slot, and the pacer goes on working', async () => {
		let now = 1_000_000;
		const clock: Clock = {
			now: () => now,
			sleep: async (ms: number, signal?: AbortSignal) => {
				if (signal?.aborted) throw new Error('aborted');
				now += ms;
			},
		};
		const pacer = new Pacer(1, clock);
		const stop = new AbortController();
		await pacer.acquire(stop.signal);
		stop.abort();
		await expect(pacer.acquire(stop.signal)).rejects.toThrow('aborted');
		// The aborted caller took no slot: the next one waits for the first request's minute only
		expect(await pacer.acquire()).toBe(WINDOW_MS);
	});

	test('0 turns pacing off', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(0, clock);
		for (let i = 0; i < 1000; i++) await pacer.acquire();
		expect(clock.sleeps).toEqual([]);
	});

	test('option values', () => {
		expect(requestsPerMinute(undefined)).toBe(55);
		expect(requestsPerMinute(0)).toBe(0);
		expect(requestsPerMinute(30.7)).toBe(30);
		expect(requestsPerMinute(-5)).toBe(55);
		expect(requestsPerMinute(1e9)).toBe(10_000);
	});
});
