// tinyEmail Trigger, New Audience Member: polls run by n8n-core's real PollContext against the sandbox.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HEAD_SIZE, TAIL_SIZE } from '../../../nodes/TinyEmail/trigger/memberWatermark';
import { apiKeyCredential } from '../../harness/credentials';
import { MAX_STATE_BYTES, nodeStaticData, pollingTrigger, savedStateBytes, type PollingTrigger } from '../../harness/runPoll';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { DEMO_API_KEY } from '../../../sandbox';
import { api } from '../../sandbox/testClient';
import { startFaultProxy } from '../resilience/helpers';

/** The most the trigger's static data may take (it keeps its watermarks bounded: trigger/pollState.ts). */

const sandbox = useSandbox();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const emails = (prefix: string, count: number, from = 0) =>
	Array.from({ length: count }, (_, index) => `${prefix}${from + index}@example.com`);

function trigger(audienceId: string, options: INodeParameters = {}): PollingTrigger {
	return pollingTrigger({
		parameters: { event: 'newAudienceMember', audience: byId(audienceId), options },
		credentials: sandboxAuth(sandbox, 'apiKey').credentials,
	});
}

/** Adds and removes members through tinyEmail's API, as a user or another integration would. */
async function change(audienceId: string, add: string[], remove: string[] = []): Promise<void> {
	const answer = await api(sandbox, 'PUT', `/audiences/${audienceId}`, {
		body: { assignMembers: add.map((email) => ({ email })), unAssignMembers: remove },
	});
	expect(answer.status).toBe(204);
}

/** The trigger's requests since the last call: the member pages it asked for. */
function pagesRead(): string[] {
	const pages = sandbox.control
		.requestLog()
		.filter((entry) => entry.method === 'GET' && entry.path.includes('/members'))
		.map((entry) => entry.path.replace(/^.*\?/, ''));
	sandbox.control.clearRequestLog();
	return pages;
}

const emailsOf = (items: IDataObject[] | null) => (items ?? []).map((item) => item.email);

