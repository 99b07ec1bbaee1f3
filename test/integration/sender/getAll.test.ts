import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

describe('Sender > Get Many', () => {
	test('Return All lists every sender; Limit is applied client-side; one GET per run', async () => {
		sandbox.control.seedSender({ id: 's3', name: 'Third', email: 'third@example.com' });
		const credentials = sandboxAuth(sandbox, 'apiKey').credentials;
		const all = await runNode({
			parameters: { authentication: 'apiKey', resource: 'sender', operation: 'getAll', returnAll: true },
			credentials,
		});
		expect(all.error).toBeUndefined();
		expect(all.output!.map((item) => item.json.id)).toEqual(['sender-demo-1', 'sender-demo-2', 's3']);
		expect(all.output![0].json).toMatchObject({ name: 'Demo Shop', email: 'hello@demo-shop.example', emailConfirmed: true });

		sandbox.control.clearRequestLog();
		const limited = await runNode({
			parameters: { authentication: 'apiKey', resource: 'sender', operation: 'getAll', limit: 2 },
			items: [{}, {}],
			credentials,
		});
		expect(limited.output!.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['sender-demo-1', { item: 0 }],
			['sender-demo-2', { item: 0 }],
			['sender-demo-1', { item: 1 }],
			['sender-demo-2', { item: 1 }],
		]);
		expect(sandbox.control.requestLog()).toHaveLength(1);
	});

	test('OAuth2 gets the API-key-needed error and sends nothing', async () => {
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'sender', operation: 'getAll' },
			credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
		});
		expect(result.error?.message).toBe(
			'The Sender resource: This operation needs the tinyEmail API credential (API key); the OAuth2 scope import_customers only covers customers',
		);
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});
});
