import { runNode } from '../../harness/runNode';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const puts = () => sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');
const gets = () => sandbox.control.requestLog().filter((entry) => entry.method === 'GET');

describe.each(AUTH_CHOICES)('Customer > Unsubscribe with %s', (authentication) => {
	test('2,001 distinct emails (and repeats) in ⌈2001 / 1000⌉ = 3 writes, no read; unknown emails are stored as Unsubscribed', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		sandbox.control.seedCustomers([{ email: 'known0@example.com', firstName: 'Kept', status: 'Subscribed', tags: ['a'] }]);
		const items = Array.from({ length: 2001 }, (_, i) => ({ email: `known${i}@example.com` }));
		items.push({ email: 'KNOWN0@example.com' }, { email: 'known5@example.com' });
		const result = await runNode({
			parameters: { authentication, resource: 'customer', operation: 'unsubscribe', email: '={{ $json.email }}' },
			items,
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(2003);
		result.output!.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		expect(result.output![0].json).toEqual({ email: 'known0@example.com', status: 'Unsubscribed' });
		expect(result.output![2001].json).toEqual({ email: 'known0@example.com', status: 'Unsubscribed' });
		expect(result.output![2002].json).toEqual({ email: 'known5@example.com', status: 'Unsubscribed' });
		expect(puts().map((entry) => entry.batchSize)).toEqual([1000, 1000, 1]);
		expect(gets()).toHaveLength(0);
		expect(sandbox.control.getCustomer('known0@example.com')).toMatchObject({ firstName: 'Kept', status: 'Unsubscribed', tags: ['a'] });
		const unknown = sandbox.control.getCustomer('known2000@example.com');
		expect(unknown?.status).toBe('Unsubscribed');
		expect(typeof unknown?.unsubscribedAt).toBe('string');
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});
});

describe('Customer > Unsubscribe errors', () => {
	test('a bad email stops the run before any request, naming the item and the field', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'customer', operation: 'unsubscribe', email: '={{ $json.email }}' },
			items: [{ email: 'good@example.com' }, { email: 'not-an-email' }],
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe('The email "not-an-email" in item 1 is not valid');
		expect(sandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'))).toHaveLength(0);
	});

	test('with Continue On Fail the bad item gets its error, paired, and the others are written', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'customer', operation: 'unsubscribe', email: '={{ $json.email }}' },
			items: [{ email: 'good@example.com' }, { email: '' }, { email: 'other@example.com' }],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.json)).toEqual([
			{ email: 'good@example.com', status: 'Unsubscribed' },
			{ error: 'The email in item 1 is missing' },
			{ email: 'other@example.com', status: 'Unsubscribed' },
		]);
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(puts().map((entry) => entry.batchSize)).toEqual([2]);
	});
});
