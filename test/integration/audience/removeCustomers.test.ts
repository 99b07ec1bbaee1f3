// Audience > Remove Customers.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const audiencePuts = () =>
	sandbox.control.requestLog().filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/v1/audiences/'));
const members = (id: string) => sandbox.control.listAudiences().find((audience) => audience.id === id)?.members ?? [];

describe('Audience > Remove Customers', () => {
	test('removes in batched PUTs per audience and keeps the customers', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const id = sandbox.control.seedAudience({ name: 'Leaving', members: ['a@example.com', 'b@example.com', 'c@example.com'] });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'removeCustomers',
				audience: byId(id),
				customers: '={{ $json.email }}',
			},
			items: [{ email: 'a@example.com' }, { email: 'C@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.json)).toEqual([
			{ audienceId: id, emails: ['a@example.com'], removed: true },
			{ audienceId: id, emails: ['C@example.com'], removed: true },
		]);
		expect(audiencePuts().map((entry) => entry.batchSize)).toEqual([2]);
		expect(members(id)).toEqual(['b@example.com']);
		expect(sandbox.control.getCustomer('a@example.com')).toBeDefined();
	});

	test('OAuth2: the API-key-needed error, per item with continueOnFail', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'audience',
				operation: 'removeCustomers',
				audience: byId('x'),
				customers: 'a@example.com',
			},
			items: [{}, {}],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.output!) expect(item.json.error).toMatch(/needs the tinyEmail API credential \(API key\)/);
	});
});
