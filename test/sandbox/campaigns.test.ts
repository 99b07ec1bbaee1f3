import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api, control } from './testClient';

describe('sandbox campaigns and senders API', () => {
	let sandbox: Sandbox;
	let audienceId: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => {
		sandbox.control.reset();
		audienceId = sandbox.control.seedAudience({ name: 'Everyone' });
	});

	const draft = () => ({
		campaign: { name: 'Spring sale', subject: 'Save 20%', previewText: 'Only this week' },
		senderId: 'sender-demo-1',
		template: { html: '<p>Hello</p>' },
		contactIds: [audienceId],
	});

	it('lists the two demo senders', async () => {
		const answer = await api(sandbox, 'GET', '/sender-details');
		expect(answer.status).toBe(200);
		expect(answer.json.senderDetailses).toHaveLength(2);
		expect(answer.json.senderDetailses[0]).toMatchObject({ id: 'sender-demo-1', emailConfirmed: true });
	});

	it('creates a DRAFT campaign with zero counters and gets it back', async () => {
		const created = await api(sandbox, 'POST', '/campaign', { body: draft() });
		expect(created.status).toBe(200);
		expect(created.json).toEqual({ id: expect.any(String), status: 'DRAFT' });
		const fetched = await api(sandbox, 'GET', `/campaign/${created.json.id}`);
		expect(fetched.json).toMatchObject({
			...draft(),
			id: created.json.id,
			status: 'DRAFT',
			sent: 0,
			delivered: 0,
			open: 0,
			clicked: 0,
			bounced: 0,
			unsubscribed: 0,
		});
	});

	it('schedules one-off and recurring campaigns', async () => {
		const once = await api(sandbox, 'POST', '/campaign', { body: { ...draft(), schedule: { dateTime: '2030-01-01T09:00:00Z' } } });
		expect(once.json.status).toBe('SCHEDULED');
		const weekly = await api(sandbox, 'POST', '/campaign', {
			body: { ...draft(), schedule: { days: ['MONDAY', 'FRIDAY'], time: '09:30:00' } },
		});
		expect(weekly.json.status).toBe('SCHEDULED');
		const bad = await api(sandbox, 'POST', '/campaign', { body: { ...draft(), schedule: { days: ['FUNDAY'], time: '25:00:00' } } });
		expect(bad.status).toBe(400);
	});

	it.each([
		['campaign', (body: Record<string, unknown>) => delete body.campaign],
		['senderId', (body: Record<string, unknown>) => delete body.senderId],
		['template', (body: Record<string, unknown>) => delete body.template],
		['Sender nobody not found', (body: Record<string, unknown>) => (body.senderId = 'nobody')],
		['Audience missing-list not found', (body: Record<string, unknown>) => (body.contactIds = ['missing-list'])],
		['color', (body: Record<string, unknown>) => (body.color = 'red')],
	])('rejects a create body with a problem about %s', async (expected, mutate) => {
		const body: Record<string, unknown> = draft();
		mutate(body);
		const answer = await api(sandbox, 'POST', '/campaign', { body });
		expect(answer.status).toBe(400);
		expect(answer.json.message).toContain(expected);
	});

	it("pages campaigns from 0, newest first (the contract's decision)", async () => {
		for (let index = 0; index < 3; index++) sandbox.control.seedCampaign({ id: `c${index}`, campaign: { name: `C${index}` } });
		const first = await api(sandbox, 'GET', '/campaign?page=0&size=2');
		expect(first.json.campaigns.content.map((campaign: { id: string }) => campaign.id)).toEqual(['c2', 'c1']);
		expect(first.json.campaigns.last).toBe(false);
		const second = await api(sandbox, 'GET', '/campaign?page=1&size=2');
		expect(second.json.campaigns).toMatchObject({ last: true, content: [{ id: 'c0' }] });
		// a campaign created through the API is the newest
		const created = await api(sandbox, 'POST', '/campaign', { body: draft() });
		const listed = await api(sandbox, 'GET', '/campaign?page=0&size=10');
		expect(listed.json.campaigns.content.map((campaign: { id: string }) => campaign.id)).toEqual([created.json.id, 'c2', 'c1', 'c0']);
	});

	it("changes a campaign's status in place (control and HTTP twin), without moving it in the list", async () => {
		for (let index = 0; index < 3; index++) sandbox.control.seedCampaign({ id: `c${index}`, status: 'SCHEDULED' });
		sandbox.control.setCampaignStatus('c1', 'LAUNCHED');
		const viaHttp = await control(sandbox, 'POST', '/campaigns/c0/status', { status: 'COMPLETED' });
		expect(viaHttp.status).toBe(200);
		// re-seeding an existing ID replaces it where it stands
		sandbox.control.seedCampaign({ id: 'c2', status: 'PAUSED' });
		const listed = await api(sandbox, 'GET', '/campaign?page=0&size=10');
		expect(listed.json.campaigns.content.map((campaign: { id: string; status: string }) => [campaign.id, campaign.status])).toEqual([
			['c2', 'PAUSED'],
			['c1', 'LAUNCHED'],
			['c0', 'COMPLETED'],
		]);
		expect((await control(sandbox, 'POST', '/campaigns/ghost/status', { status: 'LAUNCHED' })).status).toBe(404);
		expect((await control(sandbox, 'POST', '/campaigns/c0/status', {})).status).toBe(400);
		expect(() => sandbox.control.setCampaignStatus('ghost', 'LAUNCHED')).toThrow('No campaign ghost');
	});

	it('updates a draft with 204, keeps other details, and refuses finished campaigns', async () => {
		const created = await api(sandbox, 'POST', '/campaign', { body: draft() });
		const updated = await api(sandbox, 'PUT', `/campaign/${created.json.id}`, { body: { campaign: { subject: 'Save 30%' } } });
		expect(updated.status).toBe(204);
		const fetched = await api(sandbox, 'GET', `/campaign/${created.json.id}`);
		expect(fetched.json.campaign).toEqual({ name: 'Spring sale', subject: 'Save 30%', previewText: 'Only this week' });
		for (const status of ['LAUNCHED', 'COMPLETED', 'FAILED']) {
			const id = sandbox.control.seedCampaign({ status });
			const refused = await api(sandbox, 'PUT', `/campaign/${id}`, { body: { template: { html: 'x' } } });
			expect(refused.status).toBe(400);
			expect(refused.json.message).toContain(status);
		}
		const paused = sandbox.control.seedCampaign({ status: 'PAUSED' });
		expect((await api(sandbox, 'PUT', `/campaign/${paused}`, { body: {} })).status).toBe(204);
	});

	it('answers 404 for unknown campaign ids and 405 for a wrong method', async () => {
		expect(await api(sandbox, 'GET', '/campaign/ghost')).toMatchObject({ status: 404, json: { message: 'Campaign ghost not found' } });
		expect((await api(sandbox, 'PUT', '/campaign/ghost', { body: {} })).status).toBe(404);
		expect((await api(sandbox, 'DELETE', '/campaign/ghost')).status).toBe(405);
		expect((await api(sandbox, 'POST', '/sender-details', { body: {} })).status).toBe(405);
	});
});
