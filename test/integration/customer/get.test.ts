import { runNode } from '../../harness/runNode';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { startSandbox } from '../../../sandbox';
import type { NotFoundStyle, Sandbox } from '../../../sandbox/types';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerMinute: false });
});

afterAll(async () => {
	await sandbox.stop();
});

beforeEach(() => {
	sandbox.control.reset();
	sandbox.control.setNotFoundStyle('404');
});

const getParameters = (authentication: string) => ({
	authentication,
	resource: 'customer',
	operation: 'get',
	email: '={{ $json.email }}',
});

describe.each(AUTH_CHOICES)('Customer > Get with %s', (authentication) => {
	test('outputs the stored customer, reading each email once', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const stored = { email: 'ann@example.com', firstName: 'Ann', tags: ['vip'], status: 'Subscribed' as const };
		sandbox.control.seedCustomers([stored]);
		const result = await runNode({
			parameters: getParameters(authentication),
			items: [{ email: 'ann@example.com' }, { email: 'ann@example.com' }],
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(2);
		expect(result.output![0].json).toMatchObject(stored);
		expect(result.output![1]).toMatchObject({ json: stored, pairedItem: { item: 1 } });
		expect(sandbox.control.requestLog()).toHaveLength(1);
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});
});

describe('Customer > Get, Simplify', () => {
	const full = {
		email: 'full@example.com',
		firstName: 'Fay',
		lastName: 'Full',
		status: 'Subscribed' as const,
		tags: ['vip'],
		phone: '+1 555 0100',
		country: 'United States',
		city: 'Austin',
		province: 'Texas',
		company: 'Acme',
		currency: 'USD',
		lastPurchaseOrder: 'A-1',
	};

	test.each([
		[
			'on by default: the nine main fields',
			{},
			{
				email: full.email,
				firstName: 'Fay',
				lastName: 'Full',
				status: 'Subscribed',
				tags: ['vip'],
				phone: full.phone,
				country: full.country,
				city: 'Austin',
			},
		],
		['off: everything tinyEmail returned', { simplify: false }, full],
	])('%s', async (_, extra, expected) => {
		sandbox.control.seedCustomers([full]);
		const result = await runNode({
			parameters: { ...getParameters('apiKey'), ...extra },
			items: [{ email: full.email }],
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		});
		expect(result.error).toBeUndefined();
		if ('simplify' in extra) expect(result.output![0].json).toMatchObject(expected);
		else expect(result.output![0].json).toEqual(expected);
	});
});

describe.each<NotFoundStyle>(['404', '400', 'empty200'])('Customer > Get an unknown email (tinyEmail answers %s)', (style) => {
	test('is a clear "not found" error naming the item', async () => {
		sandbox.control.setNotFoundStyle(style);
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: getParameters('apiKey'),
			items: [{ email: 'nobody@example.com' }],
			credentials: auth.credentials,
		});

		expect(result.error?.message).toBe('No customer with email "nobody@example.com" exists in tinyEmail (item 0)');
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	test('with Continue On Fail it becomes an error item beside the found ones', async () => {
		sandbox.control.setNotFoundStyle(style);
		sandbox.control.seedCustomers([{ email: 'a@example.com' }, { email: 'c@example.com' }]);
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: getParameters('apiKey'),
			items: [{ email: 'a@example.com' }, { email: 'nobody@example.com' }, { email: 'c@example.com' }],
			credentials: auth.credentials,
			continueOnFail: true,
		});

		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output![0].json.email).toBe('a@example.com');
		expect(result.output![1].json).toEqual({ error: 'No customer with email "nobody@example.com" exists in tinyEmail (item 1)' });
		expect(result.output![2].json.email).toBe('c@example.com');
	});
});

describe('Customer > Get input checks', () => {
	test('a missing email fails before any request', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: getParameters('apiKey'),
			items: [{ email: 'a@example.com' }, {}],
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe('The email in item 1 is missing');
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});

	test('an email with special characters is URL-encoded in the path', async () => {
		sandbox.control.seedCustomers([{ email: 'a+b/c@example.com', firstName: 'Plus' }]);
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: getParameters('apiKey'),
			items: [{ email: 'a+b/c@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json.firstName).toBe('Plus');
	});
});
