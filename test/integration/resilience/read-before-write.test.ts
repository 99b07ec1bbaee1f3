// Create, Update and Tags Mode "Add to Existing" read a batch's customers right before writing that
// batch, and Create checks tinyEmail's counts: a customer created elsewhere between the read and the
// write (the sandbox's concurrentWrite fault) is never reported as created.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { mapEachField } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { startFaultProxy, type FaultProxy } from './helpers';

const sandbox = useSandbox({ rateLimitPerMinute: false });
let proxy: FaultProxy | undefined;

afterEach(async () => {
	await proxy?.stop();
	proxy = undefined;
});

const apiCalls = () =>
	sandbox.control
		.requestLog()
		.filter((entry) => entry.path.startsWith('/v1/'))
		.map((entry) => (entry.method === 'PUT' ? `PUT ${entry.batchSize}` : `GET ${decodeURIComponent(entry.path.split('/').pop() ?? '')}`));

async function run(
	operation: 'create' | 'update' | 'upsert',
	items: IDataObject[],
	extra: { options?: INodeParameters; tagsMode?: string; baseUrl?: string } = {},
) {
	const { credentials } = sandboxAuth(sandbox, 'apiKey');
	if (extra.baseUrl) credentials.tinyEmailApi.baseUrl = extra.baseUrl;
	return await runNode({
		parameters: {
			authentication: 'apiKey',
			resource: 'customer',
			operation,
			...mapEachField({
				email: '={{ $json.email }}',
				firstName: '={{ $json.firstName }}',
				tags: '={{ $json.tags }}',
				status: 'Subscribed',
			}),
			...(extra.tagsMode ? { tagsMode: extra.tagsMode } : {}),
			options: { maxRequestsPerMinute: 0, ...extra.options },
		},
		items,
		credentials,
		continueOnFail: true,
	});
}

describe('reads happen batch by batch, right before each write', () => {
	test('Create: each batch is checked, then written, before the next batch is checked', async () => {
		const items = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ email: `${name}@example.com`, firstName: name }));
		const result = await run('create', items, { options: { batchSize: 2 } });
		expect(result.output!.every((item) => item.json.error === undefined)).toBe(true);
		expect(apiCalls()).toEqual([
			'GET a@example.com',
			'GET b@example.com',
			'PUT 2',
			'GET c@example.com',
			'GET d@example.com',
			'PUT 2',
			'GET e@example.com',
			'PUT 1',
		]);
	});

	test('Update: the same, and a customer this run wrote is not read again', async () => {
		sandbox.control.seedCustomers([{ email: 'u@example.com' }, { email: 'v@example.com' }]);
		const items = [
			{ email: 'u@example.com', firstName: 'U1' },
			{ email: 'v@example.com', firstName: 'V' },
			{ email: 'U@example.com', firstName: 'U2' },
		];
		const result = await run('update', items, { options: { batchSize: 2 } });
		expect(result.output!.map((item) => item.json.firstName)).toEqual(['U1', 'V', 'U2']);
		expect(apiCalls()).toEqual(['GET u@example.com', 'GET v@example.com', 'PUT 2', 'PUT 1']);
	});
});

