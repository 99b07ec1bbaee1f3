// Campaign > Update.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;
const rl = (mode: 'list' | 'id', value: string) => ({ __rl: true, mode, value });
const getCampaign = async (id: string) =>
	(
		await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'get', campaign: rl('id', id), simplify: false },
			credentials: apiKey(),
		})
	).output![0].json;

describe('Campaign > Update', () => {
	test('changes only the fields given, including sender, audiences and schedule', async () => {
		const id = sandbox.control.seedCampaign({
			campaign: { name: 'Old', subject: 'Old subject', previewText: 'keep me' },
			senderId: 'sender-demo-1',
			template: { html: '<p>old</p>' },
		});
		const vip = sandbox.control.seedAudience({ name: 'VIP' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'campaign',
				operation: 'update',
				campaign: rl('id', id),
				updateFields: {
					subject: 'New subject',
					sender: rl('list', 'sender-demo-2'),
					audiences: { audience: [{ audience: rl('list', vip) }] },
				},
				newSchedule: 'oneOff',
				sendAt: '2030-01-02T03:04:05Z',
			},
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ id, updated: true, campaign: { subject: 'New subject' } });
		const stored = await getCampaign(id);
		expect(stored).toMatchObject({
			status: 'SCHEDULED',
			campaign: { name: 'Old', subject: 'New subject', previewText: 'keep me' },
			senderId: 'sender-demo-2',
			contactIds: [vip],
			schedule: { dateTime: '2030-01-02T03:04:05Z' },
			template: { html: '<p>old</p>' },
		});
	});

	test.each(['LAUNCHED', 'COMPLETED', 'FAILED'])('a %s campaign gets a clear error', async (status) => {
		const id = sandbox.control.seedCampaign({ status, campaign: { name: 'Done', subject: 's' }, senderId: 'sender-demo-1' });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'campaign',
				operation: 'update',
				campaign: rl('id', id),
				updateFields: { subject: 'x' },
			},
			credentials: apiKey(),
		});
		expect(result.error?.message).toBe(`The campaign "Done" (ID ${id}) is ${status.toLowerCase()} and can no longer be changed (item 0)`);
		expect(result.error?.description).toMatch(/only lets draft, scheduled and paused campaigns be updated/);
		expect(sandbox.control.requestLog().map((entry) => entry.method)).toEqual(['PUT', 'GET']);
	});

	test('nothing to update fails the item without a request', async () => {
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'update', campaign: rl('id', 'x') },
			credentials: apiKey(),
		});
		expect(result.error?.message).toBe('Nothing to update in item 0');
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});
});
