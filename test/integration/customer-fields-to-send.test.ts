// Fields to Send (the `columns` resourceMapper) of Create, Create or Update and Update: Map Automatically
// takes each customer field from the input item's key of the same name, Map Each Column Manually from
// the mapped values; both validate the same way. The sandbox refuses unknown fields with a 400, so a key
// the node forgot to leave out would fail these tests.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { mapAutomatically, mapEachField } from '../harness/customerColumns';
import { runNode, type RunNodeOptions } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

type Operation = 'create' | 'upsert' | 'update';

const MANUAL = mapEachField({
	email: '={{ $json.email }}',
	firstName: '={{ $json.firstName }}',
	status: '={{ $json.status }}',
	tags: '={{ $json.tags }}',
	lastPurchasePrice: '={{ $json.lastPurchasePrice }}',
});

async function write(operation: Operation, columns: INodeParameters, items: IDataObject[], extra: Partial<RunNodeOptions> = {}) {
	return await runNode({
		parameters: { authentication: 'apiKey', resource: 'customer', operation, ...columns, ...(extra.parameters ?? {}) },
		items,
		credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		continueOnFail: extra.continueOnFail,
		inspectContext: extra.inspectContext,
	});
}

const customers = [
	{ email: 'ann@example.com', firstName: 'Ann', status: 'subscribed', tags: ['vip', 'news'], lastPurchasePrice: 35.5 },
	{ email: 'bob@example.com', firstName: 'Bob', status: 'Unsubscribed', tags: 'news', lastPurchasePrice: '12' },
];

describe.each(['create', 'upsert', 'update'] as Operation[])('Customer > %s, Fields to Send', (operation) => {
	beforeEach(() => {
		if (operation === 'update') sandbox.control.seedCustomers(customers.map(({ email }) => ({ email, lastName: 'Kept' })));
	});

	test.each([
		['Map Automatically', mapAutomatically()],
		['Map Each Column Manually', MANUAL],
	])("%s writes each item's fields, normalised, in one batch", async (_mode, columns) => {
		const result = await write(operation, columns, customers);

		expect(result.error).toBeUndefined();
		const ann = { email: 'ann@example.com', firstName: 'Ann', status: 'Subscribed', tags: ['vip', 'news'], lastPurchasePrice: '35.5' };
		const bob = { email: 'bob@example.com', firstName: 'Bob', status: 'Unsubscribed', tags: ['news'], lastPurchasePrice: '12' };
		expect(result.output!.map((item) => item.json)).toEqual(
			operation === 'update' ? [{ ...ann, lastName: 'Kept' }, expect.objectContaining({ ...bob, lastName: 'Kept' })] : [ann, bob],
		);
		expect(sandbox.control.getCustomer('ann@example.com')).toMatchObject(ann);
		expect(sandbox.control.getCustomer('bob@example.com')).toMatchObject(bob);
		const puts = sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');
		expect(puts.map((entry) => `${entry.status} ${entry.batchSize}`)).toEqual(['200 2']);
	});

	test('Map Automatically leaves out input keys that are not customer fields', async () => {
		const items = customers.map((customer, i) => ({ ...customer, id: i, first_name: 'ignored', createdAt: '2024-01-01' }));
		const result = await write(operation, mapAutomatically(), items);

		expect(result.error).toBeUndefined();
		expect(result.output![0].json).not.toHaveProperty('id');
		expect(result.output![0].json).not.toHaveProperty('first_name');
		expect(sandbox.control.getCustomer('ann@example.com')?.firstName).toBe('Ann');
		expect(result.hints).toEqual([]);
	});
});

