import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api, call } from './testClient';

describe('sandbox answers bad input with a clear 4xx and keeps serving', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false });
	});
	afterAll(() => sandbox.stop());

	afterEach(async () => {
		// After every kind of abuse the server still answers normally.
		expect((await api(sandbox, 'GET', '/contacts')).status).toBe(200);
	});

	const putRaw = (rawBody: string | Buffer, contentType = 'application/json') =>
		api(sandbox, 'PUT', '/account/customer', { rawBody, headers: { 'content-type': contentType } });

	it('rejects malformed JSON', async () => {
		const answer = await putRaw('{"updateMembers": [');
		expect(answer.status).toBe(400);
		expect(answer.json.message).toContain('Malformed JSON');
	});

	it('rejects a wrong content type with 415', async () => {
		const answer = await putRaw('updateMembers=x', 'application/x-www-form-urlencoded');
		expect(answer.status).toBe(415);
		expect(answer.json.message).toContain('application/json');
	});

	it.each([
		['null'],
		['[]'],
		['"text"'],
		['42'],
		['{"updateMembers":null}'],
		['{"updateMembers":[null]}'],
		['{"updateMembers":[],"extra":1}'],
	])('rejects the JSON body %s', async (body) => {
		const answer = await putRaw(body);
		expect(answer.status).toBe(400);
		expect(answer.json.message).toEqual(expect.any(String));
	});

	it('rejects wrong types inside items', async () => {
		const answer = await putRaw(JSON.stringify({ updateMembers: [{ email: ['a@example.com'] }] }));
		expect(answer.status).toBe(400);
		expect(answer.json.message).toContain('updateMembers[0]');
	});

	it('answers a 10 MB body with 413', async () => {
		const huge = Buffer.alloc(10 * 1024 * 1024, 'a');
		const answer = await putRaw(huge);
		expect(answer.status).toBe(413);
		expect(answer.json.message).toContain('larger than');
	});

	it('rejects a malformed percent-encoding in the path', async () => {
		const answer = await api(sandbox, 'GET', '/account/customer/%E0%A4%A');
		expect(answer.status).toBe(400);
	});

	it('answers unknown top-level paths with 404 JSON', async () => {
		const answer = await call(`${sandbox.url}/elsewhere`, 'GET', { apiKey: null });
		expect(answer.status).toBe(404);
		expect(answer.json.message).toEqual(expect.any(String));
	});

	it('rejects a non-form body at the token endpoint', async () => {
		const answer = await call(`${sandbox.url}/api/authorization-server/oauth/token`, 'POST', {
			apiKey: null,
			body: { grant_type: 'refresh_token' },
		});
		expect(answer.status).toBe(400);
		expect(answer.json.error).toBe('invalid_request');
	});
});
