import { startSandbox } from './index';
import type { FaultKind, Sandbox } from './types';
import { api, control, tokenRequest } from './testClient';

describe('sandbox rate limit and batch limit', () => {
	let clock = 1_000_000;
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: 3, batchLimit: 5, now: () => clock });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	const get = (options = {}) => api(sandbox, 'GET', '/account/customer/a%40example.com', options);

	it('answers the 4th request in a minute with 429 and Retry-After, then lets requests through again', async () => {
		for (let index = 0; index < 3; index++) expect((await get()).status).toBe(404);
		clock += 20_000;
		const limited = await get();
		expect(limited.status).toBe(429);
		expect(limited.json).toEqual({ message: 'Too many requests' });
		expect(limited.headers['retry-after']).toBe('40');
		clock += 40_000;
		expect((await get()).status).toBe(404);
	});

	it('counts per API key or token separately', async () => {
		for (let index = 0; index < 3; index++) await get();
		expect((await get()).status).toBe(429);
		const tokens = sandbox.control.issueTokens();
		expect((await get({ bearer: tokens.access_token })).status).toBe(404);
	});

	it('can leave out Retry-After, and can be turned off', async () => {
		sandbox.control.setRateLimit(1, false);
		await get();
		const limited = await get();
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBeUndefined();
		sandbox.control.setRateLimit(false);
		for (let index = 0; index < 10; index++) expect((await get()).status).toBe(404);
	});

	it('does not limit the token endpoint or control routes', async () => {
		sandbox.control.setRateLimit(1);
		const { refresh_token: refreshToken } = sandbox.control.issueTokens();
		for (let index = 0; index < 5; index++) {
			expect((await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken })).status).toBe(200);
			expect((await control(sandbox, 'GET', '/counters')).status).toBe(200);
		}
	});

	it('enforces the batch limit with a message naming it', async () => {
		const items = (count: number) => Array.from({ length: count }, (_, index) => ({ email: `b${index}@example.com` }));
		expect((await api(sandbox, 'PUT', '/account/customer', { body: { updateMembers: items(5) } })).status).toBe(200);
		const tooMany = await api(sandbox, 'PUT', '/account/customer', { body: { updateMembers: items(6) } });
		expect(tooMany.status).toBe(400);
		expect(tooMany.json.message).toContain('limit is 5');
		expect(sandbox.control.listCustomers()).toHaveLength(5);
		expect(sandbox.control.requestLog().map((entry) => entry.batchSize)).toEqual([5, 6]);
	});
});

describe('sandbox faults', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	const upsert = () => api(sandbox, 'PUT', '/account/customer', { body: { updateMembers: [{ email: 'f@example.com' }] } });

	it.each([429, 500, 502, 503] as FaultKind[])('fails the next request with %s and writes nothing', async (kind) => {
		sandbox.control.addFault({ kind, count: 1 });
		const failed = await upsert();
		expect(failed.status).toBe(kind);
		expect(failed.json.message).toEqual(expect.any(String));
		expect(sandbox.control.listCustomers()).toEqual([]);
		expect((await upsert()).status).toBe(200);
	});

	it('drops the connection without an answer', async () => {
		sandbox.control.addFault({ kind: 'drop', count: 1 });
		await expect(upsert()).rejects.toThrow();
		expect(sandbox.control.listCustomers()).toEqual([]);
		expect((await upsert()).status).toBe(200);
		expect(sandbox.control.requestLog()[0].status).toBe(0);
	});

	it('matches on method and path prefix, and counts down', async () => {
		sandbox.control.addFault({ kind: 503, count: 2, method: 'PUT', pathPrefix: '/v1/account/customer' });
		expect((await api(sandbox, 'GET', '/contacts')).status).toBe(200);
		expect((await upsert()).status).toBe(503);
		expect((await upsert()).status).toBe(503);
		expect((await upsert()).status).toBe(200);
	});

	it('fails a reproducible percentage of requests until cleared', async () => {
		const run = async () => {
			sandbox.control.clearFaults();
			sandbox.control.addFault({ kind: 500, percentage: 30 });
			const statuses: number[] = [];
			for (let index = 0; index < 40; index++) statuses.push((await api(sandbox, 'GET', '/contacts')).status);
			return statuses;
		};
		const first = await run();
		const second = await run();
		expect(second).toEqual(first);
		const failures = first.filter((status) => status === 500).length;
		expect(failures).toBeGreaterThan(0);
		expect(failures).toBeLessThan(40);
		sandbox.control.clearFaults();
		expect((await api(sandbox, 'GET', '/contacts')).status).toBe(200);
	});

	it('rejects an invalid fault rule', () => {
		expect(() => sandbox.control.addFault({ kind: 418 as FaultKind })).toThrow('kind');
	});
});
