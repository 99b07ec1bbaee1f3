import type { HttpFailure } from './send';

/**
 * The retry policy, as pure functions (no clock, no sleeping) so it can be unit-tested:
 *
 * - 429 (rate limit): retried for every method, because the server refused the request before doing
 *   anything with it. Waits for `Retry-After` (seconds or an HTTP date); without it, until tinyEmail's
 *   window plausibly has room again (`windowWaitMs`: the oldest of the run's requests tinyEmail counted
 *   in the last minute turns a minute old; see Pacer.windowFreesInMs) rather than probing every few
 *   seconds; only when the run has no such request, exponential backoff from 1 s, capped at 60 s, with jitter.
 * - 500/502/503/504 and a connection lost mid-request (reset, hang-up, no answer within Timeout): the request may or may
 *   not have been applied, so they are retried only when repeating it is safe (`idempotent`: reads and
 *   the customer upsert), at most 4 times, backoff from 250 ms (or `Retry-After` when the server sends one).
 *   A request that got no answer within Timeout is repeated at most once: each such attempt waits the whole
 *   Timeout, so a tinyEmail that accepts connections and never answers costs at most 2 × Timeout.
 * - Anything else (400, 401/403 after n8n's own OAuth2 refresh, 404, a refused connection, a credential
 *   that needs reconnecting) is final.
 * - All waits of one request together stay within `maxRetryWaitMs` ("Max Retry Wait"); a wait that would
 *   go past it ends the retries with an explanation instead.
 */

export const RETRYABLE_STATUSES: readonly number[] = [500, 502, 503, 504];

/**
 * Connection failures after the request may have been sent. ECONNREFUSED and ENOTFOUND are deliberately
 * absent: they mean a wrong Base URL or a server that is down, which waiting does not fix.
 */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
];

export const RATE_LIMIT_BACKOFF = { baseMs: 1000, capMs: 60_000 };
export const SERVER_ERROR_BACKOFF = { baseMs: 250, capMs: 8000 };
/** Retries after a 5xx or a lost connection (so at most 5 attempts). */
export const MAX_SERVER_ERROR_RETRIES = 4;
/** Retries after no answer within Timeout (so at most 2 attempts that wait the whole Timeout). */
export const MAX_TIMEOUT_RETRIES = 1;
/** Hard stop on attempts of one request, whatever the waits (a server answering `Retry-After: 0` forever). */
export const MAX_ATTEMPTS = 100;
/** Shortest wait before repeating a rate-limited request, even when `Retry-After` says 0. */
export const MIN_RATE_LIMIT_WAIT_MS = 500;

export const DEFAULT_MAX_RETRY_WAIT_SECONDS = 300;
export const MAX_MAX_RETRY_WAIT_SECONDS = 3600;

export type FailureKind = 'rateLimited' | 'serverError' | 'connectionLost' | 'final';

export function classifyFailure(failure: HttpFailure): FailureKind {
	if (failure.credentialMessage) return 'final';
	if (failure.status === 429) return 'rateLimited';
	if (failure.status !== undefined) return RETRYABLE_STATUSES.includes(failure.status) ? 'serverError' : 'final';
	if (failure.timedOut) return 'connectionLost';
	if (failure.code && RETRYABLE_NETWORK_CODES.includes(failure.code)) return 'connectionLost';
	return 'final';
}

/** Whether a request may be sent twice without harm, by default from its method. */
export function idempotentByDefault(method: string): boolean {
	return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

/** `Retry-After` as milliseconds from `nowMs`: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so waits never collapse to 0. */
export function backoffMs(retryNumber: number, backoff: { baseMs: number; capMs: number }, random: number): number {
	const step = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, retryNumber - 1));
	return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1));
}

export interface RetryState {
	/** Attempts made so far (1 after the first). */
	attempts: number;
	/** Retries so far after a 5xx or a lost connection (no answer within Timeout included). */
	serverErrorRetries: number;
	/** Retries so far after no answer within Timeout. */
	timeoutRetries: number;
	/** Milliseconds already waited for this request. */
	waitedMs: number;
}

export type RetryDecision =
	{ retry: true; waitMs: number; kind: FailureKind } | { retry: false; kind: FailureKind; reason: GiveUpReason; requestedWaitMs?: number };

export type GiveUpReason = 'final' | 'notIdempotent' | 'tooManyErrors' | 'waitBudget' | 'tooManyAttempts';

export function decideRetry(
	failure: HttpFailure,
	state: RetryState,
	request: { idempotent: boolean },
	settings: { maxRetryWaitMs: number; windowWaitMs?: number },
	nowMs: number,
	random: number,
): RetryDecision {
	const kind = classifyFailure(failure);
	if (kind === 'final') return { retry: false, kind, reason: 'final' };
	if (kind !== 'rateLimited' && !request.idempotent) return { retry: false, kind, reason: 'notIdempotent' };
	if (kind !== 'rateLimited' && state.serverErrorRetries >= MAX_SERVER_ERROR_RETRIES) {
		return { retry: false, kind, reason: 'tooManyErrors' };
	}
	if (failure.timedOut && state.timeoutRetries >= MAX_TIMEOUT_RETRIES) return { retry: false, kind, reason: 'tooManyErrors' };
	if (state.attempts >= MAX_ATTEMPTS) return { retry: false, kind, reason: 'tooManyAttempts' };

	const retryAfter = parseRetryAfter(failure.headers['retry-after'], nowMs);
	let waitMs: number;
	if (kind === 'rateLimited') {
		const rateLimitedRetries = state.attempts - state.serverErrorRetries;
		waitMs = retryAfter ?? settings.windowWaitMs ?? backoffMs(rateLimitedRetries, RATE_LIMIT_BACKOFF, random);
		waitMs = Math.max(waitMs, MIN_RATE_LIMIT_WAIT_MS);
	} else {
		waitMs = retryAfter ?? backoffMs(state.serverErrorRetries + 1, SERVER_ERROR_BACKOFF, random);
	}
	if (state.waitedMs + waitMs > settings.maxRetryWaitMs) {
		return { retry: false, kind, reason: 'waitBudget', requestedWaitMs: waitMs };
	}
	return { retry: true, waitMs, kind };
}

/** Reads "Max Retry Wait" (seconds) from the node's Options, kept within bounds. */
export function maxRetryWaitMs(seconds: unknown): number {
	const value = Number(seconds ?? DEFAULT_MAX_RETRY_WAIT_SECONDS);
	if (!Number.isFinite(value) || value < 0) return DEFAULT_MAX_RETRY_WAIT_SECONDS * 1000;
	return Math.round(Math.min(value, MAX_MAX_RETRY_WAIT_SECONDS) * 1000);
}

/** Words for a duration, e.g. "5 minutes", "90 seconds". */
export function describeDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds >= 120 && seconds % 60 === 0) return `${seconds / 60} minutes`;
	if (seconds === 60) return '1 minute';
	return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
