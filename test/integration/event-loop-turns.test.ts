// The node lets the event loop run while it works through many items: n8n's process (a queue-mode worker
// renewing its job's lock, other executions, the webhook server) gets its turns between the node's slices
// instead of waiting for the whole run. Counted, not timed: a timer that sets itself again (countTurns) runs
// only where the node lets the loop run, so the items read within one synchronous slice all see one count.
import type { IDataObject } from 'n8n-workflow';

import { ITEMS_PER_SLICE } from '../../nodes/TinyEmail/helpers/yieldEvery';
import { mapAutomatically, mapEachField } from '../harness/customerColumns';
import { runNode } from '../harness/runNode';
import { sandboxAuth } from '../harness/sandboxCredentials';
import { countTurns } from '../harness/turnCounter';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const customer = (i: number) => ({ email: `c${i}@example.com`, firstName: `Customer ${i}` });

/** What Create or Update outputs for `count` customers: each as sent, paired to its item. */
const expectedOutput = (count: number) => Array.from({ length: count }, (_, i) => ({ json: customer(i), pairedItem: { item: i } }));

describe('Customer > Create or Update over many items', () => {
	test(`Map Automatically: ${5 * ITEMS_PER_SLICE} items are read in several slices with turns of the event loop between them; output unchanged`, async () => {
		const items = 5 * ITEMS_PER_SLICE;
		const counter = countTurns();
		/** The turn count when the node first read each item's email. */
		const readAt = new Map<number, number>();
		const input: IDataObject[] = Array.from({ length: items }, (_, i) => {
			const { email, firstName } = customer(i);
			const json: IDataObject = { firstName };
			Object.defineProperty(json, 'email', {
				enumerable: true,
				get: () => {
					if (!readAt.has(i)) readAt.set(i, counter.turns);
					return email;
				},
			});
			return json;
		});
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapAutomatically(),
				options: { maxRequestsPerMinute: 0 },
			},
			items: input,
			credentials: auth.credentials,
		});
		counter.stop();

		expect(result.error).toBeUndefined();
		expect(readAt.size).toBe(items);
		// Today's slices end after at most ITEMS_PER_SLICE items: at least 5 slices, 4 turns between them
		expect(new Set(readAt.values()).size).toBeGreaterThanOrEqual(5);
		expect(readAt.get(items - 1)).toBeGreaterThan(readAt.get(0)!);
		expect(JSON.stringify(result.output)).toBe(JSON.stringify(expectedOutput(items)));
		expect(sandbox.control.requestLog().filter((entry) => entry.method === 'PUT')).toHaveLength(Math.ceil(items / 1000));
	});

	test('Map Each Column Manually: the expressions of many items are resolved in several slices; output unchanged', async () => {
		const items = 2 * ITEMS_PER_SLICE;
		const counter = countTurns();
		const resolvedAt: number[] = [];
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: {
				authentication: 'apiKey',
				resource: 'customer',
				operation: 'upsert',
				...mapEachField({ email: '={{ $json.email }}', firstName: '={{ $json.firstName }}' }),
				options: { maxRequestsPerMinute: 0 },
			},
			items: Array.from({ length: items }, (_, i) => customer(i)),
			credentials: auth.credentials,
			inspectContext: (context) => {
				const getNodeParameter = context.getNodeParameter.bind(context) as (...args: unknown[]) => unknown;
				(context as unknown as { getNodeParameter: typeof getNodeParameter }).getNodeParameter = (...args: unknown[]) => {
					if (args[0] === 'columns.value.email') resolvedAt.push(counter.turns);
					return getNodeParameter(...args);
				};
			},
		});
		counter.stop();

		expect(result.error).toBeUndefined();
		expect(resolvedAt).toHaveLength(items);
		expect(new Set(resolvedAt).size).toBeGreaterThanOrEqual(2);
		expect(resolvedAt[items - 1]).toBeGreaterThan(resolvedAt[0]);
		expect(JSON.stringify(result.output)).toBe(JSON.stringify(expectedOutput(items)));
	});
});
