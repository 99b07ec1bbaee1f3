// Every audience, campaign and sender operation (and list search) needs the API key. The editor offers them
// only with the API key; a run with OAuth2 anyway (a workflow edited by hand, an old one) fails each item with
// the clear API-key-needed error and sends no request. n8n drops the hidden parameters first, the operation
// too, as the harness does: the message names the resource.
import { API_KEY_NEEDED_MESSAGE } from '../../nodes/TinyEmail/transport/errors';
import { runListSearch } from '../harness/runListSearch';
import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const operations: Array<[string, string, string, Record<string, unknown>]> = [
	['audience', 'addCustomers', 'The Audience resource', { audience: rl('a1'), customers: 'a@example.com' }],
	['audience', 'create', 'The Audience resource', { name: 'New' }],
	['audience', 'getAll', 'The Audience resource', {}],
	['audience', 'getMembers', 'The Audience resource', { audience: rl('a1') }],
	['audience', 'removeCustomers', 'The Audience resource', { audience: rl('a1'), customers: 'a@example.com' }],
	['campaign', 'create', 'The Campaign resource', { name: 'N', subject: 'S', sender: rl('sender-demo-1'), html: '<p>x</p>' }],
	['campaign', 'get', 'The Campaign resource', { campaign: rl('c1') }],
	['campaign', 'getAll', 'The Campaign resource', {}],
	['campaign', 'update', 'The Campaign resource', { campaign: rl('c1'), updateFields: { subject: 'x' } }],
	['sender', 'getAll', 'The Sender resource', {}],
];

describe.each(operations)('%s > %s with OAuth2', (resource, operation, what, extra) => {
	const run = async (continueOnFail: boolean) => {
		sandbox.control.clearRequestLog();
		return await runNode({
			parameters: { authentication: 'oAuth2', resource, operation, ...extra },
			items: [{}, {}],
			credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
			continueOnFail,
		});
	};

	test('stops on item 0 with the API-key-needed error; no request sent', async () => {
		const result = await run(false);
		expect(result.error?.message).toBe(`${what}: ${API_KEY_NEEDED_MESSAGE}`);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(sandbox.control.requestLog()).toEqual([]);
	});

	test('with Continue On Fail each item gets the error, paired; no request sent', async () => {
		const result = await run(true);
		expect(result.output).toEqual([
			{ json: { error: `${what}: ${API_KEY_NEEDED_MESSAGE}` }, pairedItem: { item: 0 } },
			{ json: { error: `${what}: ${API_KEY_NEEDED_MESSAGE}` }, pairedItem: { item: 1 } },
		]);
		expect(sandbox.control.requestLog()).toEqual([]);
	});
});

describe.each([
	['searchSenders', 'Listing senders', 'parameters.sender'],
	['searchCampaigns', 'Listing campaigns', 'parameters.campaign'],
	['searchAudiences', 'Listing audiences', 'parameters.audience'],
])('list search %s with OAuth2', (method, what, path) => {
	test('says the API key is needed; no request sent', async () => {
		sandbox.control.clearRequestLog();
		await expect(
			runListSearch({
				method,
				parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'create' },
				credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
				path,
			}),
		).rejects.toThrow(`${what}: ${API_KEY_NEEDED_MESSAGE}`);
		expect(sandbox.control.requestLog()).toEqual([]);
	});
});
