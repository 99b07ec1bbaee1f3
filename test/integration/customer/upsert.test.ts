import { runNode } from '../../harness/runNode';
import { mapAutomatically, mapEachField } from '../../harness/customerColumns';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const puts = () => sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');

describe.each(AUTH_CHOICES)('Customer > Create or Update with %s', (authentication) => {
	test('writes 250 items in batches of the Batch Size, one output per item, paired', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const items = Array.from({ length: 250 }, (_, i) => ({ email: `person${i}@example.com`, name: `Person ${i}` }));
		const result = await runNode({
			parameters: {
				authentication,
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: '={{ $json.email }}', firstName: '={{ $json.name }}' }),
				options: { batchSize: 100 },
			},
			items,
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(250);
		result.output!.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({ email: `person${i}@example.com`, firstName: `Person ${i}` });
		});
		expect(puts().map((entry) => entry.batchSize)).toEqual([100, 100, 50]);
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'GET')).toHaveLength(0);
		expect(sandbox.control.getCustomer('person249@example.com')?.firstName).toBe('Person 249');
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});

	test('never re-subscribes or blanks stored fields it was not given', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		sandbox.control.seedCustomers([
			{ email: 'kept@example.com', firstName: 'Old', lastName: 'Stays', status: 'Unsubscribed', city: 'Lyon', tags: ['a'] },
		]);
		const result = await runNode({
			parameters: {
				authentication,
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: 'kept@example.com', firstName: 'New', lastName: '', city: '   ' }),
			},
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toEqual({ email: 'kept@example.com', firstName: 'New' });
		const stored = sandbox.control.getCustomer('kept@example.com');
		expect(stored).toMatchObject({ firstName: 'New', lastName: 'Stays', status: 'Unsubscribed', city: 'Lyon', tags: ['a'] });
	});
});

