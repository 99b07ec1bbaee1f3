import { runNode } from '../../harness/runNode';
import { mapAutomatically, mapEachField } from '../../harness/customerColumns';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const updateParameters = (authentication: string, extra: Record<string, unknown> = {}) => ({
	authentication,
	resource: 'customer',
	operation: 'update',
	...mapEachField({ email: '={{ $json.email }}', lastName: '={{ $json.lastName }}' }),
	...extra,
});

describe.each(AUTH_CHOICES)('Customer > Update with %s', (authentication) => {
	test('updates existing customers and outputs them as now stored', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		sandbox.control.seedCustomers([
			{ email: 'u1@example.com', firstName: 'One', lastName: 'Old', status: 'Unsubscribed' },
			{ email: 'u2@example.com', firstName: 'Two' },
		]);
		const result = await runNode({
			parameters: updateParameters(authentication),
			items: [
				{ email: 'u1@example.com', lastName: 'New1' },
				{ email: 'u2@example.com', lastName: 'New2' },
			],
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output![0]).toEqual({
			json: expect.objectContaining({ email: 'u1@example.com', firstName: 'One', lastName: 'New1', status: 'Unsubscribed' }),
			pairedItem: { item: 0 },
		});
		expect(sandbox.control.getCustomer('u1@example.com')).toMatchObject({ firstName: 'One', lastName: 'New1', status: 'Unsubscribed' });
		expect(sandbox.control.getCustomer('u2@example.com')?.lastName).toBe('New2');
		const log = sandbox.control.requestLog();
		expect(log.map((entry) => entry.method)).toEqual(['GET', 'GET', 'PUT']);
		expect(log[2].batchSize).toBe(2);
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});

	test('fails clearly for a customer that does not exist, and creates nothing', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const result = await runNode({
			parameters: updateParameters(authentication),
			items: [{ email: 'missing@example.com', lastName: 'X' }],
			credentials: auth.credentials,
		});

		expect(result.error?.message).toBe('No customer with email "missing@example.com" exists in tinyEmail (item 0)');
		expect(result.error?.description).toMatch(/Create or Update/);
		expect(sandbox.control.getCustomer('missing@example.com')).toBeUndefined();
		expect(sandbox.control.counters().customerWrites).toBe(0);
	});
});

