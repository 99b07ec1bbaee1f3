// Campaign > Get Many.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;

describe('Campaign > Get Many', () => {
	test('Get Many pages from 0; Return All reads every page, Limit stops early', async () => {
		for (let i = 0; i < 130; i++) sandbox.control.seedCampaign({ campaign: { name: `C${i}`, subject: 's' }, senderId: 'sender-demo-1' });
		sandbox.control.clearRequestLog();
		const all = await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'getAll', returnAll: true },
			credentials: apiKey(),
		});
		expect(all.output).toHaveLength(130);
		const pages = () => sandbox.control.requestLog().map((entry) => entry.path.replace(/^.*\?/, ''));
		expect(pages()).toEqual(['page=0&size=100', 'page=1&size=100']);
		// in tinyEmail's order: newest first
		expect(all.output![0].json.name).toBe('C129');
		expect(all.output![129].json.name).toBe('C0');

		sandbox.control.clearRequestLog();
		const some = await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'getAll', limit: 5, simplify: false },
			credentials: apiKey(),
		});
		expect(some.output).toHaveLength(5);
		expect(some.output![0].json.campaign).toEqual({ name: 'C129', subject: 's' });
		expect(pages()).toEqual(['page=0&size=5']);
	});
});
