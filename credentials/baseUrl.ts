import type { INodeProperties } from 'n8n-workflow';

/** tinyEmail's API, where every real account lives (tinyEmail is SaaS only). */
export const TINYEMAIL_BASE_URL = 'https://api.tinyemail.com';

/**
 * The one http:// exception: this computer (a test server such as the local tinyEmail sandbox).
 * Host 127.0.0.0/8, localhost or [::1], then only a port, path, query or the end: `http://127.0.0.1.evil.com`
 * and `http://localhost@evil.com` are other computers.
 */
const LOOPBACK_AFTER_SCHEME = String.raw`(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$)`;
const LOOPBACK_HTTP = new RegExp(`^http://${LOOPBACK_AFTER_SCHEME}`, 'i');
/** http:// to any other computer; the OAuth2 URLs switch it to https:// (see oAuth2UrlExpression). */
const REMOTE_HTTP = new RegExp(`^http://(?!${LOOPBACK_AFTER_SCHEME})`, 'i');

/** The two fields both credentials share (fresh objects each call, as n8n may extend them). */
export function baseUrlProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Base URL',
			name: 'server',
			type: 'options',
			options: [
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'A test server, such as the local tinyEmail sandbox',
				},
				{
					name: 'tinyEmail (api.tinyemail.com)',
					value: 'tinyEmail',
				},
			],
			default: 'tinyEmail',
		},
		{
			displayName: 'Custom URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://127.0.0.1:8787',
			description: 'Starts with https://, or http:// for a test server on this computer (localhost, 127.x.x.x or [::1])',
			displayOptions: { show: { server: ['custom'] } },
		},
		{
			displayName:
				'With http:// the credential works only with a test server on this computer (localhost, 127.x.x.x or [::1]); any other server needs https://, so that the credentials never travel unencrypted',
			name: 'httpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { server: ['custom'], baseUrl: [{ _cnd: { startsWith: 'http://' } }] } },
		},
	];
}

/** The data fields that decide where a credential points. */
export interface BaseUrlFields {
	server?: unknown;
	baseUrl?: unknown;
}

/**
 * The Base URL rule, one for node requests, the Test button and both OAuth2 URLs: the Custom URL trimmed,
 * without trailing slashes and without tinyEmail's /v1 at its end (`…/v1`, `…/v1/`, `…/V1//`), because the
 * REST requests add /v1 themselves and the OAuth2 URLs sit beside it (`…/api/authorization-server/…`).
 * Kept as regular-expression source so that the credentials' expressions use the very same rule.
 */
const CUSTOM_URL_TAIL = String.raw`\/*(?:\/v1)?\/*$`;
const CUSTOM_URL_TAIL_PATTERN = new RegExp(CUSTOM_URL_TAIL, 'i');

/** Where the credential points (no trailing slash, no /v1): tinyEmail unless Custom URL is chosen. */
export function credentialBaseUrl(data: BaseUrlFields): string {
	if (data.server !== 'custom') return TINYEMAIL_BASE_URL;
	return String(data.baseUrl ?? '')
		.trim()
		.replace(CUSTOM_URL_TAIL_PATTERN, '');
}

/** The REST API's base: the Base URL with tinyEmail's /v1. */
export function restApiBaseUrl(baseUrl: string): string {
	return `${baseUrl}/v1`;
}

/** credentialBaseUrl as the text of an n8n expression over `$self` (a credential's own fields) or `$credentials`. */
function baseUrlExpression(fields: '$self' | '$credentials'): string {
	return `(${fields}["server"] === "custom" ? String(${fields}["baseUrl"] || "").trim().replace(/${CUSTOM_URL_TAIL}/i, "") : "${TINYEMAIL_BASE_URL}")`;
}

/**
 * Why tinyEmail credentials must not be sent to `url`, in words for the person who set it up;
 * undefined when they may: https://, or http:// to this computer.
 */
export function insecureUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a web address: it must start with https:// (or http:// for a test server on this computer, e.g. http://127.0.0.1:8787)';
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && LOOPBACK_HTTP.test(url)) return undefined;
	if (parsed.protocol === 'http:') {
		return `uses http:// to another computer (${parsed.host}), which would send the tinyEmail credentials unencrypted: use https://, or http:// only for a test server on this computer (localhost, 127.x.x.x or [::1])`;
	}
	return `must start with https:// (it starts with ${parsed.protocol}//)`;
}

/**
 * The expression for one of the OAuth2 credential's hidden URLs: n8n's own OAuth2 code (connect, token
 * exchange, refresh) sends the client secret there, so a remote http:// Base URL is switched to https://.
 */
export function oAuth2UrlExpression(path: string): string {
	return `={{${baseUrlExpression('$self')}.replace(/${REMOTE_HTTP.source}/i, "https://")}}${path}`;
}

/** The same Base URL inside the API-key credential's test request (the request itself is checked in authenticate). */
export const TEST_REQUEST_BASE_URL = restApiBaseUrl(`={{${baseUrlExpression('$credentials')}}}`);
