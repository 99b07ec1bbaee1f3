// tinyEmail Trigger, Campaign Status Changed: polls run by n8n-core's real PollContext against the sandbox.
import { createServer, type AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { apiKeyCredential } from '../../harness/credentials';
import { MAX_STATE_BYTES, pollingTrigger, savedStateBytes, type PollingTrigger } from '../../harness/runPoll';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { DEMO_API_KEY } from '../../../sandbox';
import { api } from '../../sandbox/testClient';

/** The most the trigger's static data may take (it keeps its watermarks bounded: trigger/pollState.ts). */

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

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

const changes = (items: IDataObject[] | null) => (items ?? []).map((item) => [item.id, item.previousStatus, item.newStatus]);

describe('tinyEmail Trigger: Campaign Status Changed', () => {
	test('baseline, then each status change once with the previous and new status, oldest campaign first', async () => {
		for (const id of ['c1', 'c2', 'c3']) seed(id, 'SCHEDULED');
		const watch = trigger({ event: 'campaignStatusChanged' });
		expect(await watch.poll()).toEqual({ items: null });
		expect(campaignPagesRead()).toEqual(['page=0&size=100']);

		sandbox.control.setCampaignStatus('c3', 'LAUNCHED');
		sandbox.control.setCampaignStatus('c1', 'LAUNCHED');
		const first = await watch.poll();
		expect(first.error).toBeUndefined();
		expect(changes(first.items)).toEqual([
			['c1', 'SCHEDULED', 'LAUNCHED'],
			['c3', 'SCHEDULED', 'LAUNCHED'],
		]);
		// Simplify (default): the ten fields of Campaign Get plus the two statuses
		expect(first.items![0]).toEqual({
			id: 'c1',
			name: 'c1',
			subject: 'About c1',
			status: 'LAUNCHED',
			senderId: 'sender-demo-1',
			audienceIds: [],
			sent: 0,
			open: 0,
			clicked: 0,
			previousStatus: 'SCHEDULED',
			newStatus: 'LAUNCHED',
		});
		expect(await watch.poll()).toEqual({ items: null });

		// several changes of one campaign between two polls: one event, from the last known status
		sandbox.control.setCampaignStatus('c1', 'PAUSED');
		sandbox.control.setCampaignStatus('c1', 'COMPLETED');
		expect(changes((await watch.poll()).items)).toEqual([['c1', 'LAUNCHED', 'COMPLETED']]);
	});

	test('Only Into Statuses reports only changes into the chosen statuses; without Simplify the whole campaign', async () => {
		for (const id of ['c1', 'c2']) seed(id, 'SCHEDULED');
		const watch = trigger({ event: 'campaignStatusChanged', statuses: ['COMPLETED', 'FAILED'], simplify: false });
		await watch.poll();
		sandbox.control.setCampaignStatus('c1', 'LAUNCHED');
		expect(await watch.poll()).toEqual({ items: null });
		sandbox.control.setCampaignStatus('c1', 'COMPLETED');
		sandbox.control.setCampaignStatus('c2', 'FAILED');
		const done = await watch.poll();
		expect(changes(done.items)).toEqual([
			['c1', 'LAUNCHED', 'COMPLETED'],
			['c2', 'SCHEDULED', 'FAILED'],
		]);
		expect(done.items![0]).toMatchObject({ campaign: { name: 'c1', subject: 'About c1' }, senderId: 'sender-demo-1', status: 'COMPLETED' });
	});

	test('a campaign created and sent between two polls is reported (from no status); a new draft is not', async () => {
		seed('old', 'COMPLETED');
		const watch = trigger({ event: 'campaignStatusChanged' });
		await watch.poll();
		const draft = await create('Just a draft');
		const scheduled = await create('Straight to the schedule', true);
		const launched = await create('Sent right away');
		sandbox.control.setCampaignStatus(launched, 'LAUNCHED');
		expect(changes((await watch.poll()).items)).toEqual([
			[scheduled, null, 'SCHEDULED'],
			[launched, null, 'LAUNCHED'],
		]);
		sandbox.control.setCampaignStatus(draft, 'SCHEDULED');
		expect(changes((await watch.poll()).items)).toEqual([[draft, 'DRAFT', 'SCHEDULED']]);
	});

	test('paging: the first poll reads 3 pages; later ones read down to the oldest campaign whose status can still change', async () => {
		// 250 campaigns: c50 (scheduled, listed 200th) and 249 completed ones
		for (let index = 0; index < 250; index++) seed(`c${index}`, index === 50 ? 'SCHEDULED' : 'COMPLETED');
		const watch = trigger({ event: 'campaignStatusChanged' });
		sandbox.control.clearRequestLog();
		await watch.poll();
		expect(campaignPagesRead()).toEqual(['page=0&size=100', 'page=1&size=100', 'page=2&size=100']);

		expect(await watch.poll()).toEqual({ items: null });
		expect(campaignPagesRead()).toEqual(['page=0&size=100', 'page=1&size=100']);
		sandbox.control.setCampaignStatus('c50', 'LAUNCHED');
		expect(changes((await watch.poll()).items)).toEqual([['c50', 'SCHEDULED', 'LAUNCHED']]);
		expect(campaignPagesRead()).toEqual(['page=0&size=100', 'page=1&size=100']);
		// once completed, c50 needs no watching: one page a poll
		sandbox.control.setCampaignStatus('c50', 'COMPLETED');
		expect(changes((await watch.poll()).items)).toEqual([['c50', 'LAUNCHED', 'COMPLETED']]);
		expect(await watch.poll()).toEqual({ items: null });
		expect(campaignPagesRead()).toEqual(['page=0&size=100', 'page=1&size=100', 'page=0&size=100']);
	});

	test('a failing poll throws, keeps the saved state, and the next poll reports the change', async () => {
		seed('c1', 'SCHEDULED');
		const watch = trigger({ event: 'campaignStatusChanged', options: { maxRetryWait: 0 } });
		await watch.poll();
		const before = watch.staticData();
		sandbox.control.setCampaignStatus('c1', 'LAUNCHED');
		sandbox.control.addFault({ kind: 500, count: 1, pathPrefix: '/v1/campaign' });
		const failed = await watch.poll();
		expect(failed.error?.message).toBe('tinyEmail had a server error (HTTP 500)');
		expect(watch.staticData()).toEqual(before);
		expect(changes((await watch.poll()).items)).toEqual([['c1', 'SCHEDULED', 'LAUNCHED']]);
	});

	test('a wrong API key fails the poll saying so, without the key', async () => {
		const watch = pollingTrigger({
			parameters: { event: 'campaignStatusChanged' },
			credentials: { tinyEmailApi: apiKeyCredential(sandbox.url, 'wrong-key-123456') },
		});
		const outcome = await watch.poll();
		expect(outcome.error?.message).toBe('The API key was rejected by tinyEmail');
		expect(JSON.stringify({ message: outcome.error?.message, description: outcome.error?.description })).not.toContain('wrong-key-123456');
	});

	test('a credential edited while the workflow is active is read again at the next poll', async () => {
		seed('c1', 'SCHEDULED');
		const unreachable = `http://127.0.0.1:${await closedPort()}`;
		const watch = pollingTrigger({
			parameters: { event: 'campaignStatusChanged' },
			credentials: { tinyEmailApi: apiKeyCredential(unreachable, DEMO_API_KEY) },
		});
		const failed = await watch.poll();
		expect(failed.error?.description).toBe('Check the network and the Base URL of the credential, then try again.');
		watch.setCredential('tinyEmailApi', apiKeyCredential(sandbox.url, DEMO_API_KEY));
		expect(await watch.poll()).toEqual({ items: null });
		sandbox.control.setCampaignStatus('c1', 'LAUNCHED');
		expect(changes((await watch.poll()).items)).toEqual([['c1', 'SCHEDULED', 'LAUNCHED']]);
	});

	test('Fetch Test Event: the newest campaign in a chosen status, the watermark untouched', async () => {
		seed('c1', 'COMPLETED');
		seed('c2', 'LAUNCHED');
		seed('c3', 'DRAFT');
		const watch = trigger({ event: 'campaignStatusChanged', statuses: ['COMPLETED'] });
		await watch.poll();
		const sample = await watch.fetchTestEvent();
		expect(sample.items).toEqual([expect.objectContaining({ id: 'c1', previousStatus: null, newStatus: 'COMPLETED' })]);
		const none = trigger({ event: 'campaignStatusChanged', statuses: ['FAILED'] });
		expect((await none.fetchTestEvent()).error?.message).toBe(
			"There is no campaign in status FAILED among tinyEmail's newest 100 to show as a test event",
		);
	});

	test('300 watched campaigns keep the state far below 64 KB', async () => {
		for (let index = 0; index < 400; index++) seed(`campaign-${index}-${'x'.repeat(20)}`, 'SCHEDULED');
		const watch = trigger({ event: 'campaignStatusChanged' });
		await watch.poll();
		expect(campaignPagesRead()).toEqual(['page=0&size=100', 'page=1&size=100', 'page=2&size=100']);
		expect(savedStateBytes(watch)).toBeLessThan(MAX_STATE_BYTES / 2);
	});
});
