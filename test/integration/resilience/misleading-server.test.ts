// Answers that look fine but are not what they seem: a 404 from something that is not tinyEmail (a wrong
// Base URL) is not "customer not found", a Base URL with tinyEmail's /v1 still works, and a server that
// ignores the page parameter is caught instead of being read 10,000 times.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { startFaultProxy, type FaultProxy, type ProxyDecision, type ProxiedRequest } from './helpers';

const sandbox = useSandbox({ rateLimitPerMinute: false });
let proxy: FaultProxy | undefined;

afterEach(async () => {
	await proxy?.stop();
	proxy = undefined;
});

/** API-key credentials pointed at `baseUrl` (the sandbox, a proxy in front of it, or a misspelt address). */
function credentialsAt(baseUrl: string) {
	const { credentials } = sandboxAuth(sandbox, 'apiKey');
	credentials.tinyEmailApi.baseUrl = baseUrl;
	return credentials;
}

const getCustomer = (baseUrl: string, email = 'ann@example.com') =>
	runNode({
		parameters: { authentication: 'apiKey', resource: 'customer', operation: 'get', email },
		credentials: credentialsAt(baseUrl),
	});

async function proxyAnswering(decide: (request: ProxiedRequest) => ProxyDecision): Promise<string> {
	proxy = await startFaultProxy(sandbox.url, decide);
	return proxy.url;
}

describe('404: "not found" only when tinyEmail says so', () => {
	test('an HTML 404 names the Base URL instead of saying the customer does not exist', async () => {
		const url = await proxyAnswering(() => ({
			status: 404,
			headers: { 'content-type': 'text/html' },
			body: '<html><body>Not Found</body></html>',
		}));
		const result = await getCustomer(url);
		expect(result.error?.message).toBe(
			`This Base URL does not look like tinyEmail's API: GET ${url}/v1/account/customer/ann%40example.com answered 404 with an HTML page`,
		);
		expect(result.error?.description).toContain('without /v1');
	});

	test("another server's JSON 404 (Spring's default shape) is not tinyEmail's either", async () => {
		const url = await proxyAnswering(() => ({
			status: 404,
			body: { timestamp: '2030-01-01T00:00:00Z', status: 404, error: 'Not Found', path: '/v1/account/customer/x' },
		}));
		const result = await getCustomer(url);
		expect(result.error?.message).toMatch(
			/^This Base URL does not look like tinyEmail's API: GET .* answered 404 with JSON that is not tinyEmail's/,
		);
	});

	test('a Base URL with a path tinyEmail does not serve: the sandbox 404 "Nothing at …" is not a missing customer', async () => {
		const result = await getCustomer(`${sandbox.url}/api`);
		expect(result.error?.message).toContain("This Base URL does not look like tinyEmail's API");
	});

	test("tinyEmail's own 404 still means the customer does not exist", async () => {
		const result = await getCustomer(sandbox.url, 'ghost@example.com');
		expect(result.error?.message).toBe('No customer with email "ghost@example.com" exists in tinyEmail (item 0)');
	});

	test.each(['/v1', '/v1/', '/'])('a Base URL ending in %s is read as the host (the node adds /v1 itself)', async (suffix) => {
		sandbox.control.seedCustomers([{ email: 'ann@example.com', firstName: 'Ann' }]);
		const result = await getCustomer(`${sandbox.url}${suffix}`);
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ email: 'ann@example.com', firstName: 'Ann' });
		expect(sandbox.control.requestLog().map((entry) => entry.path)).toEqual(['/v1/account/customer/ann%40example.com']);
	});
});

describe('paging guard', () => {
	const members = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ email: `m${from + i}@example.com` }));
	const getMembers = (baseUrl: string) =>
		runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: 'aud-1' },
				returnAll: true,
			},
			credentials: credentialsAt(baseUrl),
			continueOnFail: true,
		});

	test('a server that ignores "page" and sends page 1 again is stopped at page 2', async () => {
		let calls = 0;
		const url = await proxyAnswering(
			() => (calls++, { status: 200, body: { members: { content: members(0, 100), last: false, totalElements: 100_000 } } }),
		);
		const result = await getMembers(url);
		expect(result.output).toEqual([
			{ json: { error: 'tinyEmail sent the same results for page 2 as for page 1 (item 0)' }, pairedItem: { item: 0 } },
		]);
		expect(calls).toBe(2);
	});

	test('a page that says it is another page than the one asked for stops the listing', async () => {
		const url = await proxyAnswering((request) => {
			const page = Number(new URL(request.path, 'http://x').searchParams.get('page'));
			return { status: 200, body: { members: { content: members(page * 100, 100), last: false, number: page === 3 ? 1 : page } } };
		});
		const result = await getMembers(url);
		expect(result.output![0].json.error).toBe('tinyEmail answered page 1 when asked for page 3 (item 0)');
	});

	test('the sandbox, which pages properly, is read to the end', async () => {
		const id = sandbox.control.seedAudience({ id: 'aud-1', name: 'Big', members: members(0, 250).map((m) => m.email) });
		expect(id).toBe('aud-1');
		const result = await getMembers(sandbox.url);
		expect(result.output).toHaveLength(250);
	});
});
