// The settings that stand in for tinyEmail under several n8n processes at once (queue mode):
// rotating refresh tokens, a slow token endpoint and one rate-limit budget for the whole account.
import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api, control, tokenRequest } from './testClient';

describe('sandbox settings for concurrent clients', () => {
	let clock = 5_000_000;
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: 3, now: () => clock });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	const get = (options = {}) => api(sandbox, 'GET', '/account/customer/a%40example.com', options);

	it('are off by default', async () => {
		const settings = (await control(sandbox, 'GET', '/settings')).json;
		expect(settings).toMatchObject({ rotateRefreshTokens: false, rateLimitScope: 'key', tokenEndpointDelayMs: 0 });
	});

	it('rotates refresh tokens when switched on at run time: the used one gets 400 invalid_grant', async () => {
		const { refresh_token: first } = sandbox.control.issueTokens();
		// off: the same refresh token keeps working
		expect((await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first })).json.refresh_token).toBe(first);
		sandbox.control.setRefreshTokenRotation(true);
		const rotated = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first });
		expect(rotated.status).toBe(200);
		expect(rotated.json.refresh_token).not.toBe(first);
		const reused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first });
		expect(reused.status).toBe(400);
		expect(reused.json.error).toBe('invalid_grant');
		expect((await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: rotated.json.refresh_token })).status).toBe(200);
	});

	it('lets two concurrent refreshes with one rotating refresh token succeed once', async () => {
		sandbox.control.setRefreshTokenRotation(true);
		const { refresh_token: refreshToken } = sandbox.control.issueTokens();
		const answers = await Promise.all(
			[1, 2].map(() => tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken })),
		);
		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
		expect(sandbox.control.counters().refreshes).toBe(1);
	});

	it('answers the token endpoint only after the delay, and checks the grant then', async () => {
		sandbox.control.setRefreshTokenRotation(true);
		sandbox.control.setTokenEndpointDelay(1500);
		const { refresh_token: refreshToken } = sandbox.control.issueTokens();
		let answered = false;
		const slow = tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken }).then((answer) => {
			answered = true;
			return answer;
		});
		// The API is not delayed: it answers while the token request still waits
		expect((await get()).status).toBe(404);
		expect(answered).toBe(false);
		// Revoked while the request waits: the grant is checked when the answer is due
		sandbox.control.revokeRefreshTokens(refreshToken);
		const refused = await slow;
		expect(refused.status).toBe(400);
		expect(refused.json.error).toBe('invalid_grant');
		expect(
			sandbox.control
				.requestLog()
				.filter((entry) => entry.grantType === 'refresh_token')
				.map((entry) => entry.status),
		).toEqual([400]);
	});

	it('shares one budget between every key and token of the account, and a refresh does not reset it', async () => {
		sandbox.control.setRateLimitScope('account');
		const tokens = sandbox.control.issueTokens();
		expect((await get()).status).toBe(404);
		expect((await get({ bearer: tokens.access_token })).status).toBe(404);
		expect((await get()).status).toBe(404);
		expect((await get({ bearer: tokens.access_token })).status).toBe(429);
		const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(refreshed.status).toBe(200);
		const limited = await get({ bearer: refreshed.json.access_token });
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('60');
		clock += 60_000;
		expect((await get({ bearer: refreshed.json.access_token })).status).toBe(404);
	});

	it('keeps a budget per key and per token by default, so a refreshed token starts afresh', async () => {
		const tokens = sandbox.control.issueTokens();
		for (let index = 0; index < 3; index++) expect((await get({ bearer: tokens.access_token })).status).toBe(404);
		expect((await get({ bearer: tokens.access_token })).status).toBe(429);
		const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect((await get({ bearer: refreshed.json.access_token })).status).toBe(404);
		expect((await get()).status).toBe(404);
	});

	it('are set over HTTP too, refuse bad values and go back on reset', async () => {
		const changed = await control(sandbox, 'POST', '/settings', {
			rotateRefreshTokens: true,
			rateLimitScope: 'account',
			tokenEndpointDelayMs: 12000,
		});
		expect(changed.status).toBe(200);
		expect(changed.json).toMatchObject({ rotateRefreshTokens: true, rateLimitScope: 'account', tokenEndpointDelayMs: 12000 });
		for (const bad of [
			{ rateLimitScope: 'planet' },
			{ tokenEndpointDelayMs: -1 },
			{ tokenEndpointDelayMs: 1.5 },
			{ rotateRefreshTokens: 'yes' },
		]) {
			const refused = await control(sandbox, 'POST', '/settings', bad);
			expect(refused.status).toBe(400);
			expect(refused.json.message).toMatch(Object.keys(bad)[0]);
		}
		await control(sandbox, 'POST', '/reset');
		expect((await control(sandbox, 'GET', '/settings')).json).toMatchObject({
			rotateRefreshTokens: false,
			rateLimitScope: 'key',
			tokenEndpointDelayMs: 0,
		});
	});
});
