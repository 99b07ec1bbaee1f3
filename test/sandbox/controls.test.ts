import { startSandbox, DEMO_API_KEY, DEMO_CLIENT } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api, control, tokenRequest } from './testClient';

describe('sandbox HTTP control routes', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	it('seeds data and reads it back', async () => {
		const seeded = await control(sandbox, 'POST', '/seed', {
			customers: [{ email: 'Seed@Example.com', firstName: 'Seed' }],
			audiences: [{ id: 'aud-1', name: 'Seeded', members: ['seed@example.com', 'other@example.com'] }],
			campaigns: [{ id: 'camp-1', status: 'LAUNCHED' }],
			senders: [{ id: 'sender-3', name: 'Third', email: 'third@example.com' }],
		});
		expect(seeded.json).toEqual({ audiences: ['aud-1'], campaigns: ['camp-1'], senders: ['sender-3'] });
		expect((await control(sandbox, 'GET', '/customers')).json.customers).toHaveLength(2);
		expect((await control(sandbox, 'GET', `/customers/${encodeURIComponent('seed@example.com')}`)).json.firstName).toBe('Seed');
		expect((await control(sandbox, 'GET', '/customers/ghost%40example.com')).status).toBe(404);
		expect((await control(sandbox, 'GET', '/audiences')).json.audiences[0]).toEqual({
			id: 'aud-1',
			name: 'Seeded',
			members: ['seed@example.com', 'other@example.com'],
		});
		expect((await api(sandbox, 'GET', '/campaign/camp-1')).json.status).toBe('LAUNCHED');
		expect((await api(sandbox, 'GET', '/sender-details')).json.senderDetailses).toHaveLength(3);
	});

	it('changes settings and rejects bad ones', async () => {
		const changed = await control(sandbox, 'POST', '/settings', {
			notFoundStyle: 'empty200',
			batchLimit: 2,
			latencyMs: 1,
			rateLimitPerMinute: false,
			retryAfterHeader: false,
		});
		expect(changed.status).toBe(200);
		expect(changed.json).toMatchObject({ notFoundStyle: 'empty200', batchLimit: 2, rateLimitPerMinute: false });
		expect((await api(sandbox, 'GET', '/account/customer/x%40example.com')).json).toEqual({});
		for (const bad of [{ notFoundStyle: '418' }, { batchLimit: 0 }, { rateLimitPerMinute: 'lots' }, { colour: 'red' }]) {
			const refused = await control(sandbox, 'POST', '/settings', bad);
			expect(refused.status).toBe(400);
			expect(refused.json.message).toEqual(expect.any(String));
		}
		await control(sandbox, 'POST', '/reset');
		expect((await control(sandbox, 'GET', '/settings')).json.notFoundStyle).toBe('404');
	});

	it('issues, expires and revokes tokens', async () => {
		const issued = await control(sandbox, 'POST', '/issue-tokens', { clientId: DEMO_CLIENT.id });
		expect(issued.json).toMatchObject({ token_type: 'bearer', scope: 'import_customers', expires_in: 3600 });
		const path = '/account/customer/x%40example.com';
		expect((await api(sandbox, 'GET', path, { bearer: issued.json.access_token })).status).toBe(404);
		await control(sandbox, 'POST', '/expire-tokens');
		expect((await api(sandbox, 'GET', path, { bearer: issued.json.access_token })).status).toBe(401);
		await control(sandbox, 'POST', '/revoke-refresh-tokens');
		const refused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: issued.json.refresh_token });
		expect(refused.json.error).toBe('invalid_grant');
		expect((await control(sandbox, 'POST', '/issue-tokens', { clientId: 'nobody' })).status).toBe(400);
	});

	it('adds and clears faults', async () => {
		expect((await control(sandbox, 'POST', '/faults', { kind: 502, count: 5 })).status).toBe(200);
		expect((await api(sandbox, 'GET', '/contacts')).status).toBe(502);
		expect((await control(sandbox, 'DELETE', '/faults')).status).toBe(200);
		expect((await api(sandbox, 'GET', '/contacts')).status).toBe(200);
		expect((await control(sandbox, 'POST', '/faults', { kind: 'explode' })).status).toBe(400);
	});

	it('logs requests without secrets and counts them', async () => {
		const issued = sandbox.control.issueTokens();
		await api(sandbox, 'GET', '/contacts');
		await api(sandbox, 'GET', '/contacts', { apiKey: 'leaked-key-123' });
		await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: issued.refresh_token }, 'query');
		await api(sandbox, 'GET', `/contacts?access_token=${issued.access_token}`);
		const log = await control(sandbox, 'GET', '/requests');
		const text = log.text;
		for (const secret of [DEMO_API_KEY, 'leaked-key-123', issued.refresh_token, issued.access_token, DEMO_CLIENT.secret])
			expect(text).not.toContain(secret);
		expect(log.json.requests.map((entry: { auth: string }) => entry.auth)).toEqual(['apiKey', 'apiKey', 'none', 'apiKey']);
		const counters = (await control(sandbox, 'GET', '/counters')).json;
		expect(counters).toMatchObject({ requests: 4, byStatus: { '200': 3, '401': 1 }, refreshes: 1 });
		await control(sandbox, 'DELETE', '/requests');
		expect((await control(sandbox, 'GET', '/requests')).json.requests).toEqual([]);
	});

	it('answers unknown control routes with 404 and wrong methods with 405', async () => {
		expect((await control(sandbox, 'GET', '/nothing')).status).toBe(404);
		expect((await control(sandbox, 'GET', '/reset')).status).toBe(405);
		expect((await control(sandbox, 'POST', '/counters')).status).toBe(405);
	});

	it('resets to the initial state, keeping the demo senders', async () => {
		sandbox.control.seedCustomers([{ email: 'gone@example.com' }]);
		sandbox.control.seedAudience({ name: 'Gone' });
		sandbox.control.seedCampaign({ status: 'DRAFT' });
		sandbox.control.addFault({ kind: 500, count: 10 });
		await control(sandbox, 'POST', '/reset');
		expect(sandbox.control.listCustomers()).toEqual([]);
		expect(sandbox.control.listAudiences()).toEqual([]);
		expect((await api(sandbox, 'GET', '/campaign')).json.campaigns.content).toEqual([]);
		expect((await api(sandbox, 'GET', '/sender-details')).json.senderDetailses).toHaveLength(2);
	});
});
