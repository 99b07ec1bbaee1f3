import { startSandbox, DEMO_CLIENT, AUTHORIZE_PATH } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api, authorizeParams, call, control, obtainCode, REDIRECT_URI, submitConsent, tokenRequest } from './testClient';

describe('sandbox OAuth2 authorization server', () => {
	let clock = 1_700_000_000_000;
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ now: () => clock });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	it('shows a consent page naming the client and scopes, tolerating grant_type on the URL', async () => {
		const page = await call(`${sandbox.url}${AUTHORIZE_PATH}?${authorizeParams({ grant_type: 'authorization_code' })}`, 'GET', {
			apiKey: null,
		});
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toContain('text/html');
		expect(page.text).toContain(DEMO_CLIENT.name);
		expect(page.text).toContain('import_customers');
		expect(page.text).toContain('value="approve"');
		expect(page.text).toContain('value="deny"');
	});

	it.each(['query', 'form', 'basic'] as const)('runs the whole authorization-code flow with %s client authentication', async (style) => {
		const approved = await submitConsent(sandbox, 'approve');
		expect(approved.status).toBe(302);
		const location = new URL(String(approved.headers.location));
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
		expect(location.searchParams.get('state')).toBe('xyz');
		const code = location.searchParams.get('code') as string;

		const token = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, style);
		expect(token.status).toBe(200);
		expect(token.json).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			refresh_token: expect.any(String),
			expires_in: 3600,
			scope: 'import_customers',
		});
		const put = await api(sandbox, 'PUT', '/account/customer', {
			bearer: token.json.access_token,
			body: { updateMembers: [{ email: 'flow@example.com' }] },
		});
		expect(put.status).toBe(200);
		const log = sandbox.control.requestLog();
		const tokenEntry = log.find((entry) => entry.grantType === 'authorization_code');
		expect(tokenEntry?.auth).toBe(style === 'basic' ? 'basic' : 'none');
		expect(JSON.stringify(log)).not.toContain(code);
		expect(JSON.stringify(log)).not.toContain(DEMO_CLIENT.secret);
	});

	it('redirects with access_denied and the state when the user denies', async () => {
		const denied = await submitConsent(sandbox, 'deny');
		expect(denied.status).toBe(302);
		const location = new URL(String(denied.headers.location));
		expect(location.searchParams.get('error')).toBe('access_denied');
		expect(location.searchParams.get('state')).toBe('xyz');
		expect(location.searchParams.get('code')).toBeNull();
	});

	it('never redirects for an unknown client or an unregistered redirect URI', async () => {
		const cases: Array<Record<string, string>> = [
			{ client_id: 'nobody' },
			{ redirect_uri: 'https://evil.example/cb' },
			{ redirect_uri: '' },
		];
		for (const overrides of cases) {
			const page = await call(`${sandbox.url}${AUTHORIZE_PATH}?${authorizeParams(overrides)}`, 'GET', { apiKey: null });
			expect(page.status).toBe(400);
			expect(page.headers.location).toBeUndefined();
			expect(page.text).toContain('Authorization error');
			const posted = await submitConsent(sandbox, 'approve', overrides);
			expect(posted.status).toBe(400);
			expect(posted.headers.location).toBeUndefined();
		}
	});

	it('redirects with invalid_scope for an unknown scope and defaults a missing scope to the client scopes', async () => {
		const bad = await call(`${sandbox.url}${AUTHORIZE_PATH}?${authorizeParams({ scope: 'delete_everything' })}`, 'GET', { apiKey: null });
		expect(bad.status).toBe(302);
		const location = new URL(String(bad.headers.location));
		expect(location.searchParams.get('error')).toBe('invalid_scope');
		expect(location.searchParams.get('state')).toBe('xyz');

		const code = await obtainCode(sandbox, { scope: '' });
		const token = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
		expect(token.json.scope).toBe('import_customers');
	});

	it('rejects a reused code, an expired code and a different redirect_uri with invalid_grant', async () => {
		const code = await obtainCode(sandbox);
		expect((await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })).status).toBe(200);
		const reused = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
		expect(reused.status).toBe(400);
		expect(reused.json.error).toBe('invalid_grant');

		const late = await obtainCode(sandbox);
		clock += 61_000;
		const expired = await tokenRequest(sandbox, { grant_type: 'authorization_code', code: late, redirect_uri: REDIRECT_URI });
		expect(expired.status).toBe(400);
		expect(expired.json).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining('expired') });

		const other = await obtainCode(sandbox);
		const mismatch = await tokenRequest(sandbox, {
			grant_type: 'authorization_code',
			code: other,
			redirect_uri: DEMO_CLIENT.redirectUris[1],
		});
		expect(mismatch.status).toBe(400);
		expect(mismatch.json.error).toBe('invalid_grant');
	});

	it('answers bad client authentication, missing parameters and unknown grants in Spring style', async () => {
		const code = await obtainCode(sandbox);
		const wrongSecret = await tokenRequest(sandbox, {
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			client_secret: 'wrong',
		});
		expect(wrongSecret.status).toBe(401);
		expect(wrongSecret.json.error).toBe('invalid_client');
		const wrongBasic = await tokenRequest(
			sandbox,
			{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_secret: 'wrong' },
			'basic',
		);
		expect(wrongBasic.status).toBe(401);
		expect(wrongBasic.headers['www-authenticate']).toContain('Basic');
		const noCode = await tokenRequest(sandbox, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
		expect(noCode.status).toBe(400);
		expect(noCode.json.error).toBe('invalid_request');
		const password = await tokenRequest(sandbox, { grant_type: 'magic' });
		expect(password.status).toBe(400);
		expect(password.json.error).toBe('unsupported_grant_type');
		const get = await call(`${sandbox.url}/api/authorization-server/oauth/token`, 'GET', { apiKey: null });
		expect(get.status).toBe(405);
		for (const answer of [wrongSecret, wrongBasic, noCode, password]) expect(answer.text).not.toContain(DEMO_CLIENT.secret);
	});

	it('refreshes without rotation: the same refresh token keeps working', async () => {
		const tokens = sandbox.control.issueTokens();
		for (let round = 0; round < 2; round++) {
			const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
			expect(refreshed.status).toBe(200);
			expect(refreshed.json.refresh_token).toBe(tokens.refresh_token);
			expect(refreshed.json.access_token).not.toBe(tokens.access_token);
		}
		expect(sandbox.control.counters().refreshes).toBe(2);
	});

	it('answers an expired or unknown access token with 401 invalid_token, and a refresh brings access back', async () => {
		const tokens = sandbox.control.issueTokens();
		expect((await api(sandbox, 'GET', '/account/customer/x%40example.com', { bearer: tokens.access_token })).status).toBe(404);
		sandbox.control.expireAllAccessTokens();
		const expired = await api(sandbox, 'GET', '/account/customer/x%40example.com', { bearer: tokens.access_token });
		expect(expired.status).toBe(401);
		expect(expired.json.error).toBe('invalid_token');
		expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
		const unknown = await api(sandbox, 'GET', '/account/customer/x%40example.com', { bearer: 'not-a-token' });
		expect(unknown.status).toBe(401);
		expect(unknown.json.error).toBe('invalid_token');
		const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, 'basic');
		expect((await api(sandbox, 'GET', '/account/customer/x%40example.com', { bearer: refreshed.json.access_token })).status).toBe(404);
	});

	it('expires access tokens by the clock after their lifetime', async () => {
		const tokens = sandbox.control.issueTokens();
		clock += 3599_000;
		expect((await api(sandbox, 'GET', '/account/customer/x%40example.com', { bearer: tokens.access_token })).status).toBe(404);
		clock += 2_000;
		expect((await api(sandbox, 'GET', '/account/customer/x%40example.com', { bearer: tokens.access_token })).status).toBe(401);
	});

	it('rejects a revoked refresh token with invalid_grant', async () => {
		const tokens = sandbox.control.issueTokens();
		sandbox.control.revokeRefreshTokens(tokens.refresh_token);
		const refused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(refused.status).toBe(400);
		expect(refused.json.error).toBe('invalid_grant');
	});

	it('gives a bearer token only the customer endpoints', async () => {
		const tokens = sandbox.control.issueTokens();
		for (const [method, path] of [
			['GET', '/contacts'],
			['GET', '/campaign'],
			['GET', '/sender-details'],
			['POST', '/audiences'],
		]) {
			const answer = await api(sandbox, method, path, { bearer: tokens.access_token, body: method === 'POST' ? { name: 'x' } : undefined });
			expect(answer.status).toBe(403);
			expect(answer.json.error).toBe('insufficient_scope');
		}
		const otherScope = sandbox.control.issueTokens(undefined, 'read_reports');
		const refused = await api(sandbox, 'GET', '/account/customer/a%40b.co', { bearer: otherScope.access_token });
		expect(refused.status).toBe(403);
		expect(refused.json.error).toBe('insufficient_scope');
	});
});

