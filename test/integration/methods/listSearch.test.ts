// The From List pickers (methods/listSearch.ts): audiences, senders and campaigns, run by n8n-core's real LoadOptionsContext.
import { TinyEmailTrigger } from '../../../nodes/TinyEmail/TinyEmailTrigger.node';
import { runListSearch } from '../../harness/runListSearch';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;

describe('Audience list search (From List picker)', () => {
	test('lists audiences sorted by name, filtered case-insensitively', async () => {
		const b = sandbox.control.seedAudience({ name: 'Buyers' });
		const a = sandbox.control.seedAudience({ name: 'all customers' });
		sandbox.control.seedAudience({ name: 'Other' });
		const parameters = { authentication: 'apiKey', resource: 'audience', operation: 'getMembers' };
		const all = await runListSearch({ method: 'searchAudiences', parameters, credentials: apiKey() });
		expect(all.results.map((entry) => entry.name)).toEqual(['all customers', 'Buyers', 'Other']);
		const filtered = await runListSearch({ method: 'searchAudiences', parameters, credentials: apiKey(), filter: 'CUST' });
		expect(filtered.results).toEqual([{ name: 'all customers', value: a }]);
		expect(all.results.find((entry) => entry.name === 'Buyers')?.value).toBe(b);
	});

	test('with OAuth2 it says the API key is needed', async () => {
		await expect(
			runListSearch({
				method: 'searchAudiences',
				parameters: { authentication: 'oAuth2', resource: 'audience', operation: 'getMembers' },
				credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
			}),
		).rejects.toThrow('Listing audiences: This operation needs the tinyEmail API credential (API key)');
	});
});

describe('Audience list search from the trigger', () => {
	test("the Audience picker lists the account's audiences with the trigger's API-key credential", async () => {
		const vip = sandbox.control.seedAudience({ name: 'VIP' });
		sandbox.control.seedAudience({ name: 'All customers' });
		const found = await runListSearch({
			nodeType: new TinyEmailTrigger(),
			method: 'searchAudiences',
			parameters: { event: 'newAudienceMember' },
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			filter: 'vi',
		});
		expect(found.results).toEqual([{ name: 'VIP', value: vip }]);
	});
});

describe('Sender and campaign list search', () => {
	test('senders as "Name <email>", filtered by name or email', async () => {
		const parameters = { authentication: 'apiKey', resource: 'campaign', operation: 'create' };
		const all = await runListSearch({ method: 'searchSenders', parameters, credentials: apiKey(), path: 'parameters.sender' });
		expect(all.results).toEqual([
			{ name: 'Demo Shop <hello@demo-shop.example>', value: 'sender-demo-1' },
			{ name: 'Demo Shop Support <support@demo-shop.example>', value: 'sender-demo-2' },
		]);
		const support = await runListSearch({ method: 'searchSenders', parameters, credentials: apiKey(), filter: 'support@' });
		expect(support.results.map((entry) => entry.value)).toEqual(['sender-demo-2']);
	});

	test('campaigns page by page with a pagination token', async () => {
		for (let i = 0; i < 60; i++) sandbox.control.seedCampaign({ campaign: { name: `C${i}`, subject: 's' }, senderId: 'sender-demo-1' });
		const parameters = { authentication: 'apiKey', resource: 'campaign', operation: 'get' };
		const first = await runListSearch({ method: 'searchCampaigns', parameters, credentials: apiKey(), path: 'parameters.campaign' });
		expect(first.results).toHaveLength(50);
		expect(first.results[0].name).toBe('C59 (draft)');
		expect(first.paginationToken).toBe('1');
		const second = await runListSearch({ method: 'searchCampaigns', parameters, credentials: apiKey(), paginationToken: '1' });
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
	});
});
