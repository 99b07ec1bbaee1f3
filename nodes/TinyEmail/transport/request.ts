import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';

import { restApiBaseUrl } from '../../../credentials/baseUrl';
import { nodeSetting, type RequestContext } from './context';
import { resolveCredential, type ResolvedCredential } from './credentials';
import { isTinyEmailNotFound, toNodeApiError } from './errors';
import { Pacer, requestsPerMinute, type Clock } from './pacer';
import { decideRetry, idempotentByDefault, maxRetryWaitMs, type RetryState } from './retry';
import { sendRecoveringRefusedRefresh } from './refreshRecovery';
import type { AttemptResult, HttpFailure } from './send';
import { abortableSleep, cancelSignalOf, ExecutionStoppedError, WaitAborted } from './stop';
import { requestTimeoutMs } from './timeout';

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

/** Per node execution: the credential, one pacer (shared by every request of the run), the retry budget and the timeout. */
interface RunState {
	credential: Promise<ResolvedCredential>;
	pacer: Pacer;
	maxRetryWaitMs: number;
	timeoutMs: number;
	/** Whether the run said (in a hint) that it lowered its pace after a 429. */
	paceHinted?: boolean;
}

const runStates = new WeakMap<RequestContext, RunState>();

const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms: number, signal?: AbortSignal) => await abortableSleep(ms, signal),
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
			timeoutMs: requestTimeoutMs(options.timeout),
		};
		runStates.set(ctx, state);
	}
	return state;
}

/**
 * A 429 although the run kept to Max Requests per Minute: others use the same key. The pacer lowers the
 * run's rate (transport/adaptiveRate.ts); the first time, the run says so in a hint on the node.
 */
function lowerPace(ctx: RequestContext, settings: RunState, startedAt: number): void {
	const lowered = settings.pacer.rateLimited(startedAt);
	if (lowered === undefined || settings.paceHinted) return;
	const execution = ctx as Partial<IExecuteFunctions>;
	if (typeof execution.addExecutionHints !== 'function') return;
	settings.paceHinted = true;
	execution.addExecutionHints({
		message: `tinyEmail answered 429 (rate limit) while this run kept to Max Requests per Minute (${settings.pacer.perMinute}): other workflows or apps use the same tinyEmail account's 60 requests a minute. The run lowered its pace to ${lowered} a minute and regains it slowly. Lower Max Requests per Minute of workflows that run at the same time to avoid the waits.`,
		type: 'info',
		location: 'outputPane',
	});
}

/** What delivering one logical request produced, and whether an earlier attempt of it may have been applied. */
type Delivery = AttemptResult & { repeated: boolean };

/**
 * Delivers one logical request: waits for a slot of the run's pacer, sends, and repeats the attempt
 * when transport/retry.ts says so (rate limit, or a 5xx / lost connection / timeout on a request that
 * is safe to repeat), within Max Retry Wait. Failures come back as data; the caller turns them into
 * errors. When n8n stops the execution, every wait ends at once and nothing more is sent: it throws
 * ExecutionStoppedError.
 */
async function deliver(ctx: RequestContext, idempotent: boolean, attempt: () => Promise<AttemptResult>): Promise<Delivery> {
	const settings = runState(ctx);
	const signal = cancelSignalOf(ctx);
	const stopped = () => new ExecutionStoppedError(ctx.getNode());
	const wait = async <T>(waiting: Promise<T>): Promise<T> => {
		try {
			return await waiting;
		} catch (error) {
			throw error instanceof WaitAborted ? stopped() : error;
		}
	};
	const state: RetryState = { attempts: 0, serverErrorRetries: 0, timeoutRetries: 0, waitedMs: 0 };
	// Set once an attempt failed in a way that may have left it applied (5xx, lost connection, timeout)
	let repeated = false;
	for (;;) {
		// The booked start, not a second reading of the clock: a millisecond later under load, it would
		// match no booking, and a refused request would count as one tinyEmail took (a minute's wait)
		const { startedAt } = await wait(settings.pacer.acquire(signal));
		if (signal?.aborted) throw stopped();
		const result = await attempt();
		// A request n8n aborted, or one that ended as n8n stopped: nothing more is sent
		if (signal?.aborted) throw stopped();
		state.attempts++;
		if (result.ok) return { ...result, repeated };
		if (result.failure.timedOut) result.failure.timeoutMs = settings.timeoutMs;
		const rateLimited = result.failure.status === 429;
		if (rateLimited) lowerPace(ctx, settings, startedAt);
		const decision = decideRetry(
			result.failure,
			state,
			{ idempotent },
			{ maxRetryWaitMs: settings.maxRetryWaitMs, windowWaitMs: rateLimited ? settings.pacer.windowFreesInMs() : undefined },
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
			return { ...result, repeated };
		}
		if (decision.kind !== 'rateLimited') {
			state.serverErrorRetries++;
			if (result.failure.timedOut) state.timeoutRetries++;
			repeated = true;
		}
		await wait(n8nClock.sleep(decision.waitMs, signal));
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

export type ApiOutcome =
	| {
			ok: true;
			body: unknown;
			/**
			 * Whether an earlier attempt failed in a way that may have left it applied (a 5xx, a lost
			 * connection, no answer within Timeout) before this one succeeded: what the answer counts
			 * (e.g. numberOfCreatedMembers) may then include that earlier attempt's effect.
			 */
			repeated: boolean;
	  }
	| { ok: false; failure: HttpFailure; error: NodeApiError };

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
	const settings = runState(ctx);
	const credential = await settings.credential;
	const url = `${restApiBaseUrl(credential.baseUrl)}${path}`;
	const options: IHttpRequestOptions = {
		method,
		url,
		json: true,
		returnFullResponse: true,
		// n8n's own default is 300 s; a server that accepts the connection and never answers costs Timeout
		timeout: settings.timeoutMs,
	};
	const signal = cancelSignalOf(ctx);
	// n8n 2.x sets the cancel signal itself; older versions send what they are given
	if (signal) options.abortSignal = signal;
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;

	const idempotent = request.idempotent ?? idempotentByDefault(method);
	const result = await deliver(ctx, idempotent, async () => await sendRecoveringRefusedRefresh(ctx, credential, options));
	if (result.ok) return { ok: true, body: result.body, repeated: result.repeated };
	const { failure } = result;
	if (failure.status === 404 && !isTinyEmailNotFound(failure.body)) failure.notTinyEmail = { method, url };
	else if (request.notFoundAsUndefined && isNotFound(failure.status, failure.body))
		return { ok: true, body: undefined, repeated: result.repeated };
	// Read the credential again: n8n may have refreshed the OAuth2 token during this run, and the
	// new token must be scrubbed from the error too.
	const current = await resolveCredential(ctx).catch(() => credential);
	const scrubbing = { ...credential, secrets: [...credential.secrets, ...current.secrets] };
	return {
		ok: false,
		failure,
		error: toNodeApiError(ctx.getNode(), failure, scrubbing, request.itemIndex),
	};
}

/** tinyEmail's ways of saying "no such customer" (the contract): its 404, or a 400 whose message says so. */
function isNotFound(status: number | undefined, body: unknown): boolean {
	return (status === 404 || status === 400) && isTinyEmailNotFound(body);
}

/**
 * Ends the run of `ctx`: its next request reads the credential and the options again. For a trigger,
 * whose poll context n8n keeps from one poll to the next while the workflow is active.
 */
export function endRun(ctx: RequestContext): void {
	runStates.delete(ctx);
}
