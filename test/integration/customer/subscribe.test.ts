import { runNode } from '../../harness/runNode';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const puts = () => sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');
const gets = () => sandbox.control.requestLog().filter((entry) => entry.method === 'GET');

const SEEDED = [
	{ email: 'bounced@example.com', status: 'Bounced' as const, firstName: 'B' },
	{ email: 'spam@example.com', status: 'Spam' as const },
	{ email: 'left@example.com', status: 'Unsubscribed' as const, unsubscribedAt: '2024-01-01T00:00:00.000Z', city: 'Oslo' },
	{ email: 'asleep@example.com', status: 'Inactive' as const },
	{ email: 'already@example.com', status: 'Subscribed' as const, firstName: 'A' },
];
const EMAILS = [...SEEDED.map((customer) => customer.email), 'new@example.com'];

describe.each(AUTH_CHOICES)('Customer > Subscribe with %s', (authentication) => {
	test('reads each email once, leaves Bounced and Spam alone, writes only what changes', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		sandbox.control.seedCustomers(SEEDED);
		const result = await runNode({
			parameters: { authentication, resource: 'customer', operation: 'subscribe', email: '={{ $json.email }}' },
			items: [...EMAILS, 'LEFT@example.com'].map((email) => ({ email })),
			credentials: auth.credentials,
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.pairedItem)).toEqual(EMAILS.concat('x').map((_, item) => ({ item })));
		const json = result.output!.map((item) => item.json);
		expect(json[0]).toEqual({
			error: 'The customer "bounced@example.com" in item 0 is Bounced in tinyEmail, so it was not subscribed again',
		});
		expect(json[1]).toEqual({ error: 'The customer "spam@example.com" in item 1 is Spam in tinyEmail, so it was not subscribed again' });
		expect(json[2]).toEqual({ email: 'left@example.com', status: 'Subscribed', city: 'Oslo' });
		expect(json[3]).toEqual({ email: 'asleep@example.com', status: 'Subscribed' });
		expect(json[4]).toEqual({ email: 'already@example.com', status: 'Subscribed', firstName: 'A' });
		expect(json[5]).toEqual({ email: 'new@example.com', status: 'Subscribed' });
		expect(json[6]).toEqual(json[2]);

		expect(gets()).toHaveLength(6);
		expect(puts().map((entry) => entry.batchSize)).toEqual([3]);
		expect(sandbox.control.getCustomer('bounced@example.com')?.status).toBe('Bounced');
		expect(sandbox.control.getCustomer('spam@example.com')?.status).toBe('Spam');
		expect(sandbox.control.getCustomer('left@example.com')).toEqual({ email: 'left@example.com', status: 'Subscribed', city: 'Oslo' });
		expect(sandbox.control.getCustomer('new@example.com')?.status).toBe('Subscribed');
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});
});

describe('Customer > Subscribe options and errors', () => {
	test('Resubscribe Bounced or Spam: no read, ⌈D / 1000⌉ writes, every status becomes Subscribed', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		sandbox.control.seedCustomers(SEEDED);
		const emails = [...EMAILS, ...Array.from({ length: 1000 }, (_, i) => `bulk${i}@example.com`)];
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'subscribe',
				email: '={{ $json.email }}',
				options: { resubscribeBouncedOrSpam: true },
			},
			items: emails.map((email) => ({ email })),
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1006);
		expect(gets()).toHaveLength(0);
		expect(puts().map((entry) => entry.batchSize)).toEqual([1000, 6]);
		for (const email of EMAILS) expect(sandbox.control.getCustomer(email)?.status).toBe('Subscribed');
	});

	test('without Continue On Fail a Bounced customer stops the run with how to fix it; the rest of its batch is written', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		sandbox.control.seedCustomers(SEEDED);
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'customer', operation: 'subscribe', email: '={{ $json.email }}' },
			items: [{ email: 'left@example.com' }, { email: 'bounced@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe(
			'The customer "bounced@example.com" in item 1 is Bounced in tinyEmail, so it was not subscribed again',
		);
		expect(result.error?.description).toMatch(/Options › Resubscribe Bounced or Spam/);
		expect(sandbox.control.getCustomer('bounced@example.com')?.status).toBe('Bounced');
		expect(sandbox.control.getCustomer('left@example.com')?.status).toBe('Subscribed');
	});
});
