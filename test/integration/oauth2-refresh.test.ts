import type { ICredentialDataDecryptedObject, INodeCredentialsDetails } from 'n8n-workflow';

import { FakeCredentialsHelper } from '../harness/fakeCredentialsHelper';
import { runNode } from '../harness/runNode';
import { mapEachField } from '../harness/customerColumns';
import { everythingSaid, sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';
import { tokenRequest } from '../sandbox/testClient';

const sandbox = useSandbox();

const OAUTH2 = 'tinyEmailOAuth2Api';

const upsertParameters = {
	authentication: 'oAuth2',
	resource: 'customer',
	operation: 'upsert',
	...mapEachField({ email: '={{ $json.email }}', firstName: 'Refreshed' }),
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
		// one refused refresh and one 401: the stored refresh token is the refused one, so nothing is sent again
		const refreshes = sandbox.control.requestLog().filter((entry) => entry.grantType === 'refresh_token');
		expect(refreshes.map((entry) => entry.status)).toEqual([400]);
		const writes = sandbox.control.requestLog().filter((entry) => entry.path === '/v1/account/customer');
		expect(writes.map((entry) => entry.status)).toEqual([401]);
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

	test('n8n in queue mode: a refresh refused because another n8n process rotated the refresh token is followed by one more attempt with the token that process stored', async () => {
		sandbox.control.setRefreshTokenRotation(true);
		const auth = sandboxAuth(sandbox, 'oAuth2');
		const stale = auth.credentials[OAUTH2];
		sandbox.control.expireAllAccessTokens();
		// The other process refreshes with the shared refresh token first; tinyEmail rotates it
		const { refresh_token: spent } = stale.oauthTokenData as { refresh_token: string };
		const elsewhere = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: spent });
		expect(elsewhere.status).toBe(200);
		const storedElsewhere: ICredentialDataDecryptedObject = {
			...stale,
			oauthTokenData: { access_token: elsewhere.json.access_token, refresh_token: elsewhere.json.refresh_token, token_type: 'bearer' },
		};
		const refreshAnswers = () =>
			sandbox.control
				.requestLog()
				.filter((entry) => entry.grantType === 'refresh_token')
				.map((entry) => entry.status);
		const helper = new StoredByAnotherProcess(auth.credentials, () => (refreshAnswers().includes(400) ? storedElsewhere : undefined));

		const result = await runNode({
			parameters: upsertParameters,
			items: [{ email: 'raced@example.com' }],
			credentials: auth.credentials,
			credentialsHelper: helper,
		});

		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json).toMatchObject({ email: 'raced@example.com' });
		expect(sandbox.control.getCustomer('raced@example.com')?.firstName).toBe('Refreshed');
		// the other process's refresh, then this process's, refused: the spent refresh token was not offered again
		expect(refreshAnswers()).toEqual([200, 400]);
		const writes = sandbox.control.requestLog().filter((entry) => entry.path === '/v1/account/customer');
		expect(writes.map((entry) => entry.status)).toEqual([401, 200]);
		// n8n saved nothing: the token it used was the one the other process stored
		expect(result.savedTokens).toEqual([]);
		expect(everythingSaid(result)).not.toMatch(
			new RegExp([...auth.secrets, elsewhere.json.access_token, elsewhere.json.refresh_token].join('|')),
		);
	});
});

/**
 * The credential store as this process sees it when another n8n process refreshed first: the old tokens until
 * tinyEmail has refused this process's refresh, then the tokens the other process stored meanwhile.
 */
class StoredByAnotherProcess extends FakeCredentialsHelper {
	constructor(
		before: Record<string, ICredentialDataDecryptedObject>,
		private readonly after: () => ICredentialDataDecryptedObject | undefined,
	) {
		super(structuredClone(before));
	}

	async getDecrypted(additionalData: unknown, nodeCredentials: INodeCredentialsDetails, type: string) {
		const newer = type === OAUTH2 ? this.after() : undefined;
		return newer ? structuredClone(newer) : await super.getDecrypted(additionalData, nodeCredentials, type);
	}
}
