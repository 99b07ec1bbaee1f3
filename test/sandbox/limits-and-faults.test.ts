import { startSandbox } from '../../sandbox/index';
import type { FaultKind, FaultRule, Sandbox } from '../../sandbox/types';
import { SYSTEMIC_REFUSAL } from '../../sandbox/faults';
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
		expect(tooMany.json).toEqual({ message: 'At most 5 members per request' });
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

/** Resolves once the sandbox has logged `count` requests (polls every 10 ms); throws after 5 s, so a request that never arrived fails the test. */
async function logged(sandbox: Sandbox, count: number): Promise<void> {
	for (let check = 0; check < 500; check++) {
		if (sandbox.control.requestLog().length >= count) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`The sandbox logged ${sandbox.control.requestLog().length} of the ${count} requests expected within 5 s`);
}

describe('sandbox faults that misbehave like real services', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	const put = (updateMembers: unknown[], signal?: AbortSignal) =>
		api(sandbox, 'PUT', '/account/customer', { body: { updateMembers }, signal });

	it('hang: accepts a request and never answers it, writing nothing, until the client gives up', async () => {
		sandbox.control.addFault({ kind: 'hang', count: 1 });
		const client = new AbortController();
		const pending = put([{ email: 'h@example.com' }], client.signal);
		await logged(sandbox, 1);
		expect(sandbox.control.requestLog()).toEqual([expect.objectContaining({ method: 'PUT', status: 0, fault: 'hang' })]);
		client.abort();
		await expect(pending).rejects.toThrow();
		expect(sandbox.control.listCustomers()).toEqual([]);
		expect((await put([{ email: 'h@example.com' }])).status).toBe(200);
	});

	it('hang: a stopped sandbox ends the open request', async () => {
		const own = await startSandbox({ rateLimitPerMinute: false });
		own.control.addFault({ kind: 'hang' });
		const pending = api(own, 'GET', '/contacts');
		await logged(own, 1);
		await own.stop();
		await expect(pending).rejects.toThrow();
	});

	it('applyThenDrop: applies the write, then resets the connection before answering', async () => {
		sandbox.control.addFault({ kind: 'applyThenDrop', count: 1, method: 'PUT' });
		await expect(put([{ email: 'a@example.com', firstName: 'A' }, { email: 'b@example.com' }])).rejects.toThrow();
		expect(sandbox.control.getCustomer('a@example.com')).toEqual({ email: 'a@example.com', firstName: 'A' });
		expect(sandbox.control.requestLog()).toEqual([
			expect.objectContaining({ status: 0, fault: 'applyThenDrop', appliedStatus: 200, batchSize: 2 }),
		]);
		expect(sandbox.control.counters().customerWrites).toBe(1);
	});

	it('concurrentWrite: another client creates the customer between a read and the write, so the write updates it', async () => {
		expect((await api(sandbox, 'GET', '/account/customer/c%40example.com')).status).toBe(404);
		sandbox.control.addFault({
			kind: 'concurrentWrite',
			method: 'PUT',
			customers: [{ email: 'c@example.com', status: 'Unsubscribed', city: 'Oslo' }],
		});
		const written = await put([{ email: 'C@Example.com', firstName: 'New' }, { email: 'd@example.com' }]);
		expect(written.json).toEqual({ numberOfCreatedMembers: 1, numberOfUpdatedMembers: 1 });
		expect(sandbox.control.getCustomer('c@example.com')).toMatchObject({
			email: 'c@example.com',
			status: 'Unsubscribed',
			city: 'Oslo',
			firstName: 'New',
		});
		expect(sandbox.control.requestLog()[1]).toMatchObject({ status: 200, fault: 'concurrentWrite' });
	});

	it('systemic 400: refuses every member with one message that names no customer, writing nothing', async () => {
		sandbox.control.addFault({ kind: 400, percentage: 100, method: 'PUT', pathPrefix: '/v1/account/customer' });
		for (const members of [[{ email: 'one@example.com' }, { email: 'two@example.com' }], [{ email: 'two@example.com' }]]) {
			const refused = await put(members);
			expect(refused.status).toBe(400);
			expect(refused.json.message).toBe(SYSTEMIC_REFUSAL);
			expect(refused.json.message).not.toMatch(/@/);
		}
		expect((await api(sandbox, 'GET', '/contacts')).status).toBe(200);
		expect(sandbox.control.listCustomers()).toEqual([]);
		sandbox.control.clearFaults();
		sandbox.control.addFault({ kind: 400, message: 'Field "source" is not enabled for this account' });
		expect((await put([{ email: 'one@example.com' }])).json).toEqual({ message: 'Field "source" is not enabled for this account' });
	});

	it.each([
		[{ kind: 'concurrentWrite' }, 'customers'],
		[{ kind: 'concurrentWrite', customers: [{ email: 'not-an-email' }] }, 'customers'],
		[{ kind: 503, message: 'x' }, 'message'],
		[{ kind: 'hang', customers: [{ email: 'a@example.com' }] }, 'customers'],
	])('rejects the fault rule %j', (rule, word) => {
		expect(() => sandbox.control.addFault(rule as FaultRule)).toThrow(word);
	});
});

