// The API-key credential's Test request, built from the credential's own definition (its Base URL expression
// and its authenticate()), must tell a good key from a bad one. Real n8n presses the button in the e2e suite.
import type { IHttpRequestOptions } from 'n8n-workflow';

import { TinyEmailApi } from '../../credentials/TinyEmailApi.credentials';
import { DEMO_API_KEY, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox/types';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerMinute: false });
});

afterAll(async () => {
	await sandbox.stop();
});

async function statusOfTestRequest(apiKey: string, baseUrl: string): Promise<number> {
	const credential = new TinyEmailApi();
	const data = { apiKey, server: 'custom', baseUrl };
	const { request } = credential.test;
	// The Base URL expression, evaluated as n8n would for these credential values
	const expression = /^=\{\{(.*)\}\}(.*)$/s.exec(request.baseURL!)!;
	const baseURL = String(new Function('$credentials', `return (${expression[1]});`)(data)) + expression[2];
	const authenticate = credential.authenticate as (data: object, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	const signed = await authenticate(data, { baseURL, url: request.url!, method: request.method });
	const response = await fetch(`${signed.baseURL}${signed.url}`, {
		method: signed.method,
		headers: signed.headers as Record<string, string>,
	});
	await response.arrayBuffer();
	return response.status;
}

test('a valid key gets 2xx even on an empty account, with or without a trailing slash', async () => {
	sandbox.control.reset();
	expect(await statusOfTestRequest(DEMO_API_KEY, sandbox.url)).toBeLessThan(300);
	expect(await statusOfTestRequest(DEMO_API_KEY, `${sandbox.url}/`)).toBeLessThan(300);
	expect(
		sandbox.control
			.requestLog()
			.filter((entry) => entry.path === '/v1/sender-details')
			.every((entry) => entry.auth === 'apiKey'),
	).toBe(true);
});

test('a wrong key gets 401, which the Test button explains', async () => {
	expect(await statusOfTestRequest('not-the-key', sandbox.url)).toBe(401);
	const rule = new TinyEmailApi().test.rules?.find((entry) => entry.type === 'responseCode' && entry.properties.value === 401);
	expect(rule?.properties.message).toMatch(/did not accept the API key/);
});
