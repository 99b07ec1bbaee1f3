// Campaign Create / Update and Audience Create read and check every item before sending anything:
// without Continue On Fail a bad later item stops the run before an earlier item's write is sent.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const rl = (mode: 'list' | 'id', value: string) => ({ __rl: true, mode, value });

interface Case {
	operation: string;
	parameters: () => INodeParameters;
	/** Input items: item 0 is valid, item 1 is not. */
	items: IDataObject[];
	error: string;
}

const cases: Case[] = [
	{
		operation: 'Campaign > Create',
		parameters: () => ({
			resource: 'campaign',
			operation: 'create',
			name: '={{ $json.name }}',
			subject: 'Hello',
			sender: rl('id', 'sender-demo-1'),
			html: '<p>Hi</p>',
		}),
		items: [{ name: 'Good' }, { name: '' }],
		error: 'The Name in item 1 is empty',
	},
	{
		operation: 'Campaign > Update',
		parameters: () => {
			const id = sandbox.control.seedCampaign({ campaign: { name: 'Old', subject: 's' }, senderId: 'sender-demo-1' });
			return {
				resource: 'campaign',
				operation: 'update',
				campaign: rl('id', id),
				newSchedule: 'recurring',
				days: ['MONDAY'],
				time: '={{ $json.time }}',
			};
		},
		items: [{ time: '09:00' }, { time: '25:00' }],
		error: 'The Time in item 1 is not a time of day',
	},
	{
		operation: 'Audience > Create',
		parameters: () => ({ resource: 'audience', operation: 'create', name: 'New', customers: '={{ $json.customers }}' }),
		items: [{ customers: 'ann@example.com' }, { customers: 'not-an-email' }],
		error: 'Initial Customers in item 1 contains "not-an-email", which is not a valid email address',
	},
];

describe.each(cases)('$operation', ({ parameters, items, error }) => {
	test('a bad item 1 stops the run before item 0 is sent', async () => {
		const built = parameters();
		sandbox.control.clearRequestLog();
		const result = await runNode({
			parameters: { authentication: 'apiKey', ...built },
			items,
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		});
		expect(result.error?.message).toBe(error);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(sandbox.control.requestLog()).toEqual([]);
	});

	test('with Continue On Fail item 0 is sent and item 1 gets its error', async () => {
		const result = await runNode({
			parameters: { authentication: 'apiKey', ...parameters() },
			items,
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output![0].json.error).toBeUndefined();
		expect(result.output![1].json).toEqual({ error });
	});
});
