import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index';
import { api } from './testClient';

describe('sandbox persistence with a data file', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'tinyemail-sandbox-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('keeps customers, audiences and tokens across a restart', async () => {
		const dataFile = join(folder, 'data.json');
		const first = await startSandbox({ dataFile });
		await api(first, 'PUT', '/account/customer', {
			body: { updateMembers: [{ email: 'keep@example.com', firstName: 'Keep', tags: ['a'] }] },
		});
		const created = await api(first, 'POST', '/audiences', { body: { name: 'Kept', members: [{ email: 'member@example.com' }] } });
		const tokens = first.control.issueTokens();
		await first.stop();

		const second = await startSandbox({ dataFile });
		try {
			expect((await api(second, 'GET', '/account/customer/keep%40example.com')).json).toEqual({
				email: 'keep@example.com',
				firstName: 'Keep',
				tags: ['a'],
			});
			expect((await api(second, 'GET', '/contacts')).json.contacts).toEqual([{ id: created.json.id, name: 'Kept', numberOfMembers: 1 }]);
			expect((await api(second, 'GET', '/account/customer/keep%40example.com', { bearer: tokens.access_token })).status).toBe(200);
		} finally {
			await second.stop();
		}
	});

	it('saves all of a hundred concurrent PUTs, atomically (no temp files left)', async () => {
		const dataFile = join(folder, 'data.json');
		const sandbox = await startSandbox({ dataFile, rateLimitPerMinute: false });
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, index) =>
				api(sandbox, 'PUT', '/account/customer', { body: { updateMembers: [{ email: `p${index}@example.com`, tags: [`t${index}`] }] } }),
			),
		);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		await sandbox.stop();
		const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
		expect(Object.keys(saved.customers)).toHaveLength(100);
		expect(readdirSync(folder)).toEqual(['data.json']);

		const restarted = await startSandbox({ dataFile });
		try {
			expect(restarted.control.listCustomers()).toHaveLength(100);
			expect(restarted.control.getCustomer('p42@example.com')?.tags).toEqual(['t42']);
		} finally {
			await restarted.stop();
		}
	});

	it('starts empty when the data file does not exist yet', async () => {
		const sandbox = await startSandbox({ dataFile: join(folder, 'missing.json') });
		try {
			expect(sandbox.control.listCustomers()).toEqual([]);
		} finally {
			await sandbox.stop();
		}
	});
});
