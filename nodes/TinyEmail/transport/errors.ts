import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ResolvedCredential } from './credentials';
import { describeDuration } from './retry';
import { oauthErrorCode, type HttpFailure } from './send';
import { shorten } from './shorten';

/**
 * tinyEmail's OAuth2 scope (import_customers) reaches only the customer endpoints; audiences, campaigns
 * and senders answer a bearer token with 403 insufficient_scope. The operations check this before sending
 * (helpers/apiKeyOnly.ts); the transport maps such a 403 to the same words.
 */
export const API_KEY_NEEDED_MESSAGE =
	'This operation needs the tinyEmail API credential (API key); the OAuth2 scope import_customers only covers customers';
export const API_KEY_NEEDED_DESCRIPTION =
	'Set Authentication to API Key and select a tinyEmail API credential (tinyEmail: My account > API keys).';

/** Turns a failed request into a NodeApiError a user can act on, with no secret in it. */
export function toNodeApiError(node: INode, failure: HttpFailure, credential: ResolvedCredential, itemIndex?: number): NodeApiError {
	const { message, description } = withRetryStory(failure, explain(failure, credential, itemIndex));
	const httpCode = failure.status !== undefined ? String(failure.status) : undefined;
	const scrub = (text: string | undefined) => (text === undefined ? undefined : redact(text, credential.secrets));
	// Built from a plain object so that no request (and no auth header) travels inside the error
	const response: JsonObject = { message: scrub(message) ?? '' };
	if (httpCode) response.httpCode = httpCode;
	const error = new NodeApiError(node, response, {
		message: scrub(message),
		description: scrub(description),
		httpCode,
		itemIndex,
	});
	// NodeApiError swaps a message that names a network code (ECONNREFUSED…) for generic words of its own
	error.message = scrub(message) ?? error.message;
	return error;
}

export function apiMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		for (const key of ['message', 'error_description', 'error']) {
			if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
		}
	}
	if (typeof body === 'string' && body.trim() !== '' && body.length < 500) return body.trim();
	return undefined;
}

/**
 * Whether a 404 (or 400) is tinyEmail saying "not found" in its own style (the contract:
 * `{"message":"Customer not found"}`), rather than some other server's page or JSON.
 */
export function isTinyEmailNotFound(body: unknown): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	// Only tinyEmail's own field: Spring's default `{"error":"Not Found","path":…}` is some other server's 404
	const { message } = body as { message?: unknown };
	return typeof message === 'string' && /not\s*found|does not exist/i.test(message);
}

function explain(
	failure: HttpFailure,
	credential: ResolvedCredential,
	itemIndex: number | undefined,
): { message: string; description?: string } {
	if (failure.credentialMessage) {
		return {
			message: failure.credentialMessage,
			description:
				failure.credentialDescription ?? 'Open the tinyEmail OAuth2 credential and click Connect again (reconnect the credential).',
		};
	}
	const status = failure.status;
	const said = apiMessage(failure.body);
	const saidSuffix = said ? ` (tinyEmail said: ${said})` : '';
	if (failure.timedOut) {
		return {
			message: `tinyEmail did not answer within ${describeDuration(failure.timeoutMs ?? 0)}${itemIndex === undefined ? '' : ` (item ${itemIndex})`}`,
			description:
				"tinyEmail (or something between n8n and it) accepted the request but sent no answer. Try again later; raise Timeout in the node's Options if tinyEmail is only slow, and check the credential's Base URL.",
		};
	}
	if (failure.notTinyEmail) {
		return {
			message: `This Base URL does not look like tinyEmail's API: ${failure.notTinyEmail.method} ${failure.notTinyEmail.url} answered 404 ${describeBody(failure.body)}`,
			description: `Check the tinyEmail credential: choose Base URL "tinyEmail (api.tinyemail.com)", or correct its Custom URL (now ${credential.baseUrl}) to the address of your test server, without /v1.`,
		};
	}
	if (status === undefined && failure.otherError !== undefined) {
		return {
			message: `n8n could not complete the request to tinyEmail: ${failure.otherError}`,
			description:
				"This failure happened inside n8n or on this computer (for example n8n's own database), not at tinyEmail or on the way to it. Try again; if it keeps happening, check n8n's logs.",
		};
	}
	if (status === undefined) {
		return {
			message: `Could not reach tinyEmail at ${credential.baseUrl}${failure.code ? ` (${failure.code})` : ''}`,
			description: 'Check the network and the Base URL of the credential, then try again.',
		};
	}
	if (credential.authentication === 'oAuth2' && status === 403 && oauthErrorCode(failure.body) === 'insufficient_scope') {
		return { message: API_KEY_NEEDED_MESSAGE, description: API_KEY_NEEDED_DESCRIPTION };
	}
	if (credential.authentication === 'apiKey' && (status === 401 || status === 403)) {
		return {
			message: 'The API key was rejected by tinyEmail',
			description:
				'Check the API key in the tinyEmail API credential (tinyEmail: My account > API keys). API access needs a tinyEmail Enterprise plan.' +
				saidSuffix,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: 'tinyEmail refused the OAuth2 access',
			description: `Reconnect the tinyEmail OAuth2 credential; if it keeps happening, ask tinyEmail support to check the client's scope.${saidSuffix}`,
		};
	}
	if (status === 429) {
		return {
			message: "tinyEmail's rate limit was reached",
			description:
				'tinyEmail allows about 60 requests a minute. Wait a minute and run again, or send fewer requests (a larger Batch Size).',
		};
	}
	if (status >= 500) {
		return {
			message: `tinyEmail had a server error (HTTP ${status})`,
			description: `This is usually temporary. Try again in a few minutes.${saidSuffix}`,
		};
	}
	if (status === 404) {
		return { message: `tinyEmail could not find what was asked for${said ? `: ${said}` : ''}` };
	}
	return {
		message: `tinyEmail rejected the request (HTTP ${status})${said ? `: ${said}` : ''}`,
		description: 'Check the values sent in this item.',
	};
}

