/**
 * The pacer's rate for one node run, adapted to tinyEmail's answers. tinyEmail's 60 requests a minute are
 * shared by every workflow using the same account, so a 429 means others use part of them. The run then
 * lowers its rate for the rest of the run to a little under what it actually got (9/10 of its requests
 * tinyEmail counted in the last minute), but never below half its rate in one step, and regains it slowly:
 * 1 request a minute more after a minute without a 429, 2 more after the next, and so on, up to Max
 * Requests per Minute. Only a 429 to a request sent after the last decrease lowers the rate again:
 * earlier requests were sent at the old rate and say nothing new. (The pacer also spaces the requests
 * evenly from the first 429 on; together, in simulations of 2 to 4 runs sharing a key, at most 5% of the
 * requests are answered 429, with or without Retry-After, and the runs take at most a quarter longer
 * than sending exactly 60 a minute: test/unit/pacer.test.ts.)
 */

export const REGAIN_INTERVAL_MS = 60_000;

export class AdaptiveRate {
	/** The rate right after the last decrease; undefined while no 429 was seen. */
	private lowered: number | undefined;
	private loweredAt = Number.NEGATIVE_INFINITY;

	constructor(
		/** Max Requests per Minute: where the rate starts and the most it regains. */
		readonly ceiling: number,
	) {}

	/** Requests per minute allowed at `now`. */
	current(now: number): number {
		if (this.lowered === undefined) return this.ceiling;
		const minutes = Math.floor((now - this.loweredAt) / REGAIN_INTERVAL_MS);
		return Math.min(this.ceiling, this.lowered + (minutes * (minutes + 1)) / 2);
	}

	/** Whether a 429 has lowered the rate in this run. */
	get adapted(): boolean {
		return this.lowered !== undefined;
	}

	/**
	 * tinyEmail answered 429 at `now` to a request that started at `startedAt`, when `counted` of the run's
	 * requests of the last minute had been accepted. Returns the new rate when this lowered it.
	 */
	rateLimited(startedAt: number, now: number, counted: number): number | undefined {
		if (startedAt <= this.loweredAt) return undefined;
		const rate = this.current(now);
		this.lowered = Math.max(1, Math.floor(rate / 2), Math.floor(0.9 * Math.min(rate, counted)));
		this.loweredAt = now;
		return this.lowered;
	}
}
