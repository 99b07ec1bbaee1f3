// Audience > Add Customers.
import { runNode } from '../../harness/runNode';
import { everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id, cachedResultName: 'whatever' });
const audiencePuts = () =>
	sandbox.control.requestLog().filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/v1/audiences/'));
const members = (id: string) => sandbox.control.listAudiences().find((audience) => audience.id === id)?.members ?? [];

describe('Audience > Add Customers', () => {
	test("after an item's batch fails, later batches carry only the other items' customers", async () => {
		const vip = sandbox.control.seedAudience({ name: 'VIP' });
		sandbox.control.addFault({ kind: 500, count: 1, method: 'PUT', pathPrefix: '/v1/audiences/' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'addCustomers',
				audience: byId(vip),
				customers: '={{ $json.customers }}',
				// Batches: [a, b] (item 0), [c (item 0), d (item 1)]; the first fails for good (no retries)
				options: { batchSize: 2, maxRetryWait: 0 },
			},
			items: [{ customers: 'a@example.com, b@example.com, c@example.com' }, { customers: 'd@example.com' }],
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output![0].json.error).toEqual(expect.any(String));
		expect(result.output![1].json).toEqual({ audienceId: vip, emails: ['d@example.com'], added: true });
		expect(audiencePuts().map((entry) => [entry.status, entry.batchSize])).toEqual([
			[500, 2],
			[204, 1],
		]);
		expect(members(vip)).toEqual(['d@example.com']);
	});

	test('groups the items of each audience into batched PUTs; one output per item, paired', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const vip = sandbox.control.seedAudience({ name: 'VIP' });
		const news = sandbox.control.seedAudience({ name: 'Newsletter' });
		const items = Array.from({ length: 7 }, (_, i) => ({ email: `p${i}@example.com`, audience: i % 2 === 0 ? vip : news }));
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'addCustomers',
				audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' },
				customers: '={{ $json.email }}',
				customerFields: { firstName: 'Pat' },
				options: { batchSize: 3 },
			},
			items,
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(7);
		result.output!.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({ audienceId: items[i].audience, emails: [`p${i}@example.com`], added: true });
		});
		// VIP gets items 0,2,4,6 (batches 3 + 1), Newsletter 1,3,5 (one batch of 3)
		expect(audiencePuts().map((entry) => [entry.path, entry.batchSize])).toEqual([
			[`/v1/audiences/${vip}`, 3],
			[`/v1/audiences/${vip}`, 1],
			[`/v1/audiences/${news}`, 3],
		]);
		expect(members(vip)).toEqual(['p0@example.com', 'p2@example.com', 'p4@example.com', 'p6@example.com']);
		expect(sandbox.control.getCustomer('p3@example.com')?.firstName).toBe('Pat');
		expect(everythingSaid(result)).not.toContain(auth.secrets[0]);
	});

	test('accepts comma-separated emails and lists of customer objects', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const id = sandbox.control.seedAudience({ name: 'Mixed' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'addCustomers',
				audience: fromList(id),
				customers: '={{ $json.customers }}',
			},
			items: [
				{ customers: 'a@example.com, b@example.com;c@example.com' },
				{ customers: [{ email: 'd@example.com', firstName: 'Dee', status: 'Subscribed' }, 'e@example.com'] },
			],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.json.emails)).toEqual([
			['a@example.com', 'b@example.com', 'c@example.com'],
			['d@example.com', 'e@example.com'],
		]);
		expect(audiencePuts()).toHaveLength(1);
		expect(members(id)).toHaveLength(5);
		expect(sandbox.control.getCustomer('d@example.com')?.firstName).toBe('Dee');
	});

	test('an invalid email fails its item before anything is sent, naming item and value', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const id = sandbox.control.seedAudience({ name: 'X' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'addCustomers',
				audience: byId(id),
				customers: '={{ $json.email }}',
			},
			items: [{ email: 'ok@example.com' }, { email: 'not-an-email' }],
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe('Customers in item 1 contains "not-an-email", which is not a valid email address');
		expect(audiencePuts()).toHaveLength(0);
	});

	test('continueOnFail: an unknown audience fails only its items, the others are written', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const id = sandbox.control.seedAudience({ name: 'Real' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'addCustomers',
				audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' },
				customers: '={{ $json.email }}',
			},
			items: [
				{ email: 'a@example.com', audience: 'no-such-audience' },
				{ email: 'b@example.com', audience: id },
				{ email: 'c@example.com', audience: '' },
			],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output![0].json.error).toMatch(/not found/i);
		expect(result.output![1].json).toEqual({ audienceId: id, emails: ['b@example.com'], added: true });
		expect(result.output![2].json.error).toBe('No audience chosen in item 2');
		expect(members(id)).toEqual(['b@example.com']);
	});

	test('OAuth2: fails with the API-key-needed message and sends nothing', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		const id = sandbox.control.seedAudience({ name: 'X' });
		sandbox.control.clearRequestLog();
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'audience',
				operation: 'addCustomers',
				audience: byId(id),
				customers: 'a@example.com',
			},
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe(
			'The Audience resource: This operation needs the tinyEmail API credential (API key); the OAuth2 scope import_customers only covers customers',
		);
		expect(result.error?.description).toMatch(/Authentication to API Key/);
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});
});

