// Audience > Get Many.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;

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
