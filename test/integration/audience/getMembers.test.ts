// Audience > Get Members.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
const sandbox = useSandbox();

const apiKey = () => sandboxAuth(sandbox, 'apiKey').credentials;
const memberGets = () =>
	sandbox.control
		.requestLog()
		.filter((entry) => entry.method === 'GET' && entry.path.includes('/members'))
		.map((entry) => entry.path.replace(/^.*\?/, ''));

describe('Audience > Get Members', () => {
	let audienceId: string;
	beforeEach(() => {
		const emails = Array.from({ length: 250 }, (_, i) => `m${String(i).padStart(3, '0')}@example.com`);
		sandbox.control.seedCustomers(emails.map((email, i) => ({ email, firstName: `M${i}`, city: 'Lyon', status: 'Subscribed' })));
		audienceId = sandbox.control.seedAudience({ name: 'Big', members: emails });
		sandbox.control.clearRequestLog();
	});

	test('Return All reads every page (from 1) and outputs one simplified item per member, paired', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'list', value: audienceId },
				returnAll: true,
			},
			credentials: apiKey(),
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(250);
		expect(memberGets()).toEqual(['page=1&size=100', 'page=2&size=100', 'page=3&size=100']);
		expect(result.output![249].json).toEqual({ email: 'm249@example.com', firstName: 'M249', status: 'Subscribed' });
		expect(result.output!.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit stops early and Simplify off gives the raw customer', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' },
				limit: 120,
				simplify: false,
			},
			items: [{ audience: audienceId }],
			credentials: apiKey(),
		});
		expect(result.output).toHaveLength(120);
		expect(memberGets()).toEqual(['page=1&size=100', 'page=2&size=100']);
		expect(result.output![0].json).toMatchObject({ email: 'm000@example.com', city: 'Lyon' });
	});

	test('a small Limit costs one small request; several items each get their members', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: audienceId },
				limit: 3,
			},
			items: [{}, {}],
			credentials: apiKey(),
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
		expect(memberGets()).toEqual(['page=1&size=3', 'page=1&size=3']);
	});

	test('continueOnFail: an unknown audience fails its item only', async () => {
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'getMembers',
				audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' },
				limit: 2,
			},
			items: [{ audience: 'nope' }, { audience: audienceId }],
			credentials: apiKey(),
			continueOnFail: true,
		});
		expect(result.output).toHaveLength(3);
		expect(result.output![0]).toMatchObject({ pairedItem: { item: 0 }, json: { error: expect.stringMatching(/not found/i) } });
		expect(result.output![1].pairedItem).toEqual({ item: 1 });
	});
});