// tinyEmail's observed refusal names only the first refused member of a request ("Email address is not
// accepted: a@x.co"); resent without it, the next. The sandbox's refuseEmailsMatching setting does the same.
describe('Audience > Add Customers: refusals one name at a time stay bounded', () => {
	const emailsOf = (count: number, refused: (i: number) => boolean) =>
		Array.from({ length: count }, (_, i) => (refused(i) ? `r${i}@refused.example` : `ok${i}@example.com`));
	const reason = (i: number, email: string) =>
		`tinyEmail rejected the customer "${email}" in item ${i}: Email address is not accepted: ${email}`;

	async function add(audienceId: string, items: Array<{ customers: string }>) {
		sandbox.control.setRefuseEmailsMatching('@refused\\.example$');
		return await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'addCustomers',
				audience: byId(audienceId),
				customers: '={{ $json.customers }}',
				options: { batchSize: 1000, maxRequestsPerMinute: 0 },
			},
			items,
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			continueOnFail: true,
		});
	}

	test('1,000 customers all refused: at most 30 requests; each item fails with its reason or says it was not sent and why', async () => {
		const id = sandbox.control.seedAudience({ name: 'All refused' });
		const emails = emailsOf(1000, () => true);
		const result = await add(
			id,
			emails.map((customers) => ({ customers })),
		);
		expect(result.output).toHaveLength(1000);
		expect(audiencePuts().length).toBeLessThanOrEqual(30);
		let refused = 0;
		result.output!.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const error = String(item.json.error);
			if (error.startsWith('tinyEmail rejected')) {
				expect(error).toBe(reason(i, emails[i]));
				refused++;
			} else
				expect(error).toMatch(
					new RegExp(`^The customer "r${i}@refused\\.example" in item ${i} was not sent to tinyEmail: tinyEmail refused \\d+ requests`),
				);
		});
		expect(refused).toBe(audiencePuts().length);
		expect(members(id)).toEqual([]);
	});

	test('10 refused among 1,000: exactly 1 extra request each, the 990 others added', async () => {
		const id = sandbox.control.seedAudience({ name: 'Ten refused' });
		const bad = new Set([0, 1, 2, 300, 301, 500, 600, 700, 998, 999]);
		const emails = emailsOf(1000, (i) => bad.has(i));
		const result = await add(
			id,
			emails.map((customers) => ({ customers })),
		);
		result.output!.forEach((item, i) => {
			if (bad.has(i)) expect(item.json.error).toBe(reason(i, emails[i]));
			else expect(item.json).toEqual({ audienceId: id, emails: [emails[i]], added: true });
		});
		expect(audiencePuts().map((entry) => entry.status)).toEqual([...Array(10).fill(400), 204]);
		expect(members(id)).toHaveLength(990);
	});

	test("a refused customer fails its item; the item's other customers are not sent after it, other items' are", async () => {
		const id = sandbox.control.seedAudience({ name: 'Grouped' });
		const result = await add(id, [{ customers: 'a@example.com, r@refused.example, b@example.com' }, { customers: 'c@example.com' }]);
		expect(result.output![0].json.error).toBe(
			'tinyEmail rejected the customer "r@refused.example" in item 0: Email address is not accepted: r@refused.example',
		);
		expect(result.output![1].json).toEqual({ audienceId: id, emails: ['c@example.com'], added: true });
		expect(audiencePuts().map((entry) => [entry.status, entry.batchSize])).toEqual([
			[400, 4],
			[204, 1],
		]);
		expect(members(id)).toEqual(['c@example.com']);
	});
});
