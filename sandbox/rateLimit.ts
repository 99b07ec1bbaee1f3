// Per-identity (API key or access token, or the whole account) sliding 60-second window: a request is allowed
// when fewer than `perMinute` requests of that identity were allowed in the last 60 s. Rejected requests do not count.
import type { RateLimitScope } from './types';

const WINDOW_MS = 60_000;

/** The sandbox serves one account: with scope 'account' every key and token of it counts against one budget. */
export function rateLimitIdentity(scope: RateLimitScope, callerIdentity: string): string {
	return scope === 'account' ? 'account' : callerIdentity;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class SlidingWindowRateLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(private readonly now: () => number) {}

	check(identity: string, perMinute: number | false): RateDecision {
		if (perMinute === false) return { allowed: true };
		const now = this.now();
		const recent = (this.hits.get(identity) ?? []).filter((at) => at > now - WINDOW_MS);
		if (perMinute <= 0) return { allowed: false, retryAfterSeconds: WINDOW_MS / 1000 };
		if (recent.length >= perMinute) {
			this.hits.set(identity, recent);
			// The oldest hit leaves the window first; the client may retry then (at least 1 s, a whole number).
			const oldest = recent[recent.length - perMinute];
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
		}
		recent.push(now);
		this.hits.set(identity, recent);
		return { allowed: true };
	}

	reset(): void {
		this.hits.clear();
	}
}
