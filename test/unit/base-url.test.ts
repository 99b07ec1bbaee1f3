// The Base URL rule: tinyEmail by default; a Custom URL must be https://, or http:// to this computer only.
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	credentialBaseUrl,
	insecureUrlProblem,
	restApiBaseUrl,
	TEST_REQUEST_BASE_URL,
	TINYEMAIL_BASE_URL,
} from '../../credentials/baseUrl';
import { TinyEmailApi } from '../../credentials/TinyEmailApi.credentials';
import { TinyEmailOAuth2Api } from '../../credentials/TinyEmailOAuth2Api.credentials';

/** Evaluates a credential field's `={{…}}rest` expression as plain JavaScript (real n8n runs them in the e2e suite). */
function evaluate(expression: string, name: '$self' | '$credentials', data: Record<string, unknown>): string {
	const match = /^=\{\{(.*)\}\}(.*)$/s.exec(expression);
	if (!match) throw new Error(`Not an expression: ${expression}`);
	return String(new Function(name, `return (${match[1]});`)(data)) + match[2];
}

const oauthUrl = (field: 'authUrl' | 'accessTokenUrl', data: Record<string, unknown>) =>
	evaluate(new TinyEmailOAuth2Api().properties.find((property) => property.name === field)!.default as string, '$self', data);

describe('credentialBaseUrl', () => {
	test('is tinyEmail unless Custom URL is chosen, whatever the URL field holds', () => {
		expect(credentialBaseUrl({})).toBe(TINYEMAIL_BASE_URL);
		expect(credentialBaseUrl({ server: 'tinyEmail', baseUrl: 'http://127.0.0.1:8787' })).toBe(TINYEMAIL_BASE_URL);
	});

	test('is the Custom URL, trimmed and without trailing slashes', () => {
		expect(credentialBaseUrl({ server: 'custom', baseUrl: ' http://127.0.0.1:8787// ' })).toBe('http://127.0.0.1:8787');
		expect(credentialBaseUrl({ server: 'custom', baseUrl: undefined })).toBe('');
	});
});

// One rule for every place a Custom URL is used: node requests (credentialBaseUrl + /v1), the API-key
// credential's Test request, and the OAuth2 credential's authorization and token URLs.
describe('one Base URL rule for node requests, the Test button and both OAuth2 URLs', () => {
	test.each([
		['https://api.tinyemail.com', 'https://api.tinyemail.com'],
		['https://api.tinyemail.com/', 'https://api.tinyemail.com'],
		['https://api.tinyemail.com/v1', 'https://api.tinyemail.com'],
		['https://api.tinyemail.com/v1/', 'https://api.tinyemail.com'],
		[' https://api.tinyemail.com/V1// ', 'https://api.tinyemail.com'],
		['http://127.0.0.1:8787/proxy/v1//', 'http://127.0.0.1:8787/proxy'],
		['https://example.com/v10', 'https://example.com/v10'],
		['https://example.com/api/v1x/', 'https://example.com/api/v1x'],
	])('Custom URL %j → %s', (raw, base) => {
		const data = { server: 'custom', baseUrl: raw };
		expect(credentialBaseUrl(data)).toBe(base);
		expect(restApiBaseUrl(credentialBaseUrl(data))).toBe(`${base}/v1`);
		expect(evaluate(TEST_REQUEST_BASE_URL, '$credentials', data)).toBe(`${base}/v1`);
		expect(oauthUrl('authUrl', data)).toBe(`${base}/api/authorization-server/oauth/authorize`);
		expect(oauthUrl('accessTokenUrl', data)).toBe(`${base}/api/authorization-server/oauth/token`);
	});

	test('the https rule applies after it: http:// to another computer, with /v1/, becomes https:// for OAuth2 and is refused for requests', () => {
		const data = { server: 'custom', baseUrl: 'http://tinyemail.example:8080/v1/' };
		expect(credentialBaseUrl(data)).toBe('http://tinyemail.example:8080');
		expect(insecureUrlProblem(credentialBaseUrl(data))).toContain('uses http:// to another computer (tinyemail.example:8080)');
		expect(oauthUrl('accessTokenUrl', data)).toBe('https://tinyemail.example:8080/api/authorization-server/oauth/token');
		expect(evaluate(TEST_REQUEST_BASE_URL, '$credentials', data)).toBe('http://tinyemail.example:8080/v1');
		const local = { server: 'custom', baseUrl: 'http://127.0.0.1:8787/v1/' };
		expect(insecureUrlProblem(credentialBaseUrl(local))).toBeUndefined();
		expect(oauthUrl('authUrl', local)).toBe('http://127.0.0.1:8787/api/authorization-server/oauth/authorize');
	});
});

