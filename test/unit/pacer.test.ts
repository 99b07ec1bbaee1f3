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
		for (let i = 0; i < 55; i++) expect((await pacer.acquire()).waitedMs).toBe(0);
		expect(clock.sleeps).toEqual([]);
	});

	test("no 60-second window ever holds more than the limit, and a long run keeps the limit's pace", async () => {
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
		expect((await pacer.acquire()).waitedMs).toBe(0);
		expect((await pacer.acquire()).waitedMs).toBe(20_000);
	});

	test('concurrent callers take slots one after another', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(1, clock);
		const slots = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
		expect(slots.map((slot) => slot.waitedMs)).toEqual([0, WINDOW_MS, WINDOW_MS]);
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
		expect((await pacer.acquire()).waitedMs).toBe(WINDOW_MS);
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

	test('after a 429 the run lowers its pace to about its share of the key and spaces its requests evenly', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(55, clock);
		for (let i = 0; i < 30; i++) {
			await pacer.acquire();
			await clock.sleep(100);
		}
		const refusedAt = clock.now() - 100;
		// tinyEmail took 29 of them: 9/10 of that is 26, but never below half of 55 in one step
		expect(pacer.rateLimited(refusedAt)).toBe(27);
		expect(pacer.allowed).toBe(27);
		// 30 starts in the last minute, 27 allowed: wait until the 4th oldest is a minute old
		expect((await pacer.acquire()).waitedMs).toBe(WINDOW_MS + 300 - 3000);
		// From then on one request every 60/27 s, never a burst
		expect((await pacer.acquire()).waitedMs).toBeCloseTo(WINDOW_MS / 27, 3);
		expect((await pacer.acquire()).waitedMs).toBeCloseTo(WINDOW_MS / 27, 3);
		// A 429 to a request sent before the decrease says nothing new
		expect(pacer.rateLimited(refusedAt)).toBeUndefined();
	});

	test('the window estimate after a 429 without Retry-After: the oldest counted request of the last minute', async () => {
		const clock = fakeClock();
		const pacer = new Pacer(0, clock);
		await pacer.acquire();
		const refused = clock.now() + 10_000;
		await clock.sleep(10_000);
		await pacer.acquire();
		pacer.rateLimited(refused);
		expect(pacer.windowFreesInMs()).toBe(WINDOW_MS - 10_000);
		await clock.sleep(WINDOW_MS - 10_000);
		// The first request left the minute; the refused one never counted
		expect(pacer.windowFreesInMs()).toBeUndefined();
	});
});

/** Time that only moves from one sleeper's wake-up to the next, for several concurrent runs. */
class SimulatedTime implements Clock {
	private time = 0;
	private readonly sleepers: Array<{ at: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.sleepers.push({ at: this.time + ms, wake }));
	}

	/** Runs until every task has finished (bounded). */
	async run(tasks: Array<Promise<unknown>>): Promise<void> {
		let done = false;
		void Promise.all(tasks).then(() => (done = true));
		for (let step = 0; step < 100_000 && !done; step++) {
			// Let every task run until it sleeps or ends
			await new Promise((resolve) => setImmediate(resolve));
			this.sleepers.sort((a, b) => a.at - b.at);
			const next = this.sleepers.shift();
			if (!next) continue;
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
		expect(done).toBe(true);
	}
}

/** tinyEmail's limit: 60 counted requests in any 60 s per key, 429 with Retry-After otherwise. */
function simulatedKey(clock: Clock) {
	const counted: number[] = [];
	return {
		status429: 0,
		send(): { ok: true } | { ok: false; retryAfterMs: number } {
			const now = clock.now();
			while (counted.length > 0 && counted[0] <= now - WINDOW_MS) counted.shift();
			if (counted.length < 60) {
				counted.push(now);
				return { ok: true };
			}
			this.status429++;
			return { ok: false, retryAfterMs: Math.ceil((counted[0] + WINDOW_MS - now) / 1000) * 1000 };
		},
	};
}

test.each([
	[2, 300, 'with Retry-After'],
	[2, 300, 'without Retry-After'],
	[4, 100, 'with Retry-After'],
	[4, 100, 'without Retry-After'],
])('%s runs sharing one key, %s requests each, 429 %s: all done, at most 5%% answered 429', async (runs, requests, retryAfter) => {
	const clock = new SimulatedTime();
	const key = simulatedKey(clock);
	let sent = 0;
	const run = async () => {
		const pacer = new Pacer(55, clock);
		for (let done = 0; done < requests;) {
			await pacer.acquire();
			const startedAt = clock.now();
			const answer = key.send();
			sent++;
			if (answer.ok) {
				done++;
				continue;
			}
			pacer.rateLimited(startedAt);
			// What transport/retry.ts waits: Retry-After, else until the run's oldest counted request leaves the minute
			await clock.sleep(retryAfter === 'with Retry-After' ? answer.retryAfterMs : (pacer.windowFreesInMs() ?? 1000));
		}
	};
	await clock.run(Array.from({ length: runs }, async () => await run()));

	expect(sent - key.status429).toBe(runs * requests);
	expect(key.status429).toBeLessThanOrEqual(0.05 * sent);
	// Still close to the key's 60 a minute: at most a quarter slower than sending exactly 60 every minute
	expect(clock.now()).toBeLessThanOrEqual(1.25 * ((runs * requests) / 60) * WINDOW_MS);
});