describe('sandbox emails are case-insensitive', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	it('treats A@x.co and a@x.co as one customer and one member, keeping the first spelling', async () => {
		const first = await api(sandbox, 'PUT', '/account/customer', {
			body: { updateMembers: [{ email: 'Mixed@Example.com', firstName: 'M' }] },
		});
		expect(first.json).toEqual({ numberOfCreatedMembers: 1, numberOfUpdatedMembers: 0 });
		const again = await api(sandbox, 'PUT', '/account/customer', {
			body: { updateMembers: [{ email: 'MIXED@example.COM', lastName: 'X' }] },
		});
		expect(again.json).toEqual({ numberOfCreatedMembers: 0, numberOfUpdatedMembers: 1 });
		const read = await api(sandbox, 'GET', `/account/customer/${encodeURIComponent('mixed@example.com')}`);
		expect(read.json).toEqual({ email: 'Mixed@Example.com', firstName: 'M', lastName: 'X' });
		const id = sandbox.control.seedAudience({ name: 'A' });
		await api(sandbox, 'PUT', `/audiences/${id}`, {
			body: { assignMembers: [{ email: 'mixed@EXAMPLE.com' }, { email: 'Mixed@Example.com' }] },
		});
		expect(sandbox.control.listAudiences()[0].members).toEqual(['mixed@example.com']);
		await api(sandbox, 'PUT', `/audiences/${id}`, { body: { unAssignMembers: ['MIXED@EXAMPLE.COM'] } });
		expect(sandbox.control.listAudiences()[0].members).toEqual([]);
		expect(sandbox.control.listCustomers()).toHaveLength(1);
	});

	it('can refuse a customer without naming it (the contract: a refusal usually names the customer, not always)', async () => {
		sandbox.control.setNamesRefusedCustomer(false);
		const refused = await api(sandbox, 'PUT', '/account/customer', {
			body: { updateMembers: [{ email: 'ok@example.com' }, { email: 'bad@example.com', status: 'Happy' }] },
		});
		expect(refused.status).toBe(400);
		expect(refused.json.message).toBe('updateMembers[1]: field "status" must be one of Subscribed, Unsubscribed, Bounced, Inactive, Spam');
		sandbox.control.reset();
		const named = await api(sandbox, 'PUT', '/account/customer', {
			body: { updateMembers: [{ email: 'bad@example.com', status: 'Happy' }] },
		});
		expect(named.json.message).toContain('bad@example.com');
	});

	it('names the refused member in an audience removal', async () => {
		const id = sandbox.control.seedAudience({ name: 'A' });
		const refused = await api(sandbox, 'PUT', `/audiences/${id}`, { body: { unAssignMembers: ['ok@example.com', 'broken-address'] } });
		expect(refused.status).toBe(400);
		expect(refused.json.message).toContain('broken-address');
	});
});

describe('sandbox setting refuseEmailsMatching (refusals one name at a time, as the real service)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false, refuseEmailsMatching: '@refused\\.example$' });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	const put = async (emails: string[]) =>
		await api(sandbox, 'PUT', '/account/customer', { body: { updateMembers: emails.map((email) => ({ email })) } });

	it('names only the first refused member of each request, in order, and writes nothing', async () => {
		const emails = ['ok@example.com', 'b@refused.example', 'c@REFUSED.example'];
		expect((await put(emails)).json).toEqual({ message: 'Email address is not accepted: b@refused.example' });
		expect((await put(emails.filter((email) => email !== 'b@refused.example'))).json).toEqual({
			message: 'Email address is not accepted: c@REFUSED.example',
		});
		expect(sandbox.control.listCustomers()).toEqual([]);
		expect((await put(['ok@example.com'])).status).toBe(200);
	});

	it('refuses audience members alike (assign and unassign), and names none with namesRefusedCustomer false', async () => {
		const id = sandbox.control.seedAudience({ name: 'A' });
		const assign = await api(sandbox, 'PUT', `/audiences/${id}`, {
			body: { assignMembers: [{ email: 'a@example.com' }, { email: 'x@refused.example' }] },
		});
		expect(assign.json).toEqual({ message: 'Email address is not accepted: x@refused.example' });
		const unassign = await api(sandbox, 'PUT', `/audiences/${id}`, { body: { unAssignMembers: ['y@refused.example'] } });
		expect(unassign.json).toEqual({ message: 'Email address is not accepted: y@refused.example' });
		sandbox.control.setNamesRefusedCustomer(false);
		expect((await put(['ok@example.com', 'z@refused.example'])).json).toEqual({
			message: 'updateMembers[1]: email address is not accepted',
		});
		expect(sandbox.control.listAudiences()[0].members).toEqual([]);
	});

	it('is a setting over HTTP too (false turns it off; a bad pattern is refused)', async () => {
		expect((await control(sandbox, 'POST', '/settings', { refuseEmailsMatching: '(' })).status).toBe(400);
		expect((await control(sandbox, 'POST', '/settings', { refuseEmailsMatching: false })).json.refuseEmailsMatching).toBe(false);
		expect((await put(['b@refused.example'])).status).toBe(200);
		await control(sandbox, 'POST', '/reset');
		expect((await control(sandbox, 'GET', '/settings')).json.refuseEmailsMatching).toBe('@refused\\.example$');
	});
});