describe('Customer > Create or Update fields and modes', () => {
	test('normalises every field type before sending', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({
					email: ' full@example.com ',
					status: 'Subscribed',
					birthday: '1990-05-04T00:00:00',
					lastPurchaseDate: '={{ "2024-02-29T23:30:00+02:00" }}',
					tags: 'vip, newsletter ,vip,',
					lastPurchasePrice: '={{ 35.5 }}',
					currency: 'usd',
					address1: '1 Main St',
					latestOrderId: 'A-1',
				}),
			},
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		const expected = {
			email: 'full@example.com',
			status: 'Subscribed',
			birthday: '1990-05-04',
			lastPurchaseDate: '2024-02-29',
			tags: ['vip', 'newsletter'],
			lastPurchasePrice: '35.5',
			currency: 'USD',
			address1: '1 Main St',
			latestOrderId: 'A-1',
		};
		expect(result.output![0].json).toEqual(expected);
		expect(sandbox.control.getCustomer('full@example.com')).toMatchObject(expected);
	});

	test('Tags Mode "Add to Existing" merges with the stored tags (one read per email)', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		sandbox.control.seedCustomers([{ email: 'tags@example.com', tags: ['old', 'shared'] }]);
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: '={{ $json.email }}', tags: '={{ $json.tags }}' }),
				tagsMode: 'add',
			},
			items: [
				{ email: 'tags@example.com', tags: ['shared', 'new'] },
				{ email: 'tags@example.com', tags: 'later' },
				{ email: 'fresh@example.com', tags: 'first' },
			],
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('tags@example.com')?.tags).toEqual(['old', 'shared', 'new', 'later']);
		expect(sandbox.control.getCustomer('fresh@example.com')?.tags).toEqual(['first']);
		const gets = sandbox.control.requestLog().filter((entry) => entry.method === 'GET');
		expect(gets).toHaveLength(2);
		// The same email twice never shares a batch: the later item is applied after the earlier one
		expect(puts().map((entry) => entry.batchSize)).toEqual([1, 2]);
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Tags Mode "Replace" replaces the stored tags without reading', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([{ email: 'tags@example.com', tags: ['old'] }]);
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: 'tags@example.com', tags: 'new' }),
				tagsMode: 'replace',
			},
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('tags@example.com')?.tags).toEqual(['new']);
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'GET')).toHaveLength(0);
	});

	test('an invalid item stops the run before any request, naming the item and the field', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: '={{ $json.email }}', birthday: '={{ $json.birthday }}' }),
			},
			items: [
				{ email: 'ok@example.com', birthday: '1990-01-01' },
				{ email: 'ok2@example.com', birthday: '1990-02-31' },
			],
			credentials: auth.credentials,
		});
		expect(result.output).toBeUndefined();
		expect(result.error?.message).toBe('The Birthday "1990-02-31" in item 1 is not a valid date');
		expect(result.error?.description).toMatch(/YYYY-MM-DD|1990-05-04/);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});

	test('with Continue On Fail a bad item becomes an error item and the good ones are written', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'customer', operation: 'upsert', ...mapEachField({ email: '={{ $json.email }}' }) },
			items: [{ email: 'good1@example.com' }, { email: 'not-an-email' }, { email: 'good2@example.com' }],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{ json: { email: 'good1@example.com' }, pairedItem: { item: 0 } },
			{ json: { error: 'The email "not-an-email" in item 1 is not valid' }, pairedItem: { item: 1 } },
			{ json: { email: 'good2@example.com' }, pairedItem: { item: 2 } },
		]);
		expect(puts().map((entry) => entry.batchSize)).toEqual([2]);
	});

	test('a rejected batch fails each of its items; with Continue On Fail each gets the error', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		// A failure that outlasts the retries fails the whole batch. (A 400 would be bisected instead, so
		// the good items still get written: test/integration/resilience/partial-failure.test.ts.)
		sandbox.control.addFault({ kind: 500, count: 1, method: 'PUT' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: '={{ $json.email }}' }),
				// Max Retry Wait 0: no retries, so the one injected 500 is final
				options: { batchSize: 2, maxRetryWait: 0 },
			},
			items: [{ email: 'b1@example.com' }, { email: 'b2@example.com' }, { email: 'b3@example.com' }],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(3);
		expect(result.output![0].json.error).toMatch(/^tinyEmail had a server error \(HTTP 500\)/);
		expect(result.output![1].json.error).toBe(result.output![0].json.error);
		expect(result.output![2]).toEqual({ json: { email: 'b3@example.com' }, pairedItem: { item: 2 } });
		expect(sandbox.control.getCustomer('b1@example.com')).toBeUndefined();
		expect(everythingSaid(result)).not.toContain(auth.secrets[0]);
	});
});

describe('Customer > Create or Update, Options › Empty Values', () => {
	test('"Clear the Field" with Map Automatically: empty and null fields are cleared, missing keys kept, an empty Status keeps the status', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		sandbox.control.seedCustomers([
			{ email: 'c@example.com', firstName: 'C', lastName: 'L', company: 'Co', city: 'Oslo', status: 'Subscribed', tags: ['a'] },
		]);
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'customer',
				operation: 'upsert',
				...mapAutomatically(),
				options: { emptyValues: 'clear' },
			},
			items: [{ email: 'c@example.com', firstName: '', lastName: null, tags: '', status: '', phone: '+1 555' }],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('c@example.com')).toEqual({
			email: 'c@example.com',
			company: 'Co',
			city: 'Oslo',
			status: 'Subscribed',
			tags: [],
			phone: '+1 555',
		});
		expect(result.output![0].json).toEqual({ email: 'c@example.com', tags: [], phone: '+1 555' });
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'GET')).toHaveLength(0);
	});

	test('"Clear the Field" with Tags Mode "Add to Existing": empty Tags add nothing and keep the stored tags (no read)', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([{ email: 't@example.com', firstName: 'T', tags: ['keep'] }]);
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: 't@example.com', firstName: '', tags: '' }),
				tagsMode: 'add',
				options: { emptyValues: 'clear' },
			},
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('t@example.com')).toEqual({ email: 't@example.com', tags: ['keep'] });
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'GET')).toHaveLength(0);
	});
});

