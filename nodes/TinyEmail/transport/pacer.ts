import { AdaptiveRate } from './adaptiveRate';

/**
 * Keeps one node execution under "Max Requests per Minute" with a sliding window, the shape of
 * tinyEmail's limit (60 requests in any 60 seconds per key): a request may start when fewer than the
 * allowed number of requests started in the last 60 s, else it waits until the oldest of them leaves the
 * window. So a short run goes at full speed, and a long run settles at its rate a minute instead of
 * bouncing off 429s. Every attempt counts, retries included.
 *
 * The allowed number starts at Max Requests per Minute; a 429 lowers it for the rest of the run to a
 * little under the run's share of the key, and it regains slowly (transport/adaptiveRate.ts). From the
 * first 429 on, requests are also spaced evenly (60 s / the allowed number): runs sharing one key then
 * settle just under tinyEmail's limit instead of bursting into each other every minute.
 */

export const WINDOW_MS = 60_000;
export const DEFAULT_MAX_REQUESTS_PER_MINUTE = 55;
export const MAX_MAX_REQUESTS_PER_MINUTE = 10_000;

export interface Clock {
	now(): number;
	/** Waits `ms`; rejects early when `signal` fires (the execution was stopped). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A start the pacer booked: when it is, and how long the caller waited for it. */
export interface Slot {
	startedAt: number;
	waitedMs: number;
}

export class Pacer {
	/** Start times of this run's requests in the last minute, oldest first (from `head` on). */
	private starts: number[] = [];
	private head = 0;
	/** Starts of requests tinyEmail refused with 429 (they do not count in its window). */
	private readonly refused = new Set<number>();
	/** Callers queue here so concurrent requests take slots one after another. */
	private queue: Promise<unknown> = Promise.resolve();
	private readonly rate: AdaptiveRate;

	constructor(
		/** Max Requests per Minute; 0 turns pacing off (starts are still noted, for windowFreesInMs). */
		readonly perMinute: number,
		private readonly clock: Clock,
	) {
		this.rate = new AdaptiveRate(perMinute);
	}

	/**
	 * Resolves when the next request may start, and books that start. Returns the booked start (the one
	 * to hand to rateLimited, so a refused request is matched to its own booking) and the wait.
	 * Rejects, booking nothing, when `signal` fires while it waits.
	 */
	async acquire(signal?: AbortSignal): Promise<Slot> {
		if (this.perMinute <= 0) return { startedAt: this.book(), waitedMs: 0 };
		const turn = this.queue.then(async () => await this.takeSlot(signal));
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	/** Requests a minute this run may send now. */
	get allowed(): number {
		return this.rate.current(this.clock.now());
	}

	/**
	 * tinyEmail answered 429 to the request booked at `startedAt` (its Slot's): someone else uses part of the
	 * key's limit, so the run lowers its rate. Returns the new rate when this lowered it.
	 */
	rateLimited(startedAt: number): number | undefined {
		this.refused.add(startedAt);
		if (this.perMinute <= 0) return undefined;
		const now = this.clock.now();
		this.forgetOld(now);
		let counted = 0;
		for (let index = this.head; index < this.starts.length; index++) if (!this.refused.has(this.starts[index])) counted++;
		return this.rate.rateLimited(startedAt, now, counted);
	}

	/**
	 * After a 429 without Retry-After: how long until tinyEmail's window has room again, as far as this
	 * run can tell, i.e. until the oldest of its requests tinyEmail counted (not refused with 429) in the
	 * last minute is a minute old. Undefined when it has none (then it cannot tell).
	 */
	windowFreesInMs(): number | undefined {
		const now = this.clock.now();
		this.forgetOld(now);
		for (let index = this.head; index < this.starts.length; index++) {
			if (!this.refused.has(this.starts[index])) return Math.max(0, this.starts[index] + WINDOW_MS - now);
		}
		return undefined;
	}

	private async takeSlot(signal: AbortSignal | undefined): Promise<Slot> {
		let waited = 0;
		const now = this.clock.now();
		this.forgetOld(now);
		const allowed = this.rate.current(now);
		const inWindow = this.starts.length - this.head;
		let freeAt = now;
		if (inWindow >= allowed) freeAt = this.starts[this.starts.length - allowed] + WINDOW_MS;
		// After a 429 the run shares the key: evenly spaced requests, no bursts that collide with others'
		if (this.rate.adapted && inWindow > 0) freeAt = Math.max(freeAt, this.starts[this.starts.length - 1] + WINDOW_MS / allowed);
		const wait = freeAt - now;
		if (wait > 0) {
			await this.clock.sleep(wait, signal);
			waited = wait;
		}
		return { startedAt: this.book(), waitedMs: waited };
	}

	private book(): number {
		const now = this.clock.now();
		this.starts.push(now);
		this.forgetOld(now);
		return now;
	}

	/** Drops starts older than the window (cheaply: a moving head, compacted now and then). */
	private forgetOld(now: number): void {
		while (this.head < this.starts.length && this.starts[this.head] <= now - WINDOW_MS) this.refused.delete(this.starts[this.head++]);
		if (this.head > 1000) {
			this.starts = this.starts.slice(this.head);
			this.head = 0;
		}
	}
}

/** Reads "Max Requests per Minute" from the node's Options: a whole number, 0 = no pacing. */
export function requestsPerMinute(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_MAX_REQUESTS_PER_MINUTE;
	const number = Math.floor(Number(value));
	if (!Number.isFinite(number) || number < 0) return DEFAULT_MAX_REQUESTS_PER_MINUTE;
	return Math.min(number, MAX_MAX_REQUESTS_PER_MINUTE);
}
