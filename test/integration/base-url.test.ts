// A Custom URL with http:// to another computer stops the node before anything is sent, with a message that
// says what to change; http:// to this computer (the sandbox) works, for both credentials.
import { mapEachField } from '../harness/customerColumns';
import { runNode } from '../harness/runNode';
import { sandboxAuth, AUTH_CHOICES } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const upsert = { resource: 'customer', operation: 'upsert', ...mapEachField({ email: 'ann@example.com' }) };

describe.each(AUTH_CHOICES)('with %s', (authentication) => {
	test('http:// to another computer: no request, the error names the problem and the fix, without secrets', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		for (const data of Object.values(auth.credentials)) data.baseUrl = 'http://tinyemail.example:8080/';
		const result = await runNode({ parameters: { authentication, ...upsert }, credentials: auth.credentials });

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			"The credential's Custom URL uses http:// to another computer (tinyemail.example:8080), which would send the tinyEmail credentials unencrypted: use https://, or http:// only for a test server on this computer (localhost, 127.x.x.x or [::1])",
		);
		expect(result.error?.description).toMatch(/Base URL "tinyEmail \(api\.tinyemail\.com\)"/);
		for (const secret of auth.secrets) expect(JSON.stringify(result.error)).not.toContain(secret);
		expect(sandbox.control.getCustomer('ann@example.com')).toBeUndefined();
	});

	test('an empty Custom URL is named as such', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		for (const data of Object.values(auth.credentials)) data.baseUrl = '  ';
		const result = await runNode({ parameters: { authentication, ...upsert }, credentials: auth.credentials });
		expect(result.error?.message).toMatch(/^The credential's Custom URL is not a web address: it must start with https:\/\//);
	});

	test('http:// to this computer (the sandbox, with a trailing slash) is used', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		for (const data of Object.values(auth.credentials)) data.baseUrl = `${sandbox.url}/`;
		const result = await runNode({ parameters: { authentication, ...upsert }, credentials: auth.credentials });
		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('ann@example.com')).toBeDefined();
	});
});
