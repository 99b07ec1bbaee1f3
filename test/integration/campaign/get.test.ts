// Campaign > Get.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;
const rl = (mode: 'list' | 'id', value: string) => ({ __rl: true, mode, value });

describe('Campaign > Get', () => {
	test('Get simplifies to ten fields by default', async () => {
		const id = sandbox.control.seedCampaign({
			status: 'LAUNCHED',
			campaign: { name: 'Launched one', subject: 'Hi', previewText: 'p' },
			senderId: 'sender-demo-1',
			template: { html: '<p>x</p>' },
			sent: 10,
			open: 4,
			clicked: 1,
		});
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'get', campaign: rl('list', id) },
			credentials: apiKey(),
		});
		expect(result.output![0].json).toEqual({
			id,
			name: 'Launched one',
			subject: 'Hi',
			status: 'LAUNCHED',
			senderId: 'sender-demo-1',
			audienceIds: [],
			schedule: undefined,
			sent: 10,
			open: 4,
			clicked: 1,
		});
	});

	test('Get of an unknown ID says so', async () => {
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'get', campaign: rl('id', 'nope') },
			credentials: apiKey(),
		});
		expect(result.error?.message).toBe('No campaign with ID "nope" exists in tinyEmail (item 0)');
	});
});
