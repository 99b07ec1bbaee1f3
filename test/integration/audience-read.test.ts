// Audience > Create, Get Many, Get Members, and the audience list search.
import { runListSearch } from '../harness/runListSearch';
import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;
const memberGets = () =>
	sandbox.control
		.requestLog()
		.filter((entry) => entry.method === 'GET' && entry.path.includes('/members'))
		.map((entry) => entry.path.replace(/^.*\?/, ''));

describe('Audience > Create', () => {
	test('one audience per item with its initial customers; POST is sent once per item', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'create',
				name: '={{ $json.name }}',
				customers: '={{ $json.emails }}',
				customerFields: { source: 'n8n' },
			},
			items: [
				{ name: 'Spring', emails: 'a@example.com, b@example.com' },
				{ name: 'Empty', emails: '' },
			],
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		const audiences = sandbox.control.listAudiences();
		expect(result.output!.map((item) => item.json)).toEqual([
			{ id: audiences[0].id, name: 'Spring', numberOfMembers: 2 },
			{ id: audiences[1].id, name: 'Empty', numberOfMembers: 0 },
		]);
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(audiences[0].members).toEqual(['a@example.com', 'b@example.com']);
		expect(sandbox.control.getCustomer('b@example.com')?.source).toBe('n8n');
		expect(sandbox.control.requestLog().map((entry) => entry.method)).toEqual(['POST', 'POST']);
	});

	test('an empty name fails its item (continueOnFail keeps the others)', async () => {
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'audience', operation: 'create', name: '={{ $json.name }}' },
			items: [{ name: '  ' }, { name: 'Ok' }],
			credentials: apiKey(),
			continueOnFail: true,
		});
		expect(result.output![0].json).toEqual({ error: 'The audience name in item 0 is empty' });
		expect(result.output![1].json.name).toBe('Ok');
		expect(sandbox.control.listAudiences()).toHaveLength(1);
	});

	test('a 500 on POST is not retried (creating twice would duplicate the audience)', async () => {
		sandbox.control.addFault({ kind: 500, count: 1, pathPrefix: '/v1/audiences', method: 'POST' });
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'audience', operation: 'create', name: 'Once' },
			credentials: apiKey(),
		});
		expect(result.error?.message).toMatch(/server error \(HTTP 500\)/);
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});
});

describe('Audience > Get Many', () => {
	test('lists audiences with Limit and a name filter; one GET per run', async () => {
		for (const name of ['Alpha', 'Beta', 'alphabet soup', 'Gamma']) sandbox.control.seedAudience({ name, members: ['m@example.com'] });
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'audience', operation: 'getAll', limit: 1, filters: { nameContains: 'ALPHA' } },
			items: [{}, {}],
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => [item.json.name, item.json.numberOfMembers, item.pairedItem])).toEqual([
			['Alpha', 1, { item: 0 }],
			['Alpha', 1, { item: 1 }],
		]);
		expect(sandbox.control.requestLog()).toHaveLength(1);

		const all = await runNode({
			parameters: { authentication: 'apiKey', resource: 'audience', operation: 'getAll', returnAll: true },
			credentials: apiKey(),
		});
		expect(all.output).toHaveLength(4);
	});

	test('OAuth2 gets the API-key-needed error', async () => {
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'audience', operation: 'getAll' },
			credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
		});
		expect(result.error?.message).toMatch(/^The Audience resource: This operation needs the tinyEmail API credential \(API key\)/);
	});
});

describe('Audience > Get Members', () => {
	let audienceId: string;
	beforeEach(() => {
		const emails = Array.from({ length: 250 }, (_, i) => `m${String(i).padStart(3, '0')}@example.com`);
		sandbox.control.seedCustomers(emails.map((email, i) => ({ email, firstName: `M${i}`, city: 'Lyon', status: 'Subscribed' })));
		audienceId = sandbox.control.seedAudience({ name: 'Big', members: emails });
		sandbox.control.clearRequestLog();
	});

	test('Return All reads every page (from 1) and outputs one simplified item per member, paired', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'list', value: audienceId },
				returnAll: true,
			},
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(250);
		expect(memberGets()).toEqual(['page=1&size=100', 'page=2&size=100', 'page=3&size=100']);
		expect(result.output![249].json).toEqual({ email: 'm249@example.com', firstName: 'M249', status: 'Subscribed' });
		expect(result.output!.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit stops early and Simplify off gives the raw customer', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' },
				limit: 120,
				simplify: false,
			},
			items: [{ audience: audienceId }],
			credentials: apiKey(),
		});
		expect(result.output).toHaveLength(120);
		expect(memberGets()).toEqual(['page=1&size=100', 'page=2&size=100']);
		expect(result.output![0].json).toMatchObject({ email: 'm000@example.com', city: 'Lyon' });
	});

	test('a small Limit costs one small request; several items each get their members', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: audienceId },
				limit: 3,
			},
			items: [{}, {}],
			credentials: apiKey(),
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
		expect(memberGets()).toEqual(['page=1&size=3', 'page=1&size=3']);
	});

	test('continueOnFail: an unknown audience fails its item only', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' },
				limit: 2,
			},
			items: [{ audience: 'nope' }, { audience: audienceId }],
			credentials: apiKey(),
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(3);
		expect(result.output![0]).toMatchObject({ pairedItem: { item: 0 }, json: { error: expect.stringMatching(/not found/i) } });
		expect(result.output![1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Audience list search (From List picker)', () => {
	test('lists audiences sorted by name, filtered case-insensitively', async () => {
		const b = sandbox.control.seedAudience({ name: 'Buyers' });
		const a = sandbox.control.seedAudience({ name: 'all customers' });
		sandbox.control.seedAudience({ name: 'Other' });
		const parameters = { authentication: 'apiKey', resource: 'audience', operation: 'getMembers' };
		const all = await runListSearch({ method: 'searchAudiences', parameters, credentials: apiKey() });
		expect(all.results.map((entry) => entry.name)).toEqual(['all customers', 'Buyers', 'Other']);
		const filtered = await runListSearch({ method: 'searchAudiences', parameters, credentials: apiKey(), filter: 'CUST' });
		expect(filtered.results).toEqual([{ name: 'all customers', value: a }]);
		expect(b).toBeDefined();
	});

	test('with OAuth2 it says the API key is needed', async () => {
		await expect(
			runListSearch({
				method: 'searchAudiences',
				parameters: { authentication: 'oAuth2', resource: 'audience', operation: 'getMembers' },
				credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
			}),
		).rejects.toThrow('Listing audiences: This operation needs the tinyEmail API credential (API key)');
	});
});
