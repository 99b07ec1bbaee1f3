// A 400 that refuses a batch, read for what it says: one customer named (split out directly), none named
// (bisection, but a reason both halves share ends it), or the server's batch limit (re-sent in pieces).
// The targets of issue 10: one refused customer in a batch of 1,000 costs at most 3 extra requests when
// named and 20 when not; 1,000 customers all refused for one reason end in at most 3 requests a batch.
import type { INodeParameters } from 'n8n-workflow';

import { mapEachField } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { SYSTEMIC_REFUSAL } from '../../../sandbox/faults';
import { emailsFor, expectPaired, expectWrittenExactlyOnce } from './helpers';

const sandbox = useSandbox({ rateLimitPerMinute: false });

const customerPuts = () => sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');
/** Refused by the sandbox (an address over 254 characters), though it passes the node's simple email check. */
const refusedEmail = (label: string | number) => `${'x'.repeat(250)}${label}@example.com`;

async function upsert(emails: string[], options: INodeParameters = {}, continueOnFail = true) {
	return await runNode({
		parameters: {
			authentication: 'apiKey',
			resource: 'customer',
			operation: 'upsert',
			...mapEachField({ email: '={{ $json.email }}', source: 'n8n' }),
			options: { maxRequestsPerMinute: 0, batchSize: 1000, ...options },
		},
		items: emails.map((email) => ({ email })),
		credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		continueOnFail,
	});
}

describe('every customer refused for one reason (a systemic 400)', () => {
	beforeEach(() => sandbox.control.addFault({ kind: 400, percentage: 100, method: 'PUT', pathPrefix: '/v1/account/customer' }));

	test('1,000 customers in one batch: 3 requests (the batch and its two halves), each item fails with the message', async () => {
		const emails = emailsFor('sys', 1000);
		const result = await upsert(emails);
		expectPaired(result.output, 1000);
		const expected = `tinyEmail refused all 1000 customers of the batch from item 0 to item 999, for one reason naming none of them: ${SYSTEMIC_REFUSAL}`;
		for (const item of result.output!) expect(item.json).toEqual({ error: expected });
		expect(customerPuts().map((entry) => entry.batchSize)).toEqual([1000, 500, 500]);
		expect(sandbox.control.listCustomers()).toEqual([]);
	});

	test('1,000 customers in batches of 100: the first batch costs 3 requests, each later batch 1 (the same message)', async () => {
		const result = await upsert(emailsFor('sys', 1000), { batchSize: 100 });
		expectPaired(result.output, 1000);
		expect(result.output![950].json.error).toContain('of the batch from item 900 to item 999');
		expect(customerPuts()).toHaveLength(3 + 9);
	});

	test('without Continue On Fail the run stops at item 0 after 3 requests, and the message says what to check', async () => {
		const result = await upsert(emailsFor('sys', 300), { batchSize: 100 }, false);
		expect(result.error?.message).toContain(SYSTEMIC_REFUSAL);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.error?.description).toMatch(/not one customer's values/);
		expect(customerPuts()).toHaveLength(3);
	});
});

describe('one refused customer in a batch of 1,000', () => {
	test('named in the message: split out directly, 1 extra request, the 999 others written once', async () => {
		const emails = emailsFor('named', 1000);
		emails[613] = refusedEmail('named');
		const result = await upsert(emails);
		expectPaired(result.output, 1000);
		expect(result.output![613].json.error).toMatch(/^tinyEmail rejected the customer "x{77}\.\.\." in item 613: /);
		expect(result.output!.filter((item) => item.json.error !== undefined)).toHaveLength(1);
		expect(customerPuts().map((entry) => [entry.batchSize, entry.status])).toEqual([
			[1000, 400],
			[999, 200],
		]);
		expectWrittenExactlyOnce(
			sandbox,
			emails.filter((_, i) => i !== 613),
		);
	});

	test('not named: bisected, at most 20 extra requests, the 999 others written once', async () => {
		sandbox.control.setNamesRefusedCustomer(false);
		const emails = emailsFor('unnamed', 1000);
		emails[613] = refusedEmail('unnamed');
		const result = await upsert(emails);
		expectPaired(result.output, 1000);
		expect(result.output![613].json.error).toMatch(
			/^tinyEmail rejected the customer "x{77}\.\.\." in item 613: updateMembers\[0\]: field "email"/,
		);
		expect(customerPuts().length - 1).toBeLessThanOrEqual(20);
		expectWrittenExactlyOnce(
			sandbox,
			emails.filter((_, i) => i !== 613),
		);
	});

	test('several refused customers, named: each costs one request, each gets its own error', async () => {
		const emails = emailsFor('several', 1000);
		const bad = [0, 500, 999];
		for (const index of bad) emails[index] = refusedEmail(index);
		const result = await upsert(emails);
		result.output!.forEach((item, i) => expect(item.json.error !== undefined).toBe(bad.includes(i)));
		expect(customerPuts()).toHaveLength(1 + bad.length);
		expectWrittenExactlyOnce(
			sandbox,
			emails.filter((_, i) => !bad.includes(i)),
		);
	});
});

test('a batch over the server limit ("At most 30 members per request") is sent in pieces of 30, and so is every later batch', async () => {
	sandbox.control.setBatchLimit(30);
	const emails = emailsFor('limit', 200);
	const result = await upsert(emails, { batchSize: 100 });
	expect(result.error).toBeUndefined();
	expectPaired(result.output, 200);
	expectWrittenExactlyOnce(sandbox, emails);
	// batch 1: refused, then 30+30+30+10; batch 2: 30+30+30+10 straight away
	expect(customerPuts().map((entry) => entry.batchSize)).toEqual([100, 30, 30, 30, 10, 30, 30, 30, 10]);
});
