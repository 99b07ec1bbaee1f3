// Customer > Create or Update with "Add to Audiences" (and "Create Audience If Missing").
import { runNode } from '../../harness/runNode';
import { mapEachField } from '../../harness/customerColumns';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import type { IDataObject } from 'n8n-workflow';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox();

const log = () =>
	sandbox.control.requestLog().map((entry) => `${entry.method} ${entry.path.replace(/\/audiences\/[^/?]+/, '/audiences/:id')}`);
const audience = (name: string) => sandbox.control.listAudiences().filter((entry) => entry.name === name);
const pick = (mode: 'list' | 'id' | 'name', value: string) => ({ audience: { __rl: true, mode, value } });

function upsert(parameters: IDataObject, items: IDataObject[], continueOnFail = false) {
	const auth = sandboxAuth(sandbox, (parameters.authentication as 'apiKey' | 'oAuth2') ?? 'apiKey');
	return runNode({
		parameters: {
			authentication: 'apiKey',
			resource: 'customer',
			operation: 'upsert',
			...mapEachField({ email: '={{ $json.email }}', firstName: '={{ $json.name }}', status: 'Subscribed' }),
			...parameters,
		},
		items,
		credentials: auth.credentials,
		continueOnFail,
	});
}

test('adds the saved customers to audiences picked from the list and by name, in one batched PUT per audience', async () => {
	const vip = sandbox.control.seedAudience({ name: 'VIP' });
	const news = sandbox.control.seedAudience({ name: 'Newsletter' });
	const items = Array.from({ length: 5 }, (_, i) => ({ email: `c${i}@example.com`, name: `C${i}` }));
	const result = await upsert({ addToAudiences: { audience: [pick('list', vip), pick('name', ' newsletter ')] } }, items);

	expect(result.error).toBeUndefined();
	result.output!.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json).toEqual({ email: `c${i}@example.com`, firstName: `C${i}`, status: 'Subscribed', audienceIds: [vip, news] });
	});
	expect(log()).toEqual(['GET /v1/contacts', 'PUT /v1/account/customer', 'PUT /v1/audiences/:id', 'PUT /v1/audiences/:id']);
	expect(audience('VIP')[0].members).toHaveLength(5);
	expect(audience('Newsletter')[0].members).toHaveLength(5);
	// Status stays what the upsert wrote (members do not carry it)
	expect(sandbox.control.getCustomer('c0@example.com')?.status).toBe('Subscribed');
});

test('Create Audience If Missing creates a named audience once per run, not once per item', async () => {
	const items = Array.from({ length: 4 }, (_, i) => ({ email: `n${i}@example.com`, name: `N${i}` }));
	const result = await upsert(
		{
			addToAudiences: { audience: [pick('name', '={{ "Spring " + "leads" }}')] },
			createAudienceIfMissing: true,
			options: { batchSize: 2 },
		},
		items,
	);

	expect(result.error).toBeUndefined();
	const created = audience('Spring leads');
	expect(created).toHaveLength(1);
	expect(created[0].members).toEqual(['n0@example.com', 'n1@example.com', 'n2@example.com', 'n3@example.com']);
	expect(log().filter((line) => line === 'POST /v1/audiences')).toHaveLength(1);
	expect(result.output!.every((item) => item.json.audienceIds?.toString() === created[0].id)).toBe(true);
});

test('without Create Audience If Missing, an unknown name fails the item before the customer is written', async () => {
	const result = await upsert({ addToAudiences: { audience: [pick('name', 'Nope')] } }, [{ email: 'x@example.com', name: 'X' }]);

	expect(result.error?.message).toBe('No tinyEmail audience is named "Nope" (item 0)');
	expect(result.error?.description).toMatch(/Create Audience If Missing/);
	expect(sandbox.control.getCustomer('x@example.com')).toBeUndefined();
	expect(log()).toEqual(['GET /v1/contacts']);
});

test('continueOnFail: a failed assignment fails only the affected items, saying the customer was saved', async () => {
	const real = sandbox.control.seedAudience({ name: 'Real' });
	const result = await upsert(
		{ addToAudiences: { audience: [{ audience: { __rl: true, mode: 'id', value: '={{ $json.audience }}' } }] } },
		[
			{ email: 'a@example.com', name: 'A', audience: real },
			{ email: 'b@example.com', name: 'B', audience: 'gone-audience' },
			{ email: 'c@example.com', name: 'C', audience: '' },
		],
		true,
	);

	expect(result.error).toBeUndefined();
	expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.output![0].json.audienceIds).toEqual([real]);
	expect(result.output![1].json.error).toMatch(
		/^The customer b@example.com was saved, but adding it to the audience gone-audience failed: .*not found.* \(item 1\)$/i,
	);
	// No audience given for item 2: a plain upsert
	expect(result.output![2].json).toEqual({ email: 'c@example.com', firstName: 'C', status: 'Subscribed' });
	expect(sandbox.control.getCustomer('b@example.com')?.firstName).toBe('B');
	expect(audience('Real')[0].members).toEqual(['a@example.com']);
});

test('OAuth2: Add to Audiences is not offered; n8n drops a value saved anyway, and the upsert runs alone', async () => {
	const vip = sandbox.control.seedAudience({ name: 'VIP' });
	sandbox.control.clearRequestLog();
	const result = await upsert({ authentication: 'oAuth2', addToAudiences: { audience: [pick('id', vip)] } }, [
		{ email: 'o@example.com', name: 'O' },
	]);

	expect(result.error).toBeUndefined();
	expect(sandbox.control.getCustomer('o@example.com')?.firstName).toBe('O');
	expect(
		sandbox.control.requestLog().every((entry) => !entry.path.startsWith('/v1/audiences') && !entry.path.startsWith('/v1/contacts')),
	).toBe(true);
	expect(audience('VIP')[0].members).toEqual([]);
});

test('OAuth2 without audiences: the upsert works as before', async () => {
	const result = await upsert({ authentication: 'oAuth2' }, [{ email: 'plain@example.com', name: 'P' }]);
	expect(result.error).toBeUndefined();
	expect(result.output![0].json).toEqual({ email: 'plain@example.com', firstName: 'P', status: 'Subscribed' });
});