describe('Map Automatically', () => {
	test('Unknown Input Fields "Warn" names the keys once, with how many items had them and a likely meant field', async () => {
		const items = [
			{ email: 'a@example.com', first_name: 'A', id: 1 },
			{ email: 'b@example.com', first_name: 'B' },
		];
		const result = await write('upsert', mapAutomatically(), items, { parameters: { options: { unknownFields: 'warn' } } });

		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.json)).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
		expect(result.hints).toEqual([
			{
				message:
					'Map Automatically left out input fields that are not tinyEmail customer fields: "first_name" (did you mean "firstName"?) (2 items), "id" (1 item). Rename them before this node (e.g. with an Edit Fields node) to send them.',
				type: 'warning',
				location: 'outputPane',
			},
		]);
	});

	test('Unknown Input Fields "Fail the Item" fails exactly the items that have them, naming the keys', async () => {
		const items = [{ email: 'a@example.com' }, { email: 'b@example.com', FirstName: 'B' }, { email: 'c@example.com' }];
		const result = await write('upsert', mapAutomatically(), items, {
			parameters: { options: { unknownFields: 'error' } },
			continueOnFail: true,
		});

		expect(result.output!.map((item) => item.json)).toEqual([
			{ email: 'a@example.com' },
			{ error: 'Item 1 has input fields that are not tinyEmail customer fields: "FirstName" (did you mean "firstName"?)' },
			{ email: 'c@example.com' },
		]);
		expect(sandbox.control.getCustomer('b@example.com')).toBeUndefined();
		expect(
			sandbox.control
				.listCustomers()
				.map((customer) => customer.email)
				.sort(),
		).toEqual(['a@example.com', 'c@example.com']);
	});

	test('an item without an email key stops the run before any request, saying how the mapping works', async () => {
		const result = await write('upsert', mapAutomatically(), [{ email: 'a@example.com' }, { Email: 'b@example.com' }]);

		expect(result.error?.message).toBe('Item 1 has no "email" field');
		expect(result.error?.description).toMatch(/input field of the same name.*Edit Fields.*Map Each Column Manually/);
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});

	test('validates like the manual mapping: the first bad value stops the run, naming item and field', async () => {
		const items = [
			{ email: 'a@example.com', birthday: '1990-01-01' },
			{ email: 'b@example.com', birthday: '1990-02-31' },
		];
		const result = await write('upsert', mapAutomatically(), items);

		expect(result.error?.message).toBe('The Birthday "1990-02-31" in item 1 is not a valid date');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(sandbox.control.requestLog()).toHaveLength(0);
	});

	test('reads no parameter per item: Fields to Send, Tags Mode and Options are read once per run', async () => {
		const parameterReads = async (itemCount: number) => {
			let getNodeParameter: jest.SpyInstance | undefined;
			const items = Array.from({ length: itemCount }, (_, i) => ({ email: `p${i}@example.com`, tags: 'x' }));
			const result = await write('upsert', mapAutomatically(), items, {
				parameters: { tagsMode: 'replace', options: { batchSize: 10 } },
				inspectContext: (context) => {
					getNodeParameter = jest.spyOn(context, 'getNodeParameter');
				},
			});
			expect(result.output).toHaveLength(itemCount);
			return getNodeParameter!.mock.calls.map((call: unknown[]) => String(call[0])).sort();
		};

		const reads = await parameterReads(2);
		expect(reads).toContain('columns.mappingMode');
		expect(reads).not.toContain('columns');
		// Forty items (four batches) read exactly what two items (one batch) read
		expect(await parameterReads(40)).toEqual(reads);
	});

	test('Tags Mode given as an expression is still read per item', async () => {
		sandbox.control.seedCustomers([
			{ email: 'add@example.com', tags: ['old'] },
			{ email: 'replace@example.com', tags: ['old'] },
		]);
		const items = [
			{ email: 'add@example.com', tags: 'new', mode: 'add' },
			{ email: 'replace@example.com', tags: 'new', mode: 'replace' },
		];
		const result = await write('upsert', mapAutomatically(), items, { parameters: { tagsMode: '={{ $json.mode }}' } });

		expect(result.error).toBeUndefined();
		expect(sandbox.control.getCustomer('add@example.com')?.tags).toEqual(['old', 'new']);
		expect(sandbox.control.getCustomer('replace@example.com')?.tags).toEqual(['new']);
	});
});
