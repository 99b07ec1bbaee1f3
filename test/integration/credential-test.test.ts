// The API-key credential's "test" request, sent as n8n would build it, must tell a good key from a bad one.
import { TinyEmailApi } from '../../credentials/TinyEmailApi.credentials';
import { DEMO_API_KEY, startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox/types';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerMinute: false });
});

afterAll(async () => {
	await sandbox.stop();
});

async function statusOfTestRequest(apiKey: string, baseUrl: string): Promise<number> {
	const { request } = new TinyEmailApi().test;
	// The only expression in the test request: the Base URL without trailing slash
	expect(request.baseURL).toBe('={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v1');
	const url = `${baseUrl.replace(/\/+$/, '')}/v1${request.url}`;
	const response = await fetch(url, { method: request.method, headers: { 'X-API-KEY': apiKey } });
	await response.arrayBuffer();
	return response.status;
}

test('a valid key gets 2xx even on an empty account, with or without a trailing slash', async () => {
	sandbox.control.reset();
	expect(await statusOfTestRequest(DEMO_API_KEY, sandbox.url)).toBeLessThan(300);
	expect(await statusOfTestRequest(DEMO_API_KEY, `${sandbox.url}/`)).toBeLessThan(300);
});

test('a wrong key gets 401', async () => {
	expect(await statusOfTestRequest('not-the-key', sandbox.url)).toBe(401);
});
