// n8n in queue mode: another n8n process refreshed the OAuth2 token first (rotating refresh tokens), so
// this process's own refresh is refused although the credential store already holds a working token.
// The node reads the stored credential again and repeats the request once (transport/refreshRecovery.ts).
import type { ICredentialDataDecryptedObject, INodeCredentialsDetails } from 'n8n-workflow';

import { FakeCredentialsHelper } from '../harness/fakeCredentialsHelper';
import { runNode } from '../harness/runNode';
import { everythingSaid, sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';
import { tokenRequest } from '../sandbox/testClient';

const sandbox = useSandbox({ rateLimitPerMinute: false, rotateRefreshTokens: true });

const OAUTH2 = 'tinyEmailOAuth2Api';

const upsertParameters = {
	authentication: 'oAuth2',
	resource: 'customer',
	operation: 'upsert',
	email: '={{ $json.email }}',
	additionalFields: { firstName: '={{ $json.firstName }}' },
};

/**
 * The credential store as this process sees it: the old tokens until tinyEmail has refused this process's
 * refresh, then the tokens the other process stored (it finished its slower refresh in the meantime).
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

const refreshAnswers = () =>
	sandbox.control
		.requestLog()
		.filter((entry) => entry.grantType === 'refresh_token')
		.map((entry) => entry.status);

describe('OAuth2 refresh done by another n8n process', () => {
	test('a refused refresh is followed by one more attempt with the stored token, which succeeds', async () => {
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
		const helper = new StoredByAnotherProcess(auth.credentials, () => (refreshAnswers().includes(400) ? storedElsewhere : undefined));

		const result = await runNode({
			parameters: upsertParameters,
			items: [{ email: 'raced@example.com', firstName: 'Raced' }],
			credentials: auth.credentials,
			credentialsHelper: helper,
		});

		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json).toMatchObject({ email: 'raced@example.com' });
		expect(sandbox.control.getCustomer('raced@example.com')?.firstName).toBe('Raced');
		// the other process's refresh, then this process's, refused: the spent refresh token was not offered again
		expect(refreshAnswers()).toEqual([200, 400]);
		const writes = sandbox.control.requestLog().filter((entry) => entry.path === '/v1/account/customer');
		expect(writes.map((entry) => entry.status)).toEqual([401, 200]);
		// n8n saved nothing: the token it used was the one the other process stored
		expect(result.savedTokens).toEqual([]);
		expect(everythingSaid(result)).not.toMatch(new RegExp([...auth.secrets, elsewhere.json.access_token, elsewhere.json.refresh_token].join('|')));
	});
});
