// Test helpers: real HTTP over loopback with undici, plus the OAuth consent dance.
import { request } from 'undici';
import { DEMO_API_KEY, DEMO_CLIENT, AUTHORIZE_PATH, TOKEN_PATH } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
}

export interface CallOptions {
	body?: unknown;
	rawBody?: string | Buffer;
	apiKey?: string | null;
	bearer?: string;
	headers?: Record<string, string>;
	/** Aborts the request (e.g. one the sandbox is told never to answer). */
	signal?: AbortSignal;
}

export async function call(url: string, method: string, options: CallOptions = {}): Promise<HttpResult> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
	else if (options.apiKey !== null) headers['x-api-key'] = options.apiKey ?? DEMO_API_KEY;
	let body: string | Buffer | undefined = options.rawBody;
	if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const response = await request(url, { method: method as 'GET', headers, body, signal: options.signal });
	const text = await response.body.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.statusCode, headers: response.headers, text, json };
}

/** Calls the REST API under /v1 with the demo API key unless told otherwise. */
export const api = (sandbox: Sandbox, method: string, path: string, options?: CallOptions): Promise<HttpResult> =>
	call(`${sandbox.url}/v1${path}`, method, options);

export const control = (sandbox: Sandbox, method: string, route: string, body?: unknown): Promise<HttpResult> =>
	call(`${sandbox.url}/__sandbox${route}`, method, { body, apiKey: null });

export const REDIRECT_URI = DEMO_CLIENT.redirectUris[0];

export function authorizeParams(overrides: Record<string, string> = {}): URLSearchParams {
	return new URLSearchParams({
		response_type: 'code',
		client_id: DEMO_CLIENT.id,
		redirect_uri: REDIRECT_URI,
		scope: 'import_customers',
		state: 'xyz',
		...overrides,
	});
}

/** Submits the consent form as the browser would; returns the redirect Location (or the response when there is none). */
export async function submitConsent(
	sandbox: Sandbox,
	decision: 'approve' | 'deny',
	overrides: Record<string, string> = {},
): Promise<HttpResult> {
	const params = authorizeParams(overrides);
	params.set('decision', decision);
	return call(`${sandbox.url}${AUTHORIZE_PATH}`, 'POST', {
		apiKey: null,
		rawBody: params.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
}

export async function obtainCode(sandbox: Sandbox, overrides: Record<string, string> = {}): Promise<string> {
	const approved = await submitConsent(sandbox, 'approve', overrides);
	const location = new URL(String(approved.headers.location));
	const code = location.searchParams.get('code');
	if (!code) throw new Error(`no code in ${location}`);
	return code;
}

export function tokenRequest(
	sandbox: Sandbox,
	params: Record<string, string>,
	style: 'query' | 'form' | 'basic' = 'form',
): Promise<HttpResult> {
	const { client_id: clientId = DEMO_CLIENT.id, client_secret: secret = DEMO_CLIENT.secret, ...rest } = params;
	const url = `${sandbox.url}${TOKEN_PATH}`;
	if (style === 'query') {
		const query = new URLSearchParams({ ...rest, client_id: clientId, client_secret: secret });
		return call(`${url}?${query}`, 'POST', { apiKey: null });
	}
	if (style === 'basic') {
		const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
		return call(url, 'POST', {
			apiKey: null,
			rawBody: new URLSearchParams(rest).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
		});
	}
	return call(url, 'POST', {
		apiKey: null,
		rawBody: new URLSearchParams({ ...rest, client_id: clientId, client_secret: secret }).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
}
