// tinyEmail Trigger, New Campaign: polls run by n8n-core's real PollContext against the sandbox.
import type { INodeParameters } from 'n8n-workflow';

import { pollingTrigger, type PollingTrigger } from '../../harness/runPoll';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { api } from '../../sandbox/testClient';

const sandbox = useSandbox();

function trigger(parameters: INodeParameters): PollingTrigger {
	return pollingTrigger({ parameters, credentials: sandboxAuth(sandbox, 'apiKey').credentials });
}

const seed = (id: string, status = 'DRAFT', name = id) =>
	sandbox.control.seedCampaign({ id, status, campaign: { name, subject: `About ${name}` }, senderId: 'sender-demo-1', sent: 0 });

/** Creates a campaign through tinyEmail's API (DRAFT, or SCHEDULED with a schedule). */
async function create(name: string, scheduled = false): Promise<string> {
	const answer = await api(sandbox, 'POST', '/campaign', {
		body: {
			campaign: { name, subject: `About ${name}` },
			senderId: 'sender-demo-1',
			template: { html: '<p>Hi</p>' },
			...(scheduled ? { schedule: { dateTime: '2030-01-01T09:00:00Z' } } : {}),
		},
	});
	expect(answer.status).toBe(200);
	return answer.json.id as string;
}

function campaignPagesRead(): string[] {
	const pages = sandbox.control
		.requestLog()
		.filter((entry) => entry.method === 'GET' && entry.path.startsWith('/v1/campaign?'))
		.map((entry) => entry.path.replace(/^.*\?/, ''));
	sandbox.control.clearRequestLog();
	return pages;
}

describe('tinyEmail Trigger: New Campaign', () => {
	test('baseline, then each new campaign once, oldest first, from one page', async () => {
		for (let index = 0; index < 150; index++) seed(`c${index}`, 'COMPLETED');
		const watch = trigger({ event: 'newCampaign' });
		expect(await watch.poll()).toEqual({ items: null });
		expect(campaignPagesRead()).toEqual(['page=0&size=100']);

		const first = await create('Spring sale');
		const second = await create('Summer sale', true);
		const outcome = await watch.poll();
		expect(outcome.items!.map((item) => [item.id, item.name, item.status])).toEqual([
			[first, 'Spring sale', 'DRAFT'],
			[second, 'Summer sale', 'SCHEDULED'],
		]);
		expect(campaignPagesRead()).toEqual(['page=0&size=100']);
		expect(await watch.poll()).toEqual({ items: null });
	});

	test('more new campaigns than a page: reads on until it finds one it knows', async () => {
		seed('old');
		const watch = trigger({ event: 'newCampaign', simplify: false });
		await watch.poll();
		for (let index = 0; index < 120; index++) seed(`n${index}`);
		sandbox.control.clearRequestLog();
		const outcome = await watch.poll();
		expect(outcome.items!.map((item) => item.id)).toEqual(Array.from({ length: 120 }, (_, index) => `n${index}`));
		expect(outcome.items![0]).toMatchObject({ campaign: { name: 'n0' } });
		expect(campaignPagesRead()).toEqual(['page=0&size=100', 'page=1&size=100']);
	});

	test('Fetch Test Event returns the newest campaign; with none, says what to do', async () => {
		const watch = trigger({ event: 'newCampaign' });
		const empty = await watch.fetchTestEvent();
		expect(empty.error?.message).toBe('There is no campaign in tinyEmail to show as a test event');
		seed('a');
		seed('b');
		expect((await watch.fetchTestEvent()).items).toEqual([expect.objectContaining({ id: 'b', name: 'b' })]);
		expect(campaignPagesRead()).toEqual(['page=0&size=1', 'page=0&size=1']);
	});
});
