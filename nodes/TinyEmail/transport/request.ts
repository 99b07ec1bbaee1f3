import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { resolveCredential, type ResolvedCredential } from './credentials';
import { apiMessage, toNodeApiError } from './errors';
import { sendOnce, type AttemptResult } from './send';

export interface TinyEmailRequest {
	body?: IDataObject;
	qs?: IDataObject;
	/** Item the request is made for; named in the error. */
	itemIndex?: number;
	/** Return undefined instead of throwing when tinyEmail says "not found" (404, or 400 saying so). */
	notFoundAsUndefined?: boolean;
}

/**
 * Delivers one logical request: today a single attempt. This is the seam for retries,
 * Retry-After and pacing (transport/retry.ts, transport/pacer.ts): they get `attempt`
 * and may call it again; nothing else in the node needs to change.
 */
async function deliver(
	_ctx: IExecuteFunctions,
	_credential: ResolvedCredential,
	attempt: () => Promise<AttemptResult>,
): Promise<AttemptResult> {
	return await attempt();
}

const credentialCache = new WeakMap<IExecuteFunctions, Promise<ResolvedCredential>>();

/** The only way the node talks to tinyEmail. `path` is relative to `<baseUrl>/v1`. */
export async function tinyEmailApiRequest(
	ctx: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	request: TinyEmailRequest = {},
): Promise<unknown> {
	const credential = await credentialFor(ctx);
	const options: IHttpRequestOptions = {
		method,
		url: `${credential.baseUrl}/v1${path}`,
		json: true,
		returnFullResponse: true,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;

	const result = await deliver(ctx, credential, async () => await sendOnce(ctx, credential, { ...options }));
	if (result.ok) return result.body;
	if (request.notFoundAsUndefined && isNotFound(result.failure.status, result.failure.body)) return undefined;
	throw toNodeApiError(ctx.getNode(), result.failure, credential, request.itemIndex);
}

function isNotFound(status: number | undefined, body: unknown): boolean {
	if (status === 404) return true;
	return status === 400 && /not\s*found|does not exist|unknown/i.test(apiMessage(body) ?? '');
}

async function credentialFor(ctx: IExecuteFunctions): Promise<ResolvedCredential> {
	let pending = credentialCache.get(ctx);
	if (!pending) {
		pending = resolveCredential(ctx);
		credentialCache.set(ctx, pending);
	}
	return await pending;
}
