// Audience > Remove Customers.
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const audiencePuts = () =>
	sandbox.control.requestLog().filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/v1/audiences/'));
const members = (id: string) => sandbox.control.listAudiences().find((audience) => audience.id === id)?.members ?? [];

describe('Audience > Remove Customers', () => {
	test('removes in batched PUTs per audience and keeps the customers', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const id = sandbox.control.seedAudience({ name: 'Leaving', members: ['a@example.com', 'b@example.com', 'c@example.com'] });
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'removeCustomers',
				audience: byId(id),
				customers: '={{ $json.email }}',
			},
			items: [{ email: 'a@example.com' }, { email: 'C@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.json)).toEqual([
			{ audienceId: id, emails: ['a@example.com'], removed: true },
			{ audienceId: id, emails: ['C@example.com'], removed: true },
		]);
		expect(audiencePuts().map((entry) => entry.batchSize)).toEqual([2]);
		expect(members(id)).toEqual(['b@example.com']);
		expect(sandbox.control.getCustomer('a@example.com')).toBeDefined();
	});

	test('OAuth2: the API-key-needed error, per item with continueOnFail', async () => {
		const auth = sandboxAuth(sandbox, 'oAuth2');
		const result = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'audience',
				operation: 'removeCustomers',
				audience: byId('x'),
				customers: 'a@example.com',
			},
			items: [{}, {}],
			credentials: auth.credentials,
			continueOnFail: true,
		});
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.output!) expect(item.json.error).toMatch(/needs the tinyEmail API credential \(API key\)/);
	});
});

// Removals refused one name at a time (the sandbox's refuseEmailsMatching) are bounded like additions.
describe('Audience > Remove Customers: refusals one name at a time stay bounded', () => {
	const emailsOf = (count: number, refused: (i: number) => boolean) =>
		Array.from({ length: count }, (_, i) => (refused(i) ? `r${i}@refused.example` : `ok${i}@example.com`));

	async function remove(emails: string[]) {
		const id = sandbox.control.seedAudience({ name: 'Leaving', members: emails });
		sandbox.control.setRefuseEmailsMatching('@refused\\.example$');
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'audience',
				operation: 'removeCustomers',
				audience: byId(id),
				customers: '={{ $json.email }}',
				options: { batchSize: 1000, maxRequestsPerMinute: 0 },
			},
			items: emails.map((email) => ({ email })),
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			continueOnFail: true,
		});
		return { id, result };
	}

	test('1,000 customers all refused: at most 30 requests; each item fails with its reason or says it was not sent', async () => {
		const emails = emailsOf(1000, () => true);
		const { id, result } = await remove(emails);
		expect(audiencePuts().length).toBeLessThanOrEqual(30);
		result.output!.forEach((item, i) =>
			expect(item.json.error).toMatch(
				new RegExp(
					`^(tinyEmail rejected the customer "${emails[i]}" in item ${i}: Email address is not accepted: ${emails[i]}|The customer "${emails[i]}" in item ${i} was not sent to tinyEmail: )`.replace(
						/\./g,
						'\\.',
					),
				),
			),
		);
		expect(members(id)).toHaveLength(1000);
	});

	test('10 refused among 1,000: exactly 1 extra request each, the 990 others removed', async () => {
		const bad = new Set([5, 50, 150, 250, 350, 450, 550, 650, 750, 850]);
		const emails = emailsOf(1000, (i) => bad.has(i));
		const { id, result } = await remove(emails);
		result.output!.forEach((item, i) => {
			if (bad.has(i))
				expect(item.json.error).toBe(
					`tinyEmail rejected the customer "${emails[i]}" in item ${i}: Email address is not accepted: ${emails[i]}`,
				);
			else expect(item.json).toEqual({ audienceId: id, emails: [emails[i]], removed: true });
		});
		expect(audiencePuts().map((entry) => entry.status)).toEqual([...Array(10).fill(400), 204]);
		expect(members(id)).toEqual(emails.filter((_, i) => bad.has(i)));
	});
});
