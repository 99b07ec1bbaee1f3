// "Could not reach tinyEmail" is for network errors to tinyEmail only. A failure inside n8n itself (here its
// credential store timing out on its database while it signs the request) says what it is instead.
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { mapEachField } from '../harness/customerColumns';
import { FakeCredentialsHelper } from '../harness/fakeCredentialsHelper';
import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox({ rateLimitPerMinute: false });

/** n8n's credential store whose database times out when n8n signs a request (PostgreSQL's own words). */
class DatabaseTimingOut extends FakeCredentialsHelper {
	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		throw new Error('Connection terminated due to connection timeout');
	}
}

const upsert = { authentication: 'apiKey', resource: 'customer', operation: 'upsert', ...mapEachField({ email: 'ann@example.com' }) };

test("a failure inside n8n (its database timing out) is not reported as 'Could not reach tinyEmail'", async () => {
	const { credentials } = sandboxAuth(sandbox, 'apiKey');
	const result = await runNode({ parameters: upsert, credentials, credentialsHelper: new DatabaseTimingOut(structuredClone(credentials)) });
	expect(result.error?.message).not.toMatch(/Could not reach/);
	expect(result.error?.message).toContain('Connection terminated due to connection timeout');
	expect(result.error?.description).toMatch(/not at tinyEmail or on the way to it/);
	expect(sandbox.control.requestLog()).toEqual([]);
});

test("a refused connection is 'Could not reach tinyEmail', naming the Base URL and the code", async () => {
	const { credentials } = sandboxAuth(sandbox, 'apiKey');
	// Port 9 (discard): nothing listens on it here
	credentials.tinyEmailApi.baseUrl = 'http://127.0.0.1:9';
	const result = await runNode({ parameters: upsert, credentials });
	expect(result.error?.message).toBe('Could not reach tinyEmail at http://127.0.0.1:9 (ECONNREFUSED)');
});
