import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/types';
import { api } from './testClient';

describe('sandbox customers API', () => {
	let clock = Date.UTC(2024, 4, 1);
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimitPerMinute: false, now: () => clock });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.control.reset());

	const put = (updateMembers: unknown[]) => api(sandbox, 'PUT', '/account/customer', { body: { updateMembers } });

	it('creates and updates in one upsert, counting both', async () => {
		sandbox.control.seedCustomers([{ email: 'old@example.com', firstName: 'Old' }]);
		const answer = await put([
			{ email: 'new@example.com', firstName: 'New' },
			{ email: 'old@example.com', lastName: 'Timer' },
		]);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ numberOfCreatedMembers: 1, numberOfUpdatedMembers: 1 });
		expect(sandbox.control.getCustomer('old@example.com')).toEqual({ email: 'old@example.com', firstName: 'Old', lastName: 'Timer' });
	});

	it('gets a customer by URL-encoded email', async () => {
		await put([{ email: 'jo+tag@example.com', firstName: 'Jo', tags: ['vip'], birthday: '1990-02-28' }]);
		const answer = await api(sandbox, 'GET', `/account/customer/${encodeURIComponent('jo+tag@example.com')}`);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ email: 'jo+tag@example.com', firstName: 'Jo', tags: ['vip'], birthday: '1990-02-28' });
	});

	it('keeps omitted fields and replaces tags when they are sent', async () => {
		await put([{ email: 'a@example.com', firstName: 'A', city: 'Oslo', tags: ['one', 'two'] }]);
		await put([{ email: 'a@example.com', tags: ['three'] }]);
		expect(sandbox.control.getCustomer('a@example.com')).toEqual({ email: 'a@example.com', firstName: 'A', city: 'Oslo', tags: ['three'] });
	});

	it('clears a text or date field sent as "" or null and the tags sent as []; the status cannot be cleared', async () => {
		const full = { email: 'c@example.com', firstName: 'C', lastName: 'L', city: 'Oslo', birthday: '1990-02-28', tags: ['one'] };
		await put([{ ...full, status: 'Subscribed' }]);
		expect(
			(await put([{ email: 'c@example.com', firstName: '', lastName: null, birthday: '', lastPurchaseDate: null, tags: [] }])).status,
		).toBe(200);
		const answer = await api(sandbox, 'GET', `/account/customer/${encodeURIComponent('c@example.com')}`);
		expect(answer.json).toEqual({ email: 'c@example.com', city: 'Oslo', status: 'Subscribed', tags: [] });
		for (const status of ['', null]) {
			const refused = await put([{ email: 'c@example.com', status }]);
			expect(refused.status).toBe(400);
			expect((refused.json as { message: string }).message).toMatch(/c@example\.com.*"status" cannot be cleared/);
		}
		expect(sandbox.control.getCustomer('c@example.com')?.status).toBe('Subscribed');
	});

	it('sets unsubscribedAt on Unsubscribed and clears it on re-subscribing', async () => {
		await put([{ email: 'u@example.com', status: 'Unsubscribed' }]);
		expect(sandbox.control.getCustomer('u@example.com')?.unsubscribedAt).toBe(new Date(clock).toISOString());
		const first = sandbox.control.getCustomer('u@example.com')?.unsubscribedAt;
		clock += 1000;
		await put([{ email: 'u@example.com', status: 'Unsubscribed', firstName: 'U' }]);
		expect(sandbox.control.getCustomer('u@example.com')?.unsubscribedAt).toBe(first);
		await put([{ email: 'u@example.com', status: 'Subscribed' }]);
		expect(sandbox.control.getCustomer('u@example.com')?.unsubscribedAt).toBeUndefined();
	});

	it.each([
		[{ email: 'not-an-email' }, 'email'],
		[{ firstName: 'No email' }, 'email'],
		[{ email: 'b@example.com', status: 'Happy' }, 'status'],
		[{ email: 'b@example.com', birthday: '2023-02-30' }, 'birthday'],
		[{ email: 'b@example.com', lastPurchaseDate: '12/01/2023' }, 'lastPurchaseDate'],
		[{ email: 'b@example.com', tags: 'vip' }, 'tags'],
		[{ email: 'b@example.com', tags: [1] }, 'tags'],
		[{ email: 'b@example.com', lastPurchasePrice: 3500 }, 'lastPurchasePrice'],
		[{ email: 'b@example.com', favouriteColour: 'red' }, 'favouriteColour'],
		[{ email: 'b@example.com', unsubscribedAt: '2024-01-01T00:00:00Z' }, 'unsubscribedAt'],
	])('rejects the whole batch for an invalid item %j, naming index, email and field', async (bad, field) => {
		const answer = await put([{ email: 'good@example.com' }, bad]);
		expect(answer.status).toBe(400);
		expect(answer.json.message).toContain('updateMembers[1]');
		expect(answer.json.message).toContain(field);
		if (typeof (bad as { email?: string }).email === 'string') expect(answer.json.message).toContain((bad as { email: string }).email);
		expect(sandbox.control.listCustomers()).toEqual([]);
	});

	it('rejects a body without updateMembers and non-object items', async () => {
		expect((await api(sandbox, 'PUT', '/account/customer', { body: { members: [] } })).status).toBe(400);
		expect((await api(sandbox, 'PUT', '/account/customer', { body: { updateMembers: 'x' } })).status).toBe(400);
		const answer = await put(['a@example.com']);
		expect(answer.status).toBe(400);
		expect(answer.json.message).toContain('updateMembers[0]');
	});

	it('answers an unknown email in each notFoundStyle', async () => {
		const path = '/account/customer/ghost%40example.com';
		expect(await api(sandbox, 'GET', path)).toMatchObject({ status: 404, json: { message: 'Customer not found' } });
		sandbox.control.setNotFoundStyle('400');
		expect(await api(sandbox, 'GET', path)).toMatchObject({
			status: 400,
			json: { message: 'Customer with email ghost@example.com not found' },
		});
		sandbox.control.setNotFoundStyle('empty200');
		expect(await api(sandbox, 'GET', path)).toMatchObject({ status: 200, json: {} });
	});

	it('needs a valid API key', async () => {
		for (const apiKey of [null, 'wrong-key']) {
			const answer = await api(sandbox, 'GET', '/account/customer/a%40example.com', { apiKey });
			expect(answer.status).toBe(401);
			expect(answer.json).toEqual({ message: 'API key is missing or invalid' });
			expect(answer.text).not.toContain('wrong-key');
		}
	});

	it('answers 405 for a wrong method on a known path and 404 for an unknown path', async () => {
		const wrong = await api(sandbox, 'DELETE', '/account/customer/a%40example.com');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.allow).toBe('GET');
		expect((await api(sandbox, 'POST', '/account/customer', { body: {} })).status).toBe(405);
		expect((await api(sandbox, 'GET', '/nothing/here')).status).toBe(404);
	});

	it('loses no update under a hundred concurrent PUTs', async () => {
		sandbox.control.seedCustomers([{ email: 'shared@example.com', tags: [] }]);
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, index) =>
				put([
					{ email: `c${index}@example.com`, firstName: `C${index}` },
					{ email: 'shared@example.com', city: `City ${index}` },
				]),
			),
		);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(sandbox.control.listCustomers()).toHaveLength(101);
		for (let index = 0; index < 100; index++) expect(sandbox.control.getCustomer(`c${index}@example.com`)?.firstName).toBe(`C${index}`);
		expect(sandbox.control.counters().customerWrites).toBe(100);
	});
});