describe('sandbox OAuth2 with refresh-token rotation', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rotateRefreshTokens: true, accessTokenLifetimeSeconds: 120 });
	});
	afterAll(() => sandbox.stop());

	it('issues a new refresh token and rejects the used one', async () => {
		const code = await obtainCode(sandbox);
		const first = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, 'query');
		expect(first.json.expires_in).toBe(120);
		const second = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, 'query');
		expect(second.status).toBe(200);
		expect(second.json.refresh_token).not.toBe(first.json.refresh_token);
		const reused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, 'query');
		expect(reused.status).toBe(400);
		expect(reused.json.error).toBe('invalid_grant');
		const third = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: second.json.refresh_token }, 'form');
		expect(third.status).toBe(200);
	});
});

describe('sandbox OAuth2 with refresh-token reuse detection', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rotateRefreshTokens: true, refreshTokenReuseDetection: true });
	});
	afterAll(() => sandbox.stop());

	it('a spent refresh token presented again revokes every token of its family, and only of its family', async () => {
		const code = await obtainCode(sandbox);
		const first = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, 'form');
		const second = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, 'form');
		expect(second.status).toBe(200);
		const other = sandbox.control.issueTokens();
		const bearer = (token: string) => api(sandbox, 'GET', '/account/customer/a%40b.co', { bearer: token });
		expect((await bearer(second.json.access_token)).status).toBe(404);

		const reused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, 'form');
		expect(reused.status).toBe(400);
		expect(reused.json.error).toBe('invalid_grant');
		expect(reused.json.error_description).toMatch(/reuse/);
		expect(sandbox.control.counters().familiesRevoked).toBe(1);
		// the family's newest tokens are gone too …
		expect((await bearer(second.json.access_token)).status).toBe(401);
		const afterwards = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: second.json.refresh_token }, 'form');
		expect(afterwards.status).toBe(400);
		// … another authorization's are not
		expect((await bearer(other.access_token)).status).toBe(404);
		expect((await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: other.refresh_token }, 'form')).status).toBe(200);
	});

	it('is a setting (POST /__sandbox/settings)', async () => {
		const answer = await control(sandbox, 'POST', '/settings', { refreshTokenReuseDetection: false });
		expect(answer.status).toBe(200);
		expect(answer.json.refreshTokenReuseDetection).toBe(false);
		expect((await control(sandbox, 'POST', '/settings', { refreshTokenReuseDetection: 'yes' })).status).toBe(400);
	});
});
