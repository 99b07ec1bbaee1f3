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

/** Where the credential points, without trailing slash: tinyEmail unless Custom URL is chosen. */
export function credentialBaseUrl(data: BaseUrlFields): string {
	if (data.server !== 'custom') return TINYEMAIL_BASE_URL;
	return String(data.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
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
	const base = `($self["server"] === "custom" ? String($self["baseUrl"] || "").trim().replace(/\\/+$/, "") : "${TINYEMAIL_BASE_URL}")`;
	return `={{${base}.replace(/${REMOTE_HTTP.source}/i, "https://")}}${path}`;
}

/** The same Base URL inside the API-key credential's test request (the request itself is checked in authenticate). */
export const TEST_REQUEST_BASE_URL = `={{$credentials.server === "custom" ? String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") : "${TINYEMAIL_BASE_URL}"}}/v1`;
