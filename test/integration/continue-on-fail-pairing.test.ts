// Continue On Fail on the read and update paths: one failing item does not stop the others, each
// output (several per item for Get Many) is paired to its input, and a failed item outputs its error.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const campaign = (name: string, status = 'DRAFT') =>
	sandbox.control.seedCampaign({ status, campaign: { name, subject: 's' }, senderId: 'sender-demo-1' });

interface Case {
	name: string;
	/** Seeds the sandbox; returns the node parameters and the input items. */
	arrange: () => { parameters: INodeParameters; items: IDataObject[] };
	/** Per output item: the input it is paired to, and whether it is an error. */
	expected: Array<[number, 'ok' | 'error']>;
}

const cases: Case[] = [
	{
		name: 'Campaign > Get: an unknown ID fails only its item',
		arrange: () => ({
			parameters: { resource: 'campaign', operation: 'get', campaign: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			items: [{ id: 'nope' }, { id: campaign('Known') }],
		}),
		expected: [
			[0, 'error'],
			[1, 'ok'],
		],
	},
	{
		name: 'Campaign > Update: a launched campaign fails only its item',
		arrange: () => ({
			parameters: {
				resource: 'campaign',
				operation: 'update',
				campaign: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { subject: 'New' },
			},
			items: [{ id: campaign('Draft') }, { id: campaign('Sent', 'LAUNCHED') }],
		}),
		expected: [
			[0, 'ok'],
			[1, 'error'],
		],
	},
	{
		name: 'Campaign > Get Many: a failed listing fails only its item; results are paired to their item',
		arrange: () => {
			for (const name of ['A', 'B', 'C']) campaign(name);
			// The first listing gets a 500, and Max Retry Wait 0 means no retry
			sandbox.control.addFault({ kind: 500, count: 1, method: 'GET', pathPrefix: '/v1/campaign' });
			return {
				parameters: { resource: 'campaign', operation: 'getAll', limit: '={{ $json.limit }}', options: { maxRetryWait: 0 } },
				items: [{ limit: 1 }, { limit: 2 }],
			};
		},
		expected: [
			[0, 'error'],
			[1, 'ok'],
			[1, 'ok'],
		],
	},
	{
		name: 'Audience > Get Many: the one shared listing fails every item, each paired',
		arrange: () => {
			sandbox.control.seedAudience({ name: 'VIP' });
			sandbox.control.addFault({ kind: 500, count: 1, method: 'GET', pathPrefix: '/v1/contacts' });
			return { parameters: { resource: 'audience', operation: 'getAll', options: { maxRetryWait: 0 } }, items: [{}, {}] };
		},
		expected: [
			[0, 'error'],
			[1, 'error'],
		],
	},
	{
		name: 'Audience > Get Many: several results per item, each paired to its item',
		arrange: () => {
			for (const name of ['VIP', 'News', 'Buyers']) sandbox.control.seedAudience({ name });
			return {
				parameters: { resource: 'audience', operation: 'getAll', limit: '={{ $json.limit }}' },
				items: [{ limit: 2 }, { limit: 1 }],
			};
		},
		expected: [
			[0, 'ok'],
			[0, 'ok'],
			[1, 'ok'],
		],
	},
];

test.each(cases)('$name', async ({ arrange, expected }) => {
	const { parameters, items } = arrange();
	const result = await runNode({
		parameters: { authentication: 'apiKey', ...parameters },
		items,
		credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	const outcome = result.output!.map((item) => [
		(item.pairedItem as { item: number }).item,
		typeof item.json.error === 'string' ? 'error' : 'ok',
	]);
	expect(outcome).toEqual(expected);
	// Input errors name their item; a server error (item in the error's context) says what happened
	for (const item of result.output!) {
		const paired = (item.pairedItem as { item: number }).item;
		if (typeof item.json.error === 'string') expect(item.json.error).toMatch(new RegExp(`\\(item ${paired}\\)$|\\(HTTP 500\\)`));
	}
});
