// Campaign > Create, Get, Get Many, Update; the sender and campaign list searches.
import { runListSearch } from '../harness/runListSearch';
import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

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

const createParameters = {
	authentication: 'apiKey',
	resource: 'campaign',
	operation: 'create',
	name: 'Spring sale',
	subject: 'Spring is here',
	sender: rl('list', 'sender-demo-1'),
	html: '<h1>Hello</h1>',
};

describe('Campaign > Create', () => {
	test('a draft with audiences and preview text', async () => {
		const vip = sandbox.control.seedAudience({ name: 'VIP' });
		const news = sandbox.control.seedAudience({ name: 'News' });
		const result = await runNode({
			parameters: {
				...createParameters,
				audiences: { audience: [{ audience: rl('list', vip) }, { audience: rl('id', news) }] },
				additionalFields: { previewText: 'Twenty percent off' },
			},
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		const out = result.output![0].json;
		expect(out).toMatchObject({ status: 'DRAFT', name: 'Spring sale', senderId: 'sender-demo-1', audienceIds: [vip, news] });
		const stored = await getCampaign(out.id as string);
		expect(stored).toMatchObject({
			status: 'DRAFT',
			campaign: { name: 'Spring sale', subject: 'Spring is here', previewText: 'Twenty percent off' },
			template: { html: '<h1>Hello</h1>' },
			contactIds: [vip, news],
		});
	});

	test('One-Off: the date picker value is read in the workflow time zone and sent as UTC', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'oneOff', sendAt: '2030-07-01T09:30:00' },
			credentials: apiKey(),
			timezone: 'Europe/Berlin',
		});
		expect(result.error).toBeUndefined();
		// Berlin is UTC+2 in July
		expect(result.output![0].json).toMatchObject({ status: 'SCHEDULED', schedule: { dateTime: '2030-07-01T07:30:00Z' } });
	});

	test('Recurring: days in week order and HH:mm as HH:mm:ss', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'recurring', days: ['SUNDAY', 'MONDAY', 'FRIDAY'], time: '7:05' },
			credentials: apiKey(),
			timezone: 'UTC',
		});
		expect(result.error).toBeUndefined();
		const stored = await getCampaign(result.output![0].json.id as string);
		expect(stored.schedule).toEqual({ days: ['MONDAY', 'FRIDAY', 'SUNDAY'], time: '07:05:00' });
	});

	test('Recurring: the Time is read in the workflow time zone and sent as UTC, the days moving with it across midnight', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'recurring', days: ['SUNDAY', 'MONDAY', 'FRIDAY'], time: '7:05' },
			credentials: apiKey(),
			// UTC+9 all year: 07:05 in Tokyo is 22:05 UTC the day before
			timezone: 'Asia/Tokyo',
		});
		expect(result.error).toBeUndefined();
		const stored = await getCampaign(result.output![0].json.id as string);
		expect(stored.schedule).toEqual({ days: ['THURSDAY', 'SATURDAY', 'SUNDAY'], time: '22:05:00' });
		expect(result.output![0].json.schedule).toEqual(stored.schedule);
	});

	test('bad input names the item and the field; nothing is sent', async () => {
		const result = await runNode({
			parameters: { ...createParameters, schedule: 'recurring', days: ['MONDAY'], time: '25:00' },
			items: [{}],
			credentials: apiKey(),
		});
		expect(result.error?.message).toBe('The Time in item 0 is not a time of day');
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});

	test('OAuth2 gets the API-key-needed error, per item with continueOnFail', async () => {
		const result = await runNode({
			parameters: { ...createParameters, authentication: 'oAuth2' },
			items: [{}, {}],
			credentials: sandboxAuth(sandbox, 'oAuth2').credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output![1].json.error).toMatch(/^The Campaign resource: This operation needs the tinyEmail API credential/);
	});
});

describe('Campaign > Get and Get Many', () => {
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
