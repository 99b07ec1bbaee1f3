import {
	backoffMs,
	classifyFailure,
	decideRetry,
	idempotentByDefault,
	MAX_SERVER_ERROR_RETRIES,
	MAX_TIMEOUT_RETRIES,
	maxRetryWaitMs,
	parseRetryAfter,
	type RetryState,
} from '../../nodes/TinyEmail/transport/retry';
import type { HttpFailure } from '../../nodes/TinyEmail/transport/send';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const BUDGET = { maxRetryWaitMs: 300_000 };
const fresh = (attempts = 1): RetryState => ({ attempts, serverErrorRetries: 0, timeoutRetries: 0, waitedMs: 0 });
const failure = (status?: number, headers: Record<string, string> = {}, code?: string): HttpFailure => ({ status, headers, code });

describe('retry policy', () => {
	test('methods: GET and PUT are idempotent by default, POST is not', () => {
		expect(idempotentByDefault('GET')).toBe(true);
		expect(idempotentByDefault('put')).toBe(true);
		expect(idempotentByDefault('POST')).toBe(false);
		expect(idempotentByDefault('PATCH')).toBe(false);
	});

	test('no answer within Timeout: retried like a lost connection when safe to repeat, never for a POST', () => {
		const timedOut: HttpFailure = { headers: {}, timedOut: true, timeoutMs: 30_000 };
		expect(classifyFailure(timedOut)).toBe('connectionLost');
		expect(decideRetry(timedOut, fresh(), { idempotent: true }, BUDGET, NOW, 0.5)).toMatchObject({ retry: true, kind: 'connectionLost' });
		expect(decideRetry(timedOut, fresh(), { idempotent: false }, BUDGET, NOW, 0.5)).toMatchObject({
			retry: false,
			reason: 'notIdempotent',
		});
	});

	test('no answer within Timeout is repeated at most once (each such attempt waits the whole Timeout); other failures after it still are', () => {
		const timedOut: HttpFailure = { headers: {}, timedOut: true, timeoutMs: 30_000 };
		const afterOneTimeout: RetryState = { attempts: 2, serverErrorRetries: 1, timeoutRetries: MAX_TIMEOUT_RETRIES, waitedMs: 250 };
		expect(decideRetry(timedOut, afterOneTimeout, { idempotent: true }, BUDGET, NOW, 0.5)).toEqual({
			retry: false,
			kind: 'connectionLost',
			reason: 'tooManyErrors',
		});
		expect(decideRetry(failure(503), afterOneTimeout, { idempotent: true }, BUDGET, NOW, 0.5)).toMatchObject({ retry: true });
	});

	test.each([500, 502, 503, 504])('a POST is never retried after HTTP %s', (status) => {
		const decision = decideRetry(failure(status), fresh(), { idempotent: false }, BUDGET, NOW, 0.5);
		expect(decision).toMatchObject({ retry: false, reason: 'notIdempotent' });
	});

	test.each(['ECONNRESET', 'EPIPE', 'ETIMEDOUT'])('a POST is never retried after a lost connection (%s)', (code) => {
		expect(decideRetry(failure(undefined, {}, code), fresh(), { idempotent: false }, BUDGET, NOW, 0.5)).toMatchObject({
			retry: false,
			reason: 'notIdempotent',
		});
	});

	test('a POST answered 429 is retried: the server refused it before doing anything', () => {
		expect(decideRetry(failure(429, { 'retry-after': '2' }), fresh(), { idempotent: false }, BUDGET, NOW, 0.5)).toEqual({
			retry: true,
			waitMs: 2000,
			kind: 'rateLimited',
		});
	});

	test('idempotent requests are retried after 5xx and lost connections, a bounded number of times', () => {
		expect(decideRetry(failure(503), fresh(), { idempotent: true }, BUDGET, NOW, 0)).toEqual({
			retry: true,
			waitMs: 125,
			kind: 'serverError',
		});
		expect(decideRetry(failure(undefined, {}, 'ECONNRESET'), fresh(), { idempotent: true }, BUDGET, NOW, 1)).toEqual({
			retry: true,
			waitMs: 250,
			kind: 'connectionLost',
		});
		const exhausted: RetryState = {
			attempts: MAX_SERVER_ERROR_RETRIES + 1,
			serverErrorRetries: MAX_SERVER_ERROR_RETRIES,
			timeoutRetries: 0,
			waitedMs: 4000,
		};
		expect(decideRetry(failure(500), exhausted, { idempotent: true }, BUDGET, NOW, 0.5)).toMatchObject({
			retry: false,
			reason: 'tooManyErrors',
		});
	});

	test.each([
		[400, undefined],
		[401, undefined],
		[403, undefined],
		[404, undefined],
		[undefined, 'ECONNREFUSED'],
		[undefined, 'ENOTFOUND'],
	])('HTTP %s / %s is final', (status, code) => {
		expect(classifyFailure(failure(status, {}, code))).toBe('final');
		expect(decideRetry(failure(status, {}, code), fresh(), { idempotent: true }, BUDGET, NOW, 0.5)).toMatchObject({
			retry: false,
			reason: 'final',
		});
	});

	test('a credential that needs reconnecting is final even with a status', () => {
		expect(classifyFailure({ status: 500, headers: {}, credentialMessage: 'needs to be reconnected' })).toBe('final');
	});

	test('Retry-After in seconds or as an HTTP date', () => {
		expect(parseRetryAfter('7', NOW)).toBe(7000);
		expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
		expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
		expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
		expect(parseRetryAfter('soon', NOW)).toBeUndefined();
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
	});

	test('429 without Retry-After backs off exponentially from 1 s with jitter, capped at 60 s', () => {
		const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((retry) => backoffMs(retry, { baseMs: 1000, capMs: 60_000 }, 1));
		expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
		expect(backoffMs(3, { baseMs: 1000, capMs: 60_000 }, 0)).toBe(2000);
		const second = decideRetry(
			failure(429),
			{ attempts: 2, serverErrorRetries: 0, timeoutRetries: 0, waitedMs: 1000 },
			{ idempotent: true },
			BUDGET,
			NOW,
			0.5,
		);
		expect(second).toEqual({ retry: true, waitMs: 1500, kind: 'rateLimited' });
	});

	test('429 without Retry-After waits until the window has room when the run can tell, whatever the retry number', () => {
		const settings = { ...BUDGET, windowWaitMs: 41_000 };
		expect(decideRetry(failure(429), fresh(), { idempotent: true }, settings, NOW, 0.5)).toEqual({
			retry: true,
			waitMs: 41_000,
			kind: 'rateLimited',
		});
		expect(
			decideRetry(
				failure(429),
				{ attempts: 5, serverErrorRetries: 0, timeoutRetries: 0, waitedMs: 0 },
				{ idempotent: true },
				settings,
				NOW,
				0.5,
			),
		).toMatchObject({ waitMs: 41_000 });
		// Retry-After, when sent, still decides
		expect(decideRetry(failure(429, { 'retry-after': '7' }), fresh(), { idempotent: true }, settings, NOW, 0.5)).toMatchObject({
			waitMs: 7000,
		});
		// A window wait longer than Max Retry Wait ends the retries at once, saying how long it would be
		expect(decideRetry(failure(429), fresh(), { idempotent: true }, { maxRetryWaitMs: 5000, windowWaitMs: 41_000 }, NOW, 0.5)).toEqual({
			retry: false,
			kind: 'rateLimited',
			reason: 'waitBudget',
			requestedWaitMs: 41_000,
		});
	});

	test('Retry-After 0 still waits a little, so a misbehaving server cannot make it spin', () => {
		expect(decideRetry(failure(429, { 'retry-after': '0' }), fresh(), { idempotent: true }, BUDGET, NOW, 0.5)).toMatchObject({
			retry: true,
			waitMs: 500,
		});
	});

	test('the waits of one request stay within Max Retry Wait', () => {
		expect(decideRetry(failure(429, { 'retry-after': '3600' }), fresh(), { idempotent: true }, BUDGET, NOW, 0.5)).toEqual({
			retry: false,
			kind: 'rateLimited',
			reason: 'waitBudget',
			requestedWaitMs: 3_600_000,
		});
		const nearlySpent: RetryState = { attempts: 20, serverErrorRetries: 0, timeoutRetries: 0, waitedMs: 299_000 };
		expect(decideRetry(failure(429, { 'retry-after': '2' }), nearlySpent, { idempotent: true }, BUDGET, NOW, 0.5)).toMatchObject({
			retry: false,
			reason: 'waitBudget',
		});
		expect(decideRetry(failure(503), fresh(), { idempotent: true }, { maxRetryWaitMs: 0 }, NOW, 0.5)).toMatchObject({
			retry: false,
			reason: 'waitBudget',
		});
	});

	test('a long rate-limit episode ends: simulated to the end with no Retry-After', () => {
		const state: RetryState = { attempts: 1, serverErrorRetries: 0, timeoutRetries: 0, waitedMs: 0 };
		for (;;) {
			const decision = decideRetry(failure(429), state, { idempotent: true }, BUDGET, NOW, 0.5);
			if (!decision.retry) {
				expect(decision.reason).toBe('waitBudget');
				break;
			}
			state.waitedMs += decision.waitMs;
			state.attempts++;
			expect(state.attempts).toBeLessThan(100);
		}
		expect(state.waitedMs).toBeLessThanOrEqual(300_000);
	});

	test('Max Retry Wait option: default 5 minutes, bounded', () => {
		expect(maxRetryWaitMs(undefined)).toBe(300_000);
		expect(maxRetryWaitMs(0)).toBe(0);
		expect(maxRetryWaitMs(10)).toBe(10_000);
		expect(maxRetryWaitMs(1e9)).toBe(3_600_000);
		expect(maxRetryWaitMs(-1)).toBe(300_000);
		expect(maxRetryWaitMs('abc')).toBe(300_000);
	});
});
