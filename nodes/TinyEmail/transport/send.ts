import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { RequestContext } from './context';
import type { ResolvedCredential } from './credentials';
import { isNetworkErrorCode } from './networkError';
import { shorten } from './shorten';

/** What one HTTP attempt produced. HTTP failures are returned, not thrown, so a retry loop can inspect them. */
export type AttemptResult = { ok: true; status: number; body: unknown } | { ok: false; failure: HttpFailure };

export interface HttpFailure {
	/** HTTP status, absent for network errors (connection refused, reset, timeout). */
	status?: number;
	/** Parsed response body, when there was one. */
	body?: unknown;
	/** Response headers (lower-case names), e.g. `retry-after`. */
	headers: Record<string, string>;
	/** Network error code such as ECONNREFUSED. */
	code?: string;
	/** No answer came within the request's timeout (the Timeout option); `timeoutMs` is that timeout. */
	timedOut?: boolean;
	timeoutMs?: number;
	/** A 404 that is not tinyEmail's "not found" (an HTML page, another JSON shape): the Base URL is probably wrong. */
	notTinyEmail?: { method: string; url: string };
	/**
	 * Set when n8n itself gave up before or after the request, e.g. an OAuth2 refresh that was refused
	 * ("needs to be reconnected"). Such failures are never worth retrying.
	 */
	credentialMessage?: string;
	credentialDescription?: string;
	/** n8n tried to refresh the OAuth2 token and the token endpoint refused (invalid_grant, "needs to be reconnected"). */
	refreshRefused?: boolean;
	/** The words of a failure that is neither an HTTP answer nor a network error (it happened inside n8n). */
	otherError?: string;
	/** Set by the retry loop when it gave up on a failure it could have retried (see transport/retry.ts). */
	retry?: RetrySummary;
}

export interface RetrySummary {
	attempts: number;
	waitedMs: number;
	/** Why it stopped: not safe to repeat, too many server errors, or Max Retry Wait reached. */
	reason: 'notIdempotent' | 'tooManyErrors' | 'waitBudget' | 'tooManyAttempts';
	maxRetryWaitMs: number;
	/** The wait tinyEmail asked for (or the backoff) that did not fit in Max Retry Wait. */
	requestedWaitMs?: number;
}

/** Sends exactly one request through n8n's credential machinery (OAuth2 refresh included). */
export async function sendOnce(ctx: RequestContext, credential: ResolvedCredential, options: IHttpRequestOptions): Promise<AttemptResult> {
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credential.credentialType, options, {
			oauth2: { tokenType: 'Bearer' },
		})) as { statusCode?: number; body?: unknown };
		return { ok: true, status: response.statusCode ?? 200, body: response.body };
	} catch (error) {
		return { ok: false, failure: describeFailure(error) };
	}
}

/** Digs the HTTP facts out of whatever n8n threw (a NodeApiError wrapping an axios-style error, usually). */
export function describeFailure(error: unknown): HttpFailure {
	const chain = errorChain(error);
	const response = chain
		.map((e) => e.response as IDataObject | undefined)
		.find((r) => r && typeof r === 'object' && typeof r.status === 'number');
	if (response) {
		return {
			status: response.status as number,
			body: response.data,
			headers: lowerCaseHeaders(response.headers),
		};
	}
	// n8n 1.x lets @n8n/client-oauth2's AuthError (code EAUTH, body.error invalid_grant…) through when a
	// refresh is refused, wrapped in a NodeApiError that keeps only httpCode 'EAUTH'; n8n 2.x turns it
	// into "needs to be reconnected". Both mean the same to the user.
	const refusedRefresh = chain.find((e) => e.code === 'EAUTH' || e.httpCode === 'EAUTH' || isOAuthGrantError(e.body));
	if (refusedRefresh) {
		return {
			headers: {},
			refreshRefused: true,
			credentialMessage: 'tinyEmail refused to renew the OAuth2 access: the tinyEmail OAuth2 credential needs to be reconnected',
			credentialDescription: `Open the tinyEmail OAuth2 credential and connect it again (tinyEmail said: ${
				chain.map((e) => oauthErrorCode(e.body)).find(Boolean) ?? 'authorization refused'
			}).`,
		};
	}
	const credentialError = chain.find((e) => e.name === 'NodeOperationError' || /reconnect|not connected/i.test(String(e.message ?? '')));
	if (credentialError) {
		return {
			headers: {},
			refreshRefused: /needs to be reconnected/i.test(String(credentialError.message)),
			credentialMessage: String(credentialError.message),
			credentialDescription: typeof credentialError.description === 'string' ? credentialError.description : undefined,
		};
	}
	// n8n 1.x puts a network error's code (ECONNRESET…) into httpCode and its text into messages
	const code = chain.map((e) => e.code).find((value) => typeof value === 'string') ?? chain.map((e) => e.httpCode).find(isNetworkCode);
	const httpCode = chain.map((e) => Number(e.httpCode)).find((n) => Number.isInteger(n) && n >= 100);
	const failure: HttpFailure = { headers: {}, code: code as string | undefined, status: httpCode };
	// n8n 1.x wraps the HTTP error in a NodeApiError that drops it (and its headers), keeping a JSON body as context.data
	const keptBody = chain.map((e) => (e.context as IDataObject | undefined)?.data).find((data) => data && typeof data === 'object');
	if (httpCode !== undefined && keptBody !== undefined) failure.body = keptBody;
	if (chain.some(isTimeout)) failure.timedOut = true;
	// The innermost error says what really happened (n8n wraps it in a NodeApiError with words of its own)
	const innermost = chain[chain.length - 1];
	if (failure.status === undefined && !failure.timedOut && !isNetworkErrorCode(failure.code) && innermost?.message) {
		failure.otherError = shorten(String(innermost.message), 300);
	}
	return failure;
}

/** axios's timeout (`timeout of 30000ms exceeded`, code ECONNABORTED, or ETIMEDOUT with clarifyTimeoutError). */
function isTimeout(error: IDataObject): boolean {
	const code = error.code ?? error.httpCode;
	const texts = [error.message, ...(Array.isArray(error.messages) ? error.messages : [])].map(String);
	return (code === 'ECONNABORTED' || code === 'ETIMEDOUT') && texts.some((text) => /time(d)?\s*out/i.test(text));
}

function isNetworkCode(value: unknown): value is string {
	return typeof value === 'string' && /^E[A-Z_]+$/.test(value);
}

const OAUTH_GRANT_ERRORS = ['invalid_grant', 'invalid_client', 'unauthorized_client'];

/** The `error` code of an OAuth-style error body (`{"error":"invalid_grant",…}`), when there is one. */
export function oauthErrorCode(body: unknown): string | undefined {
	const code = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
	return typeof code === 'string' ? code : undefined;
}

function isOAuthGrantError(body: unknown): boolean {
	return OAUTH_GRANT_ERRORS.includes(oauthErrorCode(body) ?? '');
}

function errorChain(error: unknown): IDataObject[] {
	const chain: IDataObject[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 6 && !chain.includes(current as IDataObject)) {
		chain.push(current as IDataObject);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	const entries =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? Object.entries((headers as { toJSON: () => object }).toJSON())
			: Object.entries(headers);
	for (const [name, value] of entries) {
		if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
	}
	return result;
}
