// A 400 that rejects a whole batch because of one item: the node bisects the batch so the valid items
// are written exactly once and each rejected item gets its own error, naming its index and email.
// The invalid customer: an address longer than 254 characters passes the node's deliberately simple
// email check ("tinyEmail has the final word") and is refused by the sandbox, as by a real server.
import type { INodeParameters } from 'n8n-workflow';

import { mapEachField } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { startSandbox } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox/types';
import { emailsFor, expectPaired, expectWrittenExactlyOnce } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerMinute: false });
});

afterAll(async () => {
	await sandbox.stop();
});

beforeEach(() => sandbox.control.reset());

const TOO_LONG = `${'x'.repeat(250)}@example.com`;
const customerPuts = () => sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');

async function upsert(emails: string[], continueOnFail: boolean, options: INodeParameters = {}) {
	const auth = sandboxAuth(sandbox, 'apiKey');
	return await runNode({
		parameters: {
			authentication: 'apiKey',
			resource: 'customer',
			operation: 'upsert',
			...mapEachField({ email: '={{ $json.email }}', firstName: '={{ $json.name }}' }),
			// The sandbox's rate limit is off here, so no pacing either
			options: { maxRequestsPerMinute: 0, ...options },
		},
		items: emails.map((email, i) => ({ email, name: `N${i}` })),
		credentials: auth.credentials,
		continueOnFail,
	});
}

describe('Partial failure: one invalid customer in a batch', () => {
	test('one invalid customer in a batch of 100: 99 written once, one error item, at most 2·log2(100) extra requests', async () => {
		const emails = emailsFor('batch', 100);
		emails[37] = TOO_LONG;
		const result = await upsert(emails, true);

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 100);
		result.output!.forEach((item, i) => {
			if (i === 37) expect(item.json.error).toMatch(/^tinyEmail rejected the customer "x{77}\.\.\." in item 37: .*not a valid email/);
			else expect(item.json).toEqual({ email: emails[i], firstName: `N${i}` });
		});
		const good = emails.filter((_, i) => i !== 37);
		expectWrittenExactlyOnce(sandbox, good);
		expect(sandbox.control.getCustomer(TOO_LONG)).toBeUndefined();
		// 1 rejected batch + at most 2 requests per level of the bisection tree (⌈log2 100⌉ = 7)
		expect(customerPuts().length).toBeLessThanOrEqual(1 + 2 * 7);
	});

	test('several invalid customers over several batches: each gets its own error, everything else is written once', async () => {
		const emails = emailsFor('multi', 250);
		const bad = [0, 99, 100, 180, 181, 249];
		for (const index of bad) emails[index] = `${'y'.repeat(250)}${index}@example.com`;
		const result = await upsert(emails, true);

		expectPaired(result.output, 250);
		result.output!.forEach((item, i) => {
			if (bad.includes(i)) expect(item.json.error).toMatch(new RegExp(`in item ${i}: `));
			else expect(item.json.error).toBeUndefined();
		});
		expectWrittenExactlyOnce(
			sandbox,
			emails.filter((_, i) => !bad.includes(i)),
		);
		// 3 batches; k bad items in a batch of n cost at most 2·k·⌈log2 n⌉ extra requests
		expect(customerPuts().length).toBeLessThanOrEqual(3 + 2 * bad.length * 7);
	});

	test('without Continue On Fail the run stops with a message naming the item index and the email', async () => {
		const emails = emailsFor('stop', 10);
		emails[6] = TOO_LONG;
		const result = await upsert(emails, false);

		expect(result.output).toBeUndefined();
		expect(result.error?.message).toMatch(/^tinyEmail rejected the customer "x+\.\.\." in item 6: /);
		expect(result.error?.context?.itemIndex).toBe(6);
		// The batch was carried through (the others written once), then the run stopped at item 6
		expectWrittenExactlyOnce(
			sandbox,
			emails.filter((_, i) => i !== 6),
		);
	});

	test('a server batch limit below Batch Size is absorbed by the same bisection: all written once', async () => {
		sandbox.control.setBatchLimit(30);
		const emails = emailsFor('limit', 200);
		const result = await upsert(emails, false);
		sandbox.control.setBatchLimit(1000);

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 200);
		expectWrittenExactlyOnce(sandbox, emails);
	});
});
