// The request counts of the "Bounds" rows for refused customers, measured through n8n-core against the
// sandbox and printed (one line per case): tinyEmail naming one refused member per 400 (its observed
// behaviour, the sandbox's refuseEmailsMatching), or naming none. Run: npx jest test/integration/resilience/refusal-bounds.test.ts
import type { INodeParameters } from 'n8n-workflow';

import { mapAutomatically } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';

const sandbox = useSandbox({ rateLimitPerMinute: false });

type Operation = 'upsert' | 'addCustomers' | 'removeCustomers';
/** Ten refused positions, not periodic: with the index-only message a refused member at the same position of both halves would look like a shared reason. */
const TEN = new Set([3, 111, 250, 251, 400, 512, 640, 777, 901, 999]);
const emailsOf = (count: number, refused: (i: number) => boolean) =>
	Array.from({ length: count }, (_, i) => (refused(i) ? `r${i}@refused.example` : `ok${i}@example.com`));

async function measure(operation: Operation, emails: string[], namesRefused: boolean) {
	const audienceId =
		operation === 'upsert' ? '' : sandbox.control.seedAudience({ name: 'A', members: operation === 'removeCustomers' ? emails : [] });
	sandbox.control.setRefuseEmailsMatching('@refused\\.example$');
	sandbox.control.setNamesRefusedCustomer(namesRefused);
	const parameters: INodeParameters =
		operation === 'upsert'
			? { resource: 'customer', operation, ...mapAutomatically() }
			: { resource: 'audience', operation, audience: { __rl: true, mode: 'id', value: audienceId }, customers: '={{ $json.email }}' };
	const result = await runNode({
		parameters: { authentication: 'apiKey', ...parameters, options: { maxRequestsPerMinute: 0, batchSize: 1000 } },
		items: emails.map((email) => ({ email })),
		credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		continueOnFail: true,
	});
	const errors = result.output!.map((item) => item.json.error as string | undefined);
	const figures = {
		requests: sandbox.control.requestLog().filter((entry) => entry.method === 'PUT').length,
		done: errors.filter((error) => error === undefined).length,
		withReason: errors.filter((error) => error?.startsWith('tinyEmail re')).length,
		notSent: errors.filter((error) => error?.includes('was not sent to tinyEmail')).length,
	};
	const refused = emails.filter((email) => email.endsWith('@refused.example')).length;
	process.stdout.write(
		`Refusals, ${operation}, ${refused} of ${emails.length} refused, ${namesRefused ? 'one named per 400' : 'none named'}: ${figures.requests} requests; ${figures.done} done, ${figures.withReason} failed with tinyEmail's reason, ${figures.notSent} not sent\n`,
	);
	expect(figures.done + figures.withReason + figures.notSent).toBe(emails.length);
	return figures;
}

describe.each(['upsert', 'addCustomers', 'removeCustomers'] as Operation[])('%s', (operation) => {
	test('1,000 all refused, one named per 400: at most 30 requests', async () => {
		expect(
			(
				await measure(
					operation,
					emailsOf(1000, () => true),
					true,
				)
			).requests,
		).toBeLessThanOrEqual(30);
	});

	test('10 refused among 1,000, one named per 400: 11 requests, 990 done', async () => {
		expect(
			await measure(
				operation,
				emailsOf(1000, (i) => TEN.has(i)),
				true,
			),
		).toMatchObject({ requests: 11, done: 990, withReason: 10 });
	});

	test('50 refused among 1,000, one named per 400: 950 done, each refused with its reason', async () => {
		expect(
			await measure(
				operation,
				emailsOf(1000, (i) => i % 20 === 7),
				true,
			),
		).toMatchObject({ done: 950, withReason: 50 });
	});

	test('1,000 all refused, none named: at most 30 requests', async () => {
		expect(
			(
				await measure(
					operation,
					emailsOf(1000, () => true),
					false,
				)
			).requests,
		).toBeLessThanOrEqual(30);
	});

	test('10 refused among 1,000, none named: 990 done', async () => {
		expect(
			await measure(
				operation,
				emailsOf(1000, (i) => TEN.has(i)),
				false,
			),
		).toMatchObject({ done: 990, withReason: 10 });
	});
});
