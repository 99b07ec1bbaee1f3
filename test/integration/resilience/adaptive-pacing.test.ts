// A 429 although the run kept to Max Requests per Minute: the run lowers its pace for the rest of the run
// and says so once; without Retry-After it waits until tinyEmail's window plausibly has room again
// instead of probing every second (transport/pacer.ts, adaptiveRate.ts, retry.ts; the pacing itself is
// simulated on a fake clock in test/unit/pacer.test.ts).
import type { INodeParameters } from 'n8n-workflow';

import { mapAutomatically } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { emailsFor, expectPaired, expectWrittenExactlyOnce, startFaultProxy, type FaultProxy } from './helpers';

const sandbox = useSandbox();
let proxy: FaultProxy | undefined;

afterEach(async () => {
	await proxy?.stop();
	proxy = undefined;
});

async function upsert(emails: string[], options: INodeParameters, continueOnFail = false) {
	const { credentials } = sandboxAuth(sandbox, 'apiKey');
	credentials.tinyEmailApi.baseUrl = proxy!.url;
	return await runNode({
		parameters: { authentication: 'apiKey', resource: 'customer', operation: 'upsert', ...mapAutomatically(), options },
		items: emails.map((email) => ({ email })),
		credentials,
		continueOnFail,
	});
}

test('429s: the run lowers its pace and says so once, and everything is written once', async () => {
	let puts = 0;
	proxy = await startFaultProxy(sandbox.url, ({ method }) => {
		if (method !== 'PUT') return undefined;
		puts++;
		return puts === 2 || puts === 3 ? { status: 429, headers: { 'retry-after': '1' } } : undefined;
	});
	const emails = emailsFor('paced', 40);
	// A high maximum keeps the lowered pace fast enough for a test (half of 600 is one request every 0.2 s)
	const result = await upsert(emails, { maxRequestsPerMinute: 600, batchSize: 10 });

	expect(result.error).toBeUndefined();
	expectPaired(result.output, 40);
	expectWrittenExactlyOnce(sandbox, emails);
	expect(puts).toBe(6);
	expect(result.hints).toEqual([
		{
			message:
				"tinyEmail answered 429 (rate limit) while this run kept to Max Requests per Minute (600): other workflows or apps use the same tinyEmail account's 60 requests a minute. The run lowered its pace to 300 a minute and regains it slowly. Lower Max Requests per Minute of workflows that run at the same time to avoid the waits.",
			type: 'info',
			location: 'outputPane',
		},
	]);
});

test("a 429 without Retry-After waits for the minute of the run's oldest request, not 1 s: past Max Retry Wait it says so at once", async () => {
	let puts = 0;
	proxy = await startFaultProxy(sandbox.url, ({ method }) => {
		if (method !== 'PUT') return undefined;
		puts++;
		return puts === 2 ? { status: 429 } : undefined;
	});
	const result = await upsert(emailsFor('window', 20), { batchSize: 10, maxRetryWait: 5 }, true);

	// The first batch went through; the second waits for a minute that does not fit in 5 seconds: not retried
	expect(puts).toBe(2);
	expect(result.output!.slice(0, 10).every((item) => item.json.error === undefined)).toBe(true);
	for (const item of result.output!.slice(10)) {
		expect(item.json.error).toMatch(
			/^tinyEmail's rate limit was reached and frees up in about (?:\d+ seconds|1 minute) \(when this run's oldest request of the last minute leaves its 60-second window; tinyEmail sent no Retry-After\), longer than Max Retry Wait \(5 seconds\)$/,
		);
	}
});