describe('Create: a customer created elsewhere between the check and the write', () => {
	const someoneElseCreates = (email: string) =>
		sandbox.control.addFault({
			kind: 'concurrentWrite',
			method: 'PUT',
			customers: [{ email, status: 'Unsubscribed', lastName: 'Theirs' }],
		});

	test('when tinyEmail says every customer of the batch was updated, each one is an error item naming its email', async () => {
		someoneElseCreates('race@example.com');
		const result = await run('create', [{ email: 'race@example.com', firstName: 'Mine' }]);
		expect(result.output![0].json.error).toBe(
			'A customer with email "race@example.com" appeared in tinyEmail between this node\'s check and its write, so the write updated it instead of creating it (item 0)',
		);
		expect(sandbox.control.getCustomer('race@example.com')).toMatchObject({ firstName: 'Mine', lastName: 'Theirs', status: 'Subscribed' });
	});

	test('when only some were updated, the items succeed and an execution hint names the batch and its emails', async () => {
		someoneElseCreates('b@example.com');
		const items = ['a', 'b', 'c'].map((name) => ({ email: `${name}@example.com`, firstName: name }));
		const result = await run('create', items);
		expect(result.output!.map((item) => item.json.error)).toEqual([undefined, undefined, undefined]);
		expect(result.hints).toEqual([
			{
				type: 'warning',
				location: 'outputPane',
				message:
					'1 of the 3 customers written together (items 0 to 2) already existed in tinyEmail when they were written (created elsewhere after this node checked), so tinyEmail updated them instead of creating them. tinyEmail does not say which; the customers of that batch: a@example.com, b@example.com, c@example.com.',
			},
		]);
	});

	test('a write repeated after its answer was lost (its first attempt applied) is not taken for a concurrent create', async () => {
		sandbox.control.addFault({ kind: 'applyThenDrop', count: 1, method: 'PUT' });
		const result = await run('create', [{ email: 'lost@example.com' }, { email: 'found@example.com' }]);
		expect(result.output!.map((item) => item.json.error)).toEqual([undefined, undefined]);
		expect(result.hints).toEqual([]);
		expect(apiCalls()).toEqual(['GET lost@example.com', 'GET found@example.com', 'PUT 2', 'PUT 2']);
	});

	test('without a race: no error, no hint', async () => {
		const result = await run('create', [{ email: 'calm@example.com' }]);
		expect(result.output![0].json.error).toBeUndefined();
		expect(result.hints).toEqual([]);
	});
});

test('Update: tinyEmail saying it created customers (deleted meanwhile) is reported too', async () => {
	sandbox.control.seedCustomers([{ email: 'gone@example.com' }, { email: 'kept@example.com' }]);
	// A proxy answers the write as a tinyEmail would if one of the two had been deleted after the reads
	proxy = await startFaultProxy(sandbox.url, (request) =>
		request.method === 'PUT' ? { status: 200, body: { numberOfCreatedMembers: 1, numberOfUpdatedMembers: 1 } } : undefined,
	);
	const result = await run(
		'update',
		[
			{ email: 'gone@example.com', firstName: 'G' },
			{ email: 'kept@example.com', firstName: 'K' },
		],
		{ baseUrl: proxy.url },
	);
	expect(result.output!.map((item) => item.json.error)).toEqual([undefined, undefined]);
	expect(result.hints.map((hint) => hint.message)).toEqual([
		expect.stringMatching(/^1 of the 2 customers written together \(items 0 to 1\) no longer existed in tinyEmail/),
	]);
});

describe('Tags Mode "Add to Existing"', () => {
	test('tags are remembered for later items only once their write succeeded', async () => {
		sandbox.control.seedCustomers([{ email: 't@example.com', tags: ['stored'] }]);
		// The first write fails for good (no retries); the later item must not build on its tags
		sandbox.control.addFault({ kind: 503, count: 1, method: 'PUT' });
		const result = await run(
			'upsert',
			[
				{ email: 't@example.com', tags: 'first' },
				{ email: 't@example.com', tags: 'second' },
			],
			{ tagsMode: 'add', options: { maxRetryWait: 0 } },
		);
		expect(result.output![0].json.error).toMatch(/HTTP 503/);
		expect(result.output![1].json.tags).toEqual(['stored', 'second']);
		expect(sandbox.control.getCustomer('t@example.com')?.tags).toEqual(['stored', 'second']);
		expect(apiCalls()).toEqual(['GET t@example.com', 'PUT 1', 'GET t@example.com', 'PUT 1']);
	});

	test('a tag added elsewhere before the batch is read is kept', async () => {
		sandbox.control.seedCustomers([
			{ email: 'one@example.com', tags: ['a'] },
			{ email: 'two@example.com', tags: ['a'] },
		]);
		// Between batch 1 and batch 2 someone tags two@ (a concurrent write on batch 1's PUT)
		sandbox.control.addFault({ kind: 'concurrentWrite', method: 'PUT', customers: [{ email: 'two@example.com', tags: ['a', 'theirs'] }] });
		const result = await run(
			'upsert',
			[
				{ email: 'one@example.com', tags: 'mine' },
				{ email: 'two@example.com', tags: 'mine' },
			],
			{
				tagsMode: 'add',
				options: { batchSize: 1 },
			},
		);
		expect(result.output!.map((item) => item.json.error)).toEqual([undefined, undefined]);
		expect(sandbox.control.getCustomer('two@example.com')?.tags).toEqual(['a', 'theirs', 'mine']);
	});
});
