/**
 * Keeps one node execution under "Max Requests per Minute" with a sliding window, the shape of
 * tinyEmail's limit (60 requests in any 60 seconds per key): a request may start when fewer than
 * `perMinute` requests started in the last 60 s, else it waits until the oldest of them leaves the
 * window. So a short run goes at full speed, and a long run settles at `perMinute` a minute instead
 * of bouncing off 429s. Every attempt counts, retries included.
 */

export const WINDOW_MS = 60_000;
export const DEFAULT_MAX_REQUESTS_PER_MINUTE = 55;
export const MAX_MAX_REQUESTS_PER_MINUTE = 10_000;

export interface Clock {
	now(): number;
	/** Waits `ms`; rejects early when `signal` fires (the execution was stopped). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class Pacer {
	/** Start times of the latest requests, oldest first; never longer than `perMinute`. */
	private readonly starts: number[] = [];
	/** Callers queue here so concurrent requests take slots one after another. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		/** 0 turns pacing off. */
		readonly perMinute: number,
		private readonly clock: Clock,
	) {}

	/**
	 * Resolves when the next request may start, and books that start. Returns how long it waited.
	 * Rejects, booking nothing, when `signal` fires while it waits.
	 */
	async acquire(signal?: AbortSignal): Promise<number> {
		if (this.perMinute <= 0) return 0;
		const turn = this.queue.then(async () => await this.takeSlot(signal));
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	private async takeSlot(signal: AbortSignal | undefined): Promise<number> {
		let waited = 0;
		if (this.starts.length >= this.perMinute) {
			const freeAt = this.starts[this.starts.length - this.perMinute] + WINDOW_MS;
			const wait = freeAt - this.clock.now();
			if (wait > 0) {
				await this.clock.sleep(wait, signal);
				waited = wait;
			}
		}
		this.starts.push(this.clock.now());
		if (this.starts.length > this.perMinute) this.starts.splice(0, this.starts.length - this.perMinute);
		return waited;
	}
}

/** Reads "Max Requests per Minute" from the node's Options: a whole number, 0 = no pacing. */
export function requestsPerMinute(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_MAX_REQUESTS_PER_MINUTE;
	const number = Math.floor(Number(value));
	if (!Number.isFinite(number) || number < 0) return DEFAULT_MAX_REQUESTS_PER_MINUTE;
	return Math.min(number, MAX_MAX_REQUESTS_PER_MINUTE);
}