describe('tinyEmail Trigger: New Audience Member', () => {
	test('the first poll records a baseline and reports nothing; later polls report each new member once', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: emails('old', 3) });
		const watch = trigger(id);
		const baseline = await watch.poll();
		expect(baseline).toEqual({ items: null });
		expect(pagesRead()).toEqual(['page=1&size=100']);
		expect(nodeStaticData(watch.savedStaticData())).toHaveProperty('tinyEmailTrigger.watermark.seen', 3);

		await change(id, ['ada@example.com']);
		sandbox.control.clearRequestLog();
		const first = await watch.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([{ email: 'ada@example.com' }]);
		expect(pagesRead()).toEqual(['page=1&size=100']);

		expect(await watch.poll()).toEqual({ items: null });
	});

	test('the member is output as tinyEmail lists it (all its customer fields)', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: ['old@example.com'] });
		const watch = trigger(id);
		await watch.poll();
		const answer = await api(sandbox, 'PUT', `/audiences/${id}`, {
			body: { assignMembers: [{ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', tags: ['navy'], company: 'US Navy' }] },
		});
		expect(answer.status).toBe(204);
		expect((await watch.poll()).items).toEqual([
			{ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', tags: ['navy'], company: 'US Navy' },
		]);
	});

	test('many changes between two polls come in join order, each once', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: emails('old', 5) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, ['b@example.com', 'a@example.com']);
		await change(id, ['d@example.com', 'c@example.com', 'A@example.com']);
		expect(emailsOf((await watch.poll()).items)).toEqual(['b@example.com', 'a@example.com', 'd@example.com', 'c@example.com']);
		expect(await watch.poll()).toEqual({ items: null });
	});

	test('a member removed and another added: only the new one is reported; someone who left and comes back is new again', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: emails('old', 5) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, ['new@example.com'], ['old1@example.com']);
		expect(emailsOf((await watch.poll()).items)).toEqual(['new@example.com']);
		// the newest remembered member leaves, an older one leaves, one comes back
		await change(id, [], ['new@example.com', 'old3@example.com']);
		expect(await watch.poll()).toEqual({ items: null });
		await change(id, ['old1@example.com', 'late@example.com']);
		expect(emailsOf((await watch.poll()).items)).toEqual(['old1@example.com', 'late@example.com']);
	});

	test('paging: a large audience costs the page at the watermark and the pages after it', async () => {
		const id = sandbox.control.seedAudience({ name: 'Big', members: emails('m', 250) });
		const watch = trigger(id);
		sandbox.control.clearRequestLog();
		await watch.poll();
		// first page (the oldest members), then the last two pages
		expect(pagesRead()).toEqual(['page=1&size=100', 'page=2&size=100', 'page=3&size=100']);

		await change(id, emails('n', 120));
		const grown = await watch.poll();
		expect(emailsOf(grown.items)).toEqual(emails('n', 120));
		expect(pagesRead()).toEqual(['page=3&size=100', 'page=4&size=100']);

		expect(await watch.poll()).toEqual({ items: null });
		expect(pagesRead()).toEqual(['page=4&size=100']);
	});

	test('more new members than one poll reads (3 pages) are reported over the next polls, none twice, none missed', async () => {
		const id = sandbox.control.seedAudience({ name: 'Big', members: emails('m', 150) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, emails('n', 400));
		const reported: unknown[] = [];
		for (let poll = 0; poll < 4; poll++) {
			sandbox.control.clearRequestLog();
			const outcome = await watch.poll();
			expect(outcome.error).toBeUndefined();
			expect(pagesRead().length).toBeLessThanOrEqual(3);
			reported.push(...emailsOf(outcome.items));
		}
		expect(reported).toEqual(emails('n', 400));
	});

	test('members leaving ahead of the watermark shift it onto an earlier page: found there, nothing reported twice', async () => {
		const id = sandbox.control.seedAudience({ name: 'Big', members: emails('m', 250) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, ['fresh@example.com'], emails('m', 120));
		sandbox.control.clearRequestLog();
		expect(emailsOf((await watch.poll()).items)).toEqual(['fresh@example.com']);
		// the watermark's page (3) is empty now: the remembered members are found one page back
		expect(pagesRead()).toEqual(['page=3&size=100', 'page=2&size=100']);
		expect(await watch.poll()).toEqual({ items: null });
	});

	test('so many members leave that the list now ends pages earlier: the trigger jumps to its last page', async () => {
		const id = sandbox.control.seedAudience({ name: 'Big', members: emails('m', 350) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, ['fresh@example.com'], emails('m', 300));
		sandbox.control.clearRequestLog();
		expect(emailsOf((await watch.poll()).items)).toEqual(['fresh@example.com']);
		expect(pagesRead()).toEqual(['page=4&size=100', 'page=1&size=100']);
	});

	test('a failing poll throws a readable error, keeps the saved state, and the next poll catches up', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: emails('old', 3) });
		const watch = trigger(id, { maxRetryWait: 0 });
		await watch.poll();
		const before = watch.staticData();
		await change(id, ['ada@example.com']);
		sandbox.control.addFault({ kind: 503, count: 1, pathPrefix: '/v1/contacts/' });
		const failed = await watch.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('tinyEmail had a server error (HTTP 503)');
		expect(watch.staticData()).toEqual(before);
		expect(JSON.stringify({ message: failed.error?.message, description: failed.error?.description })).not.toContain(DEMO_API_KEY);

		expect(emailsOf((await watch.poll()).items)).toEqual(['ada@example.com']);
		expect(await watch.poll()).toEqual({ items: null });
	});

	test('a deleted (unknown) audience fails the poll with what to do', async () => {
		const watch = trigger('gone-audience');
		const outcome = await watch.poll();
		expect(outcome.error?.message).toBe('The audience "gone-audience" was not found in tinyEmail');
		expect(outcome.error?.description).toContain('pick the audience from the list');
	});

	test('a server that answers another page than asked fails the poll (the watermark is a position) and keeps the state', async () => {
		const id = sandbox.control.seedAudience({ name: 'Big', members: emails('m', 250) });
		let misleading = false;
		const proxy = await startFaultProxy(sandbox.url, (request) => {
			if (!misleading) return undefined;
			const page = Number(new URL(request.path, 'http://x').searchParams.get('page'));
			return { status: 200, body: { members: { content: [], last: false, totalElements: 250, number: page - 1 } } };
		});
		try {
			const watch = pollingTrigger({
				parameters: { event: 'newAudienceMember', audience: byId(id) },
				credentials: { tinyEmailApi: apiKeyCredential(proxy.url, DEMO_API_KEY) },
			});
			await watch.poll();
			const before = watch.staticData();
			misleading = true;
			const failed = await watch.poll();
			expect(failed.error?.message).toBe("tinyEmail answered page 2 when asked for page 3 of the audience's members");
			expect(watch.staticData()).toEqual(before);
			misleading = false;
			await change(id, ['back@example.com']);
			expect(emailsOf((await watch.poll()).items)).toEqual(['back@example.com']);
		} finally {
			await proxy.stop();
		}
	});

	test('Fetch Test Event returns the newest member and leaves the watermark alone', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: emails('m', 150) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, ['newest@example.com']);
		sandbox.control.clearRequestLog();
		expect(await watch.fetchTestEvent()).toEqual({ items: [{ email: 'newest@example.com' }] });
		expect(pagesRead()).toEqual(['page=1&size=1', 'page=151&size=1']);
		// the scheduled poll still reports the member
		expect(emailsOf((await watch.poll()).items)).toEqual(['newest@example.com']);

		const empty = trigger(sandbox.control.seedAudience({ name: 'Empty' }));
		expect((await empty.fetchTestEvent()).error?.message).toContain('has no members to show as a test event');
	});

	test('another audience starts over with a baseline (no flood of its existing members)', async () => {
		const vip = sandbox.control.seedAudience({ name: 'VIP', members: ['a@example.com'] });
		const all = sandbox.control.seedAudience({ name: 'All', members: emails('m', 30) });
		const watch = trigger(vip);
		await watch.poll();
		watch.setParameters({ event: 'newAudienceMember', audience: byId(all), options: {} });
		expect(await watch.poll()).toEqual({ items: null });
		await change(all, ['z@example.com']);
		expect(emailsOf((await watch.poll()).items)).toEqual(['z@example.com']);
	});

	test('after a restart it resumes from the state n8n saved: polls that reported nothing lose nothing', async () => {
		const id = sandbox.control.seedAudience({ name: 'VIP', members: emails('m', 3) });
		const watch = trigger(id);
		await watch.poll();
		await change(id, ['one@example.com']);
		expect(emailsOf((await watch.poll()).items)).toEqual(['one@example.com']);
		// a member leaves: this poll reports nothing, so n8n does not save its state
		await change(id, [], ['m0@example.com']);
		expect(await watch.poll()).toEqual({ items: null });
		await change(id, ['two@example.com']);
		watch.restart();
		expect(emailsOf((await watch.poll()).items)).toEqual(['two@example.com']);
	});

	test('100,000 members: the saved state stays small and a poll costs at most 3 requests', async () => {
		const id = sandbox.control.seedAudience({ name: 'Everyone', members: emails('m', 100_000) });
		const watch = trigger(id);
		sandbox.control.clearRequestLog();
		expect(await watch.poll()).toEqual({ items: null });
		expect(pagesRead()).toEqual(['page=1&size=100', 'page=999&size=100', 'page=1000&size=100']);

		await change(id, ['x@example.com', 'y@example.com'], ['m5@example.com', 'm99999@example.com']);
		expect(emailsOf((await watch.poll()).items)).toEqual(['x@example.com', 'y@example.com']);
		expect(pagesRead().length).toBeLessThanOrEqual(3);

		const bytes = savedStateBytes(watch);
		expect(bytes).toBeLessThan(MAX_STATE_BYTES);
		// bounded by construction: a count and HEAD_SIZE + TAIL_SIZE short keys, whatever the audience's size
		expect(bytes).toBeLessThan((HEAD_SIZE + TAIL_SIZE) * 16 + 200);
		expect(JSON.stringify(nodeStaticData(watch.savedStaticData()))).not.toContain('@example.com');
	});
});
