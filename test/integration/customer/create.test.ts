import { runNode } from '../../harness/runNode';
import { mapEachField } from '../../harness/customerColumns';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const createParameters = (authentication: string) => ({
	authentication,
	resource: 'customer',
	operation: 'create',
	...mapEachField({ email: '={{ $json.email }}', firstName: '={{ $json.firstName }}', status: 'Subscribed' }),
});

describe.each(AUTH_CHOICES)('Customer > Create with %s', (authentication) => {
	test('checks each email once, then writes the new customers in one batch', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const result = await runNode({
			parameters: createParameters(authentication),
			items: [
				{ email: 'one@example.com', firstName: 'One' },
				{ email: 'two@example.com', firstName: 'Two' },
			],
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{ json: { email: 'one@example.com', firstName: 'One', status: 'Subscribed' }, pairedItem: { item: 0 } },
			{ json: { email: 'two@example.com', firstName: 'Two', status: 'Subscribed' }, pairedItem: { item: 1 } },
		]);
		const log = sandbox.control.requestLog();
		expect(log.map((entry) => `${entry.method} ${entry.status}`)).toEqual(['GET 404', 'GET 404', 'PUT 200']);
		expect(log[2].batchSize).toBe(2);
		expect(sandbox.control.getCustomer('two@example.com')).toMatchObject({ firstName: 'Two', status: 'Subscribed' });
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});

	test('fails clearly when the customer already exists, and writes nothing', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		sandbox.control.seedCustomers([{ email: 'exists@example.com', firstName: 'Stored' }]);
		const result = await runNode({
			parameters: createParameters(authentication),
			items: [{ email: 'exists@example.com', firstName: 'Other' }],
			credentials: auth.credentials,
		});

		expect(result.error?.message).toBe('A customer with email "exists@example.com" already exists in tinyEmail (item 0)');
		expect(result.error?.description).toMatch(/Create or Update/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(sandbox.control.getCustomer('exists@example.com')?.firstName).toBe('Stored');
		expect(sandbox.control.counters().customerWrites).toBe(0);
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});
});

describe('Customer > Create item handling', () => {
	test('with Continue On Fail: good, existing, good gives three paired outputs', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([{ email: 'exists@example.com' }]);
		const result = await runNode({
			parameters: createParameters('apiKey'),
			items: [
				{ email: 'a@example.com', firstName: 'A' },
				{ email: 'exists@example.com', firstName: 'X' },
				{ email: 'b@example.com', firstName: 'B' },
			],
			credentials: auth.credentials,
			continueOnFail: true,
		});

		expect(result.output).toHaveLength(3);
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output![1].json).toEqual({
			error: 'A customer with email "exists@example.com" already exists in tinyEmail (item 1)',
		});
		expect(result.output![2].json.email).toBe('b@example.com');
		expect(
			sandbox.control
				.requestLog()
				.filter((entry) => entry.method === 'PUT')
				.map((entry) => entry.batchSize),
		).toEqual([2]);
	});

	test('the same new email twice in one run: the first creates, the later one fails, one read', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: createParameters('apiKey'),
			items: [
				{ email: 'twice@example.com', firstName: 'First' },
				{ email: 'TWICE@example.com', firstName: 'Second' },
			],
			credentials: auth.credentials,
			continueOnFail: true,
		});

		expect(result.output![0].json.firstName).toBe('First');
		expect(result.output![1].json.error).toMatch(/already created by item 0/);
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'GET')).toHaveLength(1);
		expect(sandbox.control.getCustomer('twice@example.com')?.firstName).toBe('First');
	});

	test('a wrong API key is named as such, without the key in the message', async () => {
		const badKey = 'wrong-key-1234567890';
		const result = await runNode({
			parameters: createParameters('apiKey'),
			items: [{ email: 'a@example.com', firstName: 'A' }],
			credentials: { tinyEmailApi: { apiKey: badKey, server: 'custom', baseUrl: `${sandbox.url}/` } },
		});

		expect(result.error?.message).toBe('The API key was rejected by tinyEmail');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(everythingSaid(result)).not.toContain(badKey);
	});
});

describe('Customer > Create, Options › Empty Values', () => {
	test('"Clear the Field": a new customer has nothing to clear, so empty values are not sent and the output has none', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: {
				...createParameters('apiKey'),
				...mapEachField({ email: 'new@example.com', firstName: 'N', lastName: '', tags: '' }),
				options: { emptyValues: 'clear' },
			},
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toEqual({ email: 'new@example.com', firstName: 'N' });
		expect(sandbox.control.getCustomer('new@example.com')).toEqual({ email: 'new@example.com', firstName: 'N' });
	});
});
