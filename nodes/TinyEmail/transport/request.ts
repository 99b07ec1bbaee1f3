import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { nodeSetting, type RequestContext } from './context';
import { resolveCredential, type ResolvedCredential } from './credentials';
import { apiMessage, toNodeApiError } from './errors';
import { Pacer, requestsPerMinute, type Clock } from './pacer';
import { decideRetry, idempotentByDefault, maxRetryWaitMs, type RetryState } from './retry';
import { sendOnce, type AttemptResult, type HttpFailure } from './send';

export interface TinyEmailRequest {
	body?: IDataObject;
	qs?: IDataObject;
	/** Item the request is made for; named in the error. */
	itemIndex?: number;
	/** Return undefined instead of throwing when tinyEmail says "not found" (404, or 400 saying so). */
	notFoundAsUndefined?: boolean;
	/**
	 * Whether sending the request twice does no harm, which allows retrying it after a 5xx or a lost
	 * connection. Default: true for GET and PUT (reads, the customer upsert), false for POST (creates).
	 * Set it to false for a PUT that is not idempotent. Rate-limited requests (429) are retried either way.
	 */
	idempotent?: boolean;
}

/** Per node execution: the credential, one pacer (shared by every request of the run) and the retry budget. */
interface RunState {
	credential: Promise<ResolvedCredential>;
	pacer: Pacer;
	maxRetryWaitMs: number;
}

const runStates = new WeakMap<RequestContext, RunState>();

const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms: number) => await sleep(ms),
};

function runState(ctx: RequestContext): RunState {
	let state = runStates.get(ctx);
	if (!state) {
		// Options are read from the first item: pacing and retries are per run, not per item
		const options = nodeSetting(ctx, 'options', {}) as IDataObject;
		state = {
			credential: resolveCredential(ctx),
			pacer: new Pacer(requestsPerMinute(options.maxRequestsPerMinute), n8nClock),
			maxRetryWaitMs: maxRetryWaitMs(options.maxRetryWait),
		};
		runStates.set(ctx, state);
	}
	return state;
}

/**
 * Delivers one logical request: waits for a slot of the run's pacer, sends, and repeats the attempt
 * when transport/retry.ts says so (rate limit, or a 5xx / lost connection on a request that is safe
 * to repeat), within Max Retry Wait. Failures come back as data; the caller turns them into errors.
 */
async function deliver(
	ctx: RequestContext,
	idempotent: boolean,
	attempt: () => Promise<AttemptResult>,
): Promise<AttemptResult> {
	const settings = runState(ctx);
	const state: RetryState = { attempts: 0, serverErrorRetries: 0, waitedMs: 0 };
	for (;;) {
		await settings.pacer.acquire();
		const result = await attempt();
		state.attempts++;
		if (result.ok) return result;
		const decision = decideRetry(
			result.failure,
			state,
			{ idempotent },
			{ maxRetryWaitMs: settings.maxRetryWaitMs },
			n8nClock.now(),
			Math.random(),
		);
		if (!decision.retry) {
			if (decision.reason !== 'final') {
				result.failure.retry = {
					attempts: state.attempts,
					waitedMs: state.waitedMs,
					reason: decision.reason,
					maxRetryWaitMs: settings.maxRetryWaitMs,
					requestedWaitMs: decision.requestedWaitMs,
				};
			}
			return result;
		}
		if (decision.kind !== 'rateLimited') state.serverErrorRetries++;
		await n8nClock.sleep(decision.waitMs);
		state.waitedMs += decision.waitMs;
	}
}

/** The only way the node talks to tinyEmail. `path` is relative to `<baseUrl>/v1`. */
export async function tinyEmailApiRequest(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	request: TinyEmailRequest = {},
): Promise<unknown> {
	const outcome = await tryTinyEmailApiRequest(ctx, method, path, request);
	if (outcome.ok) return outcome.body;
	throw outcome.error;
}

export type ApiOutcome = { ok: true; body: unknown } | { ok: false; failure: HttpFailure; error: NodeApiError };

/**
 * Same as tinyEmailApiRequest, but a failure (after retries) comes back as data, with the HTTP facts
 * and a ready-made error, for callers that react to the kind of failure (batch bisection on a 400).
 */
export async function tryTinyEmailApiRequest(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	request: TinyEmailRequest = {},
): Promise<ApiOutcome> {
	const credential = await runState(ctx).credential;
	const options: IHttpRequestOptions = {
		method,
		url: `${credential.baseUrl}/v1${path}`,
		json: true,
		returnFullResponse: true,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;

	const idempotent = request.idempotent ?? idempotentByDefault(method);
	const result = await deliver(ctx, idempotent, async () => await sendOnce(ctx, credential, { ...options }));
	if (result.ok) return { ok: true, body: result.body };
	if (request.notFoundAsUndefined && isNotFound(result.failure.status, result.failure.body)) return { ok: true, body: undefined };
	// Read the credential again: n8n may have refreshed the OAuth2 token during this run, and the
	// new token must be scrubbed from the error too.
	const current = await resolveCredential(ctx).catch(() => credential);
	const scrubbing = { ...credential, secrets: [...credential.secrets, ...current.secrets] };
	return {
		ok: false,
		failure: result.failure,
		error: toNodeApiError(ctx.getNode(), result.failure, scrubbing, request.itemIndex),
	};
}

function isNotFound(status: number | undefined, body: unknown): boolean {
	if (status === 404) return true;
	return status === 400 && /not\s*found|does not exist/i.test(apiMessage(body) ?? '');
}