/** What a 404 that is not tinyEmail's looked like, in words. */
function describeBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'without tinyEmail\'s "not found" message';
	if (typeof body === 'string') return /^\s*</.test(body) ? 'with an HTML page' : `with the text "${shorten(body.trim(), 80)}"`;
	return `with JSON that is not tinyEmail's (${shorten(JSON.stringify(body), 80)})`;
}

/** Says what the retry loop tried before giving up (transport/retry.ts), when it tried anything. */
function withRetryStory(
	failure: HttpFailure,
	explained: { message: string; description?: string },
): { message: string; description?: string } {
	const retry = failure.retry;
	if (!retry) return explained;
	const budget = describeDuration(retry.maxRetryWaitMs);
	if (failure.status === 429) {
		const toldWait = failure.headers['retry-after'] !== undefined;
		const asked =
			retry.requestedWaitMs !== undefined && retry.waitedMs === 0
				? toldWait
					? `tinyEmail asked to wait ${describeDuration(retry.requestedWaitMs)} (rate limit), longer than Max Retry Wait (${budget})`
					: `tinyEmail's rate limit was reached and frees up in about ${describeDuration(retry.requestedWaitMs)} (when this run's oldest request of the last minute leaves its 60-second window; tinyEmail sent no Retry-After), longer than Max Retry Wait (${budget})`
				: `tinyEmail kept answering 429 (rate limit) for ${describeDuration(retry.waitedMs)} (${retry.attempts} attempts); the node stopped waiting`;
		return {
			message: asked,
			description:
				'tinyEmail allows about 60 requests a minute per API key or connection, shared by every workflow using it. ' +
				"Lower Max Requests per Minute in the node's Options (or run fewer workflows at once on this account), raise Max Retry Wait, or try later.",
		};
	}
	const what =
		failure.status !== undefined
			? `HTTP ${failure.status}`
			: failure.timedOut
				? `no answer within ${describeDuration(failure.timeoutMs ?? 0)}`
				: `lost connection${failure.code ? ` (${failure.code})` : ''}`;
	let story: string;
	if (retry.reason === 'notIdempotent') {
		story = `The request was not repeated (${what}): it creates something, and repeating it could create it twice. Check in tinyEmail whether it was done before running again.`;
	} else if (retry.reason === 'waitBudget') {
		story = `Gave up after ${retry.attempts} attempts (${what}): the next wait would go past Max Retry Wait (${budget}).`;
	} else {
		story = `Tried ${retry.attempts} times over ${describeDuration(retry.waitedMs)}, the last answer was ${what}.`;
	}
	return { message: explained.message, description: [explained.description, story].filter(Boolean).join(' ') };
}

export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret) result = result.split(secret).join('[redacted]');
	}
	return result;
}
