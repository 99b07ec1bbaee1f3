// Audience > Create.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;

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
