import { runNode } from '../harness/runNode';
import { everythingSaid, sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const upsertParameters = {
	authentication: 'oAuth2',
	resource: 'customer',
	operation: 'upsert',
	email: '={{ $json.email }}',
	additionalFields: { firstName: 'Refreshed' },
};

describe('OAuth2 credential', () => {
	test('an expired access token is refreshed once (client authenticated in the body), the request succeeds and the new token is saved', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		sandbox.control.expireAllAccessTokens();
		const before = sandbox.control.counters().refreshes;

		const result = await runNode({
			parameters: upsertParameters,
			items: [{ email: 'r@example.com' }],
			credentials: auth.credentials,
		});

		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('r@example.com')?.firstName).toBe('Refreshed');
		expect(sandbox.control.counters().refreshes - before).toBe(1);
		const tokenRequests = sandbox.control.requestLog().filter((entry) => entry.grantType === 'refresh_token');
		expect(tokenRequests).toHaveLength(1);
		expect(tokenRequests[0]).toMatchObject({ status: 200, auth: 'none' });
		expect(result.savedTokens).toHaveLength(1);
		const saved = result.savedTokens[0];
		expect(saved.credentialType).toBe('tinyEmailOAuth2Api');
		expect(saved.oauthTokenData.access_token).toEqual(expect.any(String));
		expect(saved.oauthTokenData.access_token).not.toBe(auth.secrets[0]);
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});

	test('a revoked refresh token gives a clear "reconnect the credential" error without secrets', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		sandbox.control.revokeRefreshTokens();
		sandbox.control.expireAllAccessTokens();

		const result = await runNode({
			parameters: upsertParameters,
			items: [{ email: 'r@example.com' }],
			credentials: auth.credentials,
		});

		expect(result.output).toBeUndefined();
		expect(result.error?.message).toMatch(/needs to be reconnected/);
		expect(result.error?.description).toMatch(/reconnect/i);
		expect(sandbox.control.getCustomer('r@example.com')).toBeUndefined();
		// refused, then once more with the stored credential (another n8n process may have renewed it meanwhile)
		const refreshes = sandbox.control.requestLog().filter((entry) => entry.grantType === 'refresh_token');
		expect(refreshes.map((entry) => entry.status)).toEqual([400, 400]);
		expect(everythingSaid(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});

	test('with Continue On Fail the reconnect error becomes the item error', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		sandbox.control.revokeRefreshTokens();
		sandbox.control.expireAllAccessTokens();

		const result = await runNode({
			parameters: upsertParameters,
			items: [{ email: 'r1@example.com' }, { email: 'r2@example.com' }],
			credentials: auth.credentials,
			continueOnFail: true,
		});

		expect(result.output).toHaveLength(2);
		for (const [index, item] of result.output!.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(/needs to be reconnected/);
		}
	});
});
