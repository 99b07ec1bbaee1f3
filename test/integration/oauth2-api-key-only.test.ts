// Every audience, campaign and sender operation (and list search) needs the API key: with OAuth2 it
// fails each item with the clear API-key-needed error and sends no request.
import { API_KEY_NEEDED_MESSAGE } from '../../nodes/TinyEmail/transport/errors';
import { runListSearch } from '../harness/runListSearch';
import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const operations: Array<[string, string, string, Record<string, unknown>]> = [
	['audience', 'addCustomers', 'Adding customers to an audience', { audience: rl('a1'), customers: 'a@example.com' }],
	['audience', 'create', 'Creating an audience', { name: 'New' }],
	['audience', 'getAll', 'Listing audiences', {}],
	['audience', 'getMembers', "Listing an audience's customers", { audience: rl('a1') }],
	['audience', 'removeCustomers', 'Removing customers from an audience', { audience: rl('a1'), customers: 'a@example.com' }],
	['campaign', 'create', 'Creating a campaign', { name: 'N', subject: 'S', sender: rl('sender-demo-1'), html: '<p>x</p>' }],
	['campaign', 'get', 'Reading a campaign', { campaign: rl('c1') }],
	['campaign', 'getAll', 'Listing campaigns', {}],
	['campaign', 'update', 'Updating a campaign', { campaign: rl('c1'), updateFields: { subject: 'x' } }],
	['sender', 'getAll', 'Listing senders', {}],
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