// tinyEmail's observed refusal names only the first refused customer of a request ("Email address is not
// accepted: a@x.co"); resent without it, the next. The sandbox's refuseEmailsMatching setting does the same.
describe('Customer > Create or Update: refusals one name at a time stay bounded', () => {
	const REFUSED = /@refused\.example$/;
	const emailsOf = (count: number, refused: (i: number) => boolean) =>
		Array.from({ length: count }, (_, i) => (refused(i) ? `r${i}@refused.example` : `ok${i}@example.com`));
	const customerPuts = () => puts().filter((entry) => entry.path === '/v1/account/customer');
	const reason = (i: number, email: string) =>
		`tinyEmail rejected the customer "${email}" in item ${i}: Email address is not accepted: ${email}`;
	const notSent = (i: number, email: string) => `The customer "${email}" in item ${i} was not sent to tinyEmail: tinyEmail refused `;

	async function upsert(emails: string[]) {
		sandbox.control.setRefuseEmailsMatching(REFUSED.source);
		return await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapAutomatically(),
				options: { maxRequestsPerMinute: 0, batchSize: 1000 },
			},
			items: emails.map((email) => ({ email })),
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			continueOnFail: true,
		});
	}

	test('1,000 customers all refused: at most 30 requests; each item fails with its reason or says it was not sent and why', async () => {
		const emails = emailsOf(1000, () => true);
		const result = await upsert(emails);
		expect(result.output).toHaveLength(1000);
		const requests = customerPuts().length;
		expect(requests).toBeLessThanOrEqual(30);
		let refused = 0;
		result.output!.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const error = String(item.json.error);
			if (error.startsWith('tinyEmail rejected')) {
				expect(error).toBe(reason(i, emails[i]));
				refused++;
			} else {
				expect(error).toMatch(
					new RegExp(`^${notSent(i, emails[i]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+ requests for its batch in a row`),
				);
			}
		});
		// Each refused request named one customer, and each named one has tinyEmail's reason
		expect(refused).toBe(requests);
		expect(sandbox.control.listCustomers()).toEqual([]);
	});

	test('10 refused among 1,000: exactly 1 extra request each, the 990 others written once', async () => {
		const bad = new Set([3, 111, 250, 251, 400, 512, 640, 777, 901, 999]);
		const emails = emailsOf(1000, (i) => bad.has(i));
		const result = await upsert(emails);
		result.output!.forEach((item, i) => {
			if (bad.has(i)) expect(item.json.error).toBe(reason(i, emails[i]));
			else expect(item.json).toEqual({ email: emails[i] });
		});
		expect(customerPuts().map((entry) => entry.status)).toEqual([...Array(10).fill(400), 200]);
		expect(sandbox.control.listCustomers()).toHaveLength(990);
	});

	test('50 refused among 1,000: past 10 the rest is bisected; every other customer is still written once', async () => {
		const emails = emailsOf(1000, (i) => i % 20 === 7);
		const result = await upsert(emails);
		result.output!.forEach((item, i) => {
			if (REFUSED.test(emails[i])) expect(item.json.error).toBe(reason(i, emails[i]));
			else expect(item.json).toEqual({ email: emails[i] });
		});
		const written = customerPuts().filter((entry) => entry.status === 200);
		expect(written.reduce((sum, entry) => sum + (entry.batchSize ?? 0), 0)).toBe(950);
		// 2·⌈log2 1000⌉ = 20 per refused customer at most; here far fewer
		expect(customerPuts().length).toBeLessThanOrEqual(1 + 50 * 20);
	});

	test('all refused naming none (the index only): the shared reason ends the batch after 3 requests', async () => {
		sandbox.control.setNamesRefusedCustomer(false);
		const result = await upsert(emailsOf(1000, () => true));
		expect(customerPuts()).toHaveLength(3);
		for (const item of result.output!)
			expect(item.json.error).toMatch(/^tinyEmail refused all 1000 customers of the batch from item 0 to item 999/);
	});
});