describe('Customer > Update modes and items', () => {
	test('Tags Mode "Add to Existing" keeps the stored tags', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([{ email: 't@example.com', tags: ['a', 'b'] }]);
		const result = await runNode({
			parameters: updateParameters('apiKey', { ...mapEachField({ email: '={{ $json.email }}', tags: 'b, c' }), tagsMode: 'add' }),
			items: [{ email: 't@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json.tags).toEqual(['a', 'b', 'c']);
		expect(sandbox.control.getCustomer('t@example.com')?.tags).toEqual(['a', 'b', 'c']);
	});

	test('with Continue On Fail: existing, missing, existing gives three paired outputs and one write', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([{ email: 'a@example.com' }, { email: 'c@example.com' }]);
		const result = await runNode({
			parameters: updateParameters('apiKey'),
			items: [
				{ email: 'a@example.com', lastName: 'A' },
				{ email: 'b@example.com', lastName: 'B' },
				{ email: 'c@example.com', lastName: 'C' },
			],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output![1].json).toEqual({ error: 'No customer with email "b@example.com" exists in tinyEmail (item 1)' });
		expect(result.output![2].json).toMatchObject({ email: 'c@example.com', lastName: 'C' });
		expect(
			sandbox.control
				.requestLog()
				.filter((entry) => entry.method === 'PUT')
				.map((entry) => entry.batchSize),
		).toEqual([2]);
	});

	test('an invalid status stops before any request; an expression may give it in any case', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: updateParameters('apiKey', mapEachField({ email: '={{ $json.email }}', status: '={{ $json.status }}' })),
			items: [
				{ email: 'a@example.com', status: 'subscribed' },
				{ email: 'a@example.com', status: 'Maybe' },
			],
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe('The Status "Maybe" in item 1 is not a tinyEmail status');
		expect(result.error?.description).toBe('Use one of: Bounced, Inactive, Spam, Subscribed, Unsubscribed.');
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});
});

describe('Customer > Update, Options › Empty Values', () => {
	const FULL = {
		email: 'full@example.com',
		firstName: 'F',
		lastName: 'L',
		source: 'Web',
		status: 'Unsubscribed' as const,
		birthday: '1990-05-04',
		tags: ['a', 'b'],
		currency: 'USD',
		country: 'Norway',
		province: 'Oslo',
		city: 'Oslo',
		address1: '1 Main St',
		address2: 'Flat 2',
		phone: '+47 1',
		postalCode: '0150',
		company: 'C',
		lastPurchaseOrder: 'O-1',
		lastPurchasePrice: '35',
		latestOrderId: 'A-1',
		lastPurchaseDate: '2024-01-31',
	};

	test.each(['apiKey', 'oAuth2'])(
		'"Clear the Field" with Map Automatically (%s): every empty field is cleared, except Status',
		async (authentication) => {
			const auth = sandboxAuth(sandbox, authentication as 'apiKey' | 'oAuth2');
			sandbox.control.seedCustomers([FULL]);
			const empties = Object.fromEntries(Object.keys(FULL).map((key) => [key, key === 'tags' ? [] : key === 'city' ? null : '']));
			const result = await runNode({
				parameters: {
					authentication,
					resource: 'customer',
					operation: 'update',
					...mapAutomatically(),
					options: { emptyValues: 'clear' },
				},
				items: [{ ...empties, email: 'full@example.com' }],
				credentials: auth.credentials,
			});
			expect(result.error).toBeUndefined();
			const expected = { email: 'full@example.com', status: 'Unsubscribed', tags: [] };
			expect(sandbox.control.getCustomer('full@example.com')).toEqual({ ...expected, unsubscribedAt: expect.any(String) });
			expect(result.output![0].json).toMatchObject(expected);
			expect(Object.keys(result.output![0].json).filter((key) => !['unsubscribedAt', ...Object.keys(expected)].includes(key))).toEqual([]);
		},
	);

	test('"Clear the Field" with Map Each Column Manually: only listed fields; an expression giving nothing clears; a clear of an absent field sends nothing', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([FULL, { email: 'bare@example.com', firstName: 'Bare' }]);
		const result = await runNode({
			parameters: updateParameters('apiKey', {
				...mapEachField({ email: '={{ $json.email }}', lastName: '={{ $json.nothing }}', birthday: '', tags: '', status: '' }),
				options: { emptyValues: 'clear' },
			}),
			items: [{ email: 'full@example.com' }, { email: 'bare@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		const { lastName: _l, birthday: _b, ...rest } = FULL;
		expect(sandbox.control.getCustomer('full@example.com')).toMatchObject({ ...rest, tags: [] });
		expect(sandbox.control.getCustomer('full@example.com')).not.toHaveProperty('lastName');
		expect(sandbox.control.getCustomer('full@example.com')).not.toHaveProperty('birthday');
		expect(result.output![1].json).toEqual({ email: 'bare@example.com', firstName: 'Bare' });
		// bare@ has none of the cleared fields: nothing to change, so only full@ was written
		expect(
			sandbox.control
				.requestLog()
				.filter((entry) => entry.method === 'PUT')
				.map((entry) => entry.batchSize),
		).toEqual([1]);
	});

	test('"Keep Stored Value" (the default) sends no empty field', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers([FULL]);
		const result = await runNode({
			parameters: updateParameters('apiKey', { ...mapEachField({ email: 'full@example.com', lastName: '', tags: '', phone: '+47 2' }) }),
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('full@example.com')).toMatchObject({ ...FULL, phone: '+47 2' });
	});
});
