import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api } from './testClient';

describe('sandbox audiences API', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	it('creates an audience whose new members become customers', async () => {
		sandbox.control.seedCustomers([{ email: 'known@example.com', status: 'Bounced' }]);
		const created = await api(sandbox, 'POST', '/audiences', {
			body: {
				name: 'VIP',
				members: [
					{ email: 'new@example.com', firstName: 'New', tags: ['vip'] },
					{ email: 'known@example.com', city: 'Rome' },
				],
			},
		});
		expect(created.status).toBe(200);
		expect(created.json).toEqual({ id: expect.any(String) });
		expect(sandbox.control.getCustomer('new@example.com')).toEqual({ email: 'new@example.com', firstName: 'New', tags: ['vip'] });
		expect(sandbox.control.getCustomer('known@example.com')).toEqual({ email: 'known@example.com', status: 'Bounced', city: 'Rome' });
		const list = await api(sandbox, 'GET', '/contacts');
		expect(list.json).toEqual({ contacts: [{ id: created.json.id, name: 'VIP', numberOfMembers: 2 }] });
	});

	it('pages members from 1', async () => {
		const members = Array.from({ length: 5 }, (_, index) => `m${index}@example.com`);
		const id = sandbox.control.seedAudience({ name: 'Five', members });
		const first = await api(sandbox, 'GET', `/contacts/${id}/members?page=1&size=2`);
		expect(first.json.members).toMatchObject({ last: false, totalElements: 5, number: 1 });
		expect(first.json.members.content.map((member: { email: string }) => member.email)).toEqual(['m0@example.com', 'm1@example.com']);
		const last = await api(sandbox, 'GET', `/contacts/${id}/members?page=3&size=2`);
		expect(last.json.members).toMatchObject({ last: true, number: 3 });
		expect(last.json.members.content).toHaveLength(1);
		expect((await api(sandbox, 'GET', `/contacts/${id}/members?page=0`)).status).toBe(400);
		expect((await api(sandbox, 'GET', '/contacts/nope/members')).status).toBe(404);
	});

	it("lists members by join time, oldest first (the contract's decision): a re-assigned member keeps its place, a returning one joins at the end", async () => {
		const id = sandbox.control.seedAudience({ name: 'Joins', members: ['a@example.com', 'b@example.com', 'c@example.com'] });
		const put = async (body: object) => expect((await api(sandbox, 'PUT', `/audiences/${id}`, { body })).status).toBe(204);
		await put({ assignMembers: [{ email: 'd@example.com' }, { email: 'A@example.com' }] });
		await put({ unAssignMembers: ['b@example.com'] });
		await put({ assignMembers: [{ email: 'b@example.com' }] });
		const page = await api(sandbox, 'GET', `/contacts/${id}/members?page=1&size=10`);
		expect(page.json.members.content.map((member: { email: string }) => member.email)).toEqual([
			'a@example.com',
			'c@example.com',
			'd@example.com',
			'b@example.com',
		]);
		expect(page.json.members.totalElements).toBe(4);
	});

	it('assigns and unassigns members with 204', async () => {
		const id = sandbox.control.seedAudience({ name: 'List', members: ['a@example.com', 'b@example.com'] });
		const answer = await api(sandbox, 'PUT', `/audiences/${id}`, {
			body: { assignMembers: [{ email: 'c@example.com' }], unAssignMembers: ['a@example.com'] },
		});
		expect(answer.status).toBe(204);
		expect(answer.text).toBe('');
		expect(sandbox.control.listAudiences()[0].members).toEqual(['b@example.com', 'c@example.com']);
		expect(sandbox.control.getCustomer('c@example.com')).toEqual({ email: 'c@example.com' });
	});

	it('rejects member fields a member cannot carry, bad emails, missing names and unknown ids', async () => {
		const status = await api(sandbox, 'POST', '/audiences', {
			body: { name: 'X', members: [{ email: 'a@example.com', status: 'Subscribed' }] },
		});
		expect(status.status).toBe(400);
		expect(status.json.message).toContain('members[0] (a@example.com)');
		expect(status.json.message).toContain('status');
		expect((await api(sandbox, 'POST', '/audiences', { body: { members: [] } })).json.message).toContain('name');
		const id = sandbox.control.seedAudience({ name: 'List' });
		const badRemoval = await api(sandbox, 'PUT', `/audiences/${id}`, { body: { unAssignMembers: ['nope'] } });
		expect(badRemoval.status).toBe(400);
		expect(badRemoval.json.message).toContain('unAssignMembers[0]');
		const missing = await api(sandbox, 'PUT', '/audiences/unknown-id', { body: { assignMembers: [] } });
		expect(missing).toMatchObject({ status: 404, json: { message: 'Audience unknown-id not found' } });
		expect(sandbox.control.listCustomers()).toEqual([]);
	});
});