describe('insecureUrlProblem', () => {
	test.each([
		'https://api.tinyemail.com',
		'https://tinyemail.example.com:8443/base',
		'http://127.0.0.1:8787',
		'http://127.45.6.7/v1/x',
		'http://localhost',
		'HTTP://LOCALHOST:3000?x=1',
		'http://[::1]:8787/',
	])('%s may receive credentials', (url) => {
		expect(insecureUrlProblem(url)).toBeUndefined();
	});

	test.each([
		['http://api.tinyemail.com', 'api.tinyemail.com'],
		['http://10.0.0.5:8080/v1', '10.0.0.5:8080'],
		['http://127.0.0.1.nip.io', '127.0.0.1.nip.io'],
		['http://localhost@evil.example', 'evil.example'],
		['http://127.0.0.1:80@evil.example/', 'evil.example'],
		['http://localhost.evil.example', 'localhost.evil.example'],
	])('%s is http:// to another computer', (url, host) => {
		const problem = insecureUrlProblem(url);
		expect(problem).toContain(`uses http:// to another computer (${host})`);
		expect(problem).toContain('use https://');
	});

	test('a user name or password in the URL is not repeated in the message', () => {
		expect(insecureUrlProblem('http://user:s3cret@tinyemail.example')).not.toContain('s3cret');
	});

	test.each(['', 'api.tinyemail.com', 'ftp://api.tinyemail.com', '/v1/sender-details'])('%j is refused as not https', (url) => {
		expect(insecureUrlProblem(url)).toMatch(/must start with https:\/\//);
	});
});

describe('OAuth2 URLs follow the Base URL', () => {
	test('tinyEmail by default, also when an old Custom URL is still stored', () => {
		expect(oauthUrl('authUrl', { server: 'tinyEmail', baseUrl: '' })).toBe(
			`${TINYEMAIL_BASE_URL}/api/authorization-server/oauth/authorize`,
		);
		expect(oauthUrl('accessTokenUrl', { server: 'tinyEmail', baseUrl: 'http://127.0.0.1:8787' })).toBe(
			`${TINYEMAIL_BASE_URL}/api/authorization-server/oauth/token`,
		);
	});

	test('a Custom URL is used as given when it is https:// or http:// to this computer', () => {
		expect(oauthUrl('accessTokenUrl', { server: 'custom', baseUrl: 'http://127.0.0.1:8787/' })).toBe(
			'http://127.0.0.1:8787/api/authorization-server/oauth/token',
		);
		expect(oauthUrl('authUrl', { server: 'custom', baseUrl: 'https://auth.example.com' })).toBe(
			'https://auth.example.com/api/authorization-server/oauth/authorize',
		);
	});

	test('an http:// Custom URL to another computer is contacted over https:// (the client secret never goes in clear)', () => {
		expect(oauthUrl('accessTokenUrl', { server: 'custom', baseUrl: 'http://tinyemail.example:8080' })).toBe(
			'https://tinyemail.example:8080/api/authorization-server/oauth/token',
		);
		expect(oauthUrl('accessTokenUrl', { server: 'custom', baseUrl: 'HTTP://localhost@evil.example' })).toBe(
			'https://localhost@evil.example/api/authorization-server/oauth/token',
		);
	});
});

describe('API-key credential', () => {
	const credential = new TinyEmailApi();
	const authenticate = credential.authenticate as (
		data: Record<string, unknown>,
		options: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;
	const key = 'key-0123456789';

	test('the test request goes to the Base URL', () => {
		expect(credential.test.request.baseURL).toBe(TEST_REQUEST_BASE_URL);
		expect(evaluate(TEST_REQUEST_BASE_URL, '$credentials', { server: 'tinyEmail', baseUrl: '' })).toBe(`${TINYEMAIL_BASE_URL}/v1`);
		expect(evaluate(TEST_REQUEST_BASE_URL, '$credentials', { server: 'custom', baseUrl: 'http://127.0.0.1:9/' })).toBe(
			'http://127.0.0.1:9/v1',
		);
	});

	test('adds X-API-KEY to requests for https:// and this computer, keeping their headers', async () => {
		const signed = await authenticate(
			{ apiKey: key },
			{ url: 'https://api.tinyemail.com/v1/sender-details', headers: { accept: 'application/json' } },
		);
		expect(signed.headers).toEqual({ accept: 'application/json', 'X-API-KEY': key });
		const local = await authenticate({ apiKey: key }, { baseURL: 'http://127.0.0.1:8787/v1', url: '/sender-details' });
		expect(local.headers).toEqual({ 'X-API-KEY': key });
	});

	test.each([
		[{ url: 'http://tinyemail.example/v1/sender-details' }],
		[{ baseURL: 'http://tinyemail.example/v1', url: '/sender-details' }],
		[{ baseURL: 'http://127.0.0.1:8787/v1', url: 'http://tinyemail.example/v1/x' }],
	])('refuses to add it to an http:// request to another computer (%j), without showing the key', async (options) => {
		const refusal = authenticate({ apiKey: key }, options as IHttpRequestOptions);
		await expect(refusal).rejects.toThrow(
			'The tinyEmail API key was not sent: the request URL uses http:// to another computer (tinyemail.example)',
		);
		await expect(refusal).rejects.not.toThrow(key);
	});
});
