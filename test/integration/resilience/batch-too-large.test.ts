// A batch tinyEmail refuses as too large: the node sends smaller batches for the rest of the run (the size
// the answer states, else half, again if needed), writes everything once, and says so once, in a hint.
import type { INodeParameters } from 'n8n-workflow';

import { mapAutomatically } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import { emailsFor, expectPaired, expectWrittenExactlyOnce, startFaultProxy } from './helpers';

const sandbox = useSandbox();

const puts = () => sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');

async function upsert(emails: string[], options: INodeParameters = {}, baseUrl?: string) {
	const { credentials } = sandboxAuth(sandbox, 'apiKey');
	if (baseUrl) credentials.tinyEmailApi.baseUrl = baseUrl;
	return await runNode({
		parameters: {
			authentication: 'apiKey',
			resource: 'customer',
			operation: 'upsert',
			...mapAutomatically(),
			options: { maxRequestsPerMinute: 0, ...options },
		},
		items: emails.map((email) => ({ email })),
		credentials,
	});
}

afterEach(() => sandbox.control.setBatchLimit(1000));

test('at the default Batch Size (1,000), a server limit of 300: one refused request, then batches of 300 to the end, one hint', async () => {
	sandbox.control.setBatchLimit(300);
	const emails = emailsFor('limit', 2000);
	const result = await upsert(emails);

	expect(result.error).toBeUndefined();
	expectPaired(result.output, 2000);
	expectWrittenExactlyOnce(sandbox, emails);
	expect(puts().map((entry) => `${entry.status} ${entry.batchSize}`)).toEqual([
		'400 1000',
		...['200 300', '200 300', '200 300', '200 100'],
		...['200 300', '200 300', '200 300', '200 100'],
	]);
	expect(result.hints).toEqual([
		{
			message:
				'tinyEmail refused a batch of 1000 customers as too large ("At most 300 members per request"), so this run sent at most 300 customers a request. Set Options › Batch Size to 300 to save the refused requests.',
			type: 'warning',
			location: 'outputPane',
		},
	]);
});

test('a 413 (Payload Too Large) from a proxy: the batch is halved, and halved again, for the rest of the run', async () => {
	// The proxy refuses bodies over 10 kB: about 320 of these customers
	const proxy = await startFaultProxy(sandbox.url, ({ method, bodyBytes }) =>
		method === 'PUT' && bodyBytes > 10_000 ? { status: 413, body: '<html><body>413 Request Entity Too Large</body></html>' } : undefined,
	);
	try {
		const emails = emailsFor('big', 1000);
		const result = await upsert(emails, {}, proxy.url);

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 1000);
		expectWrittenExactlyOnce(sandbox, emails);
		// 1000 and 500 refused by the proxy (never reaching the sandbox), then four batches of 250
		expect(puts().map((entry) => `${entry.status} ${entry.batchSize}`)).toEqual(['200 250', '200 250', '200 250', '200 250']);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'tinyEmail refused a batch of 1000 customers as too large (HTTP 413, Payload Too Large), so this run sent at most 250 customers a request. Set Options › Batch Size to 250 to save the refused requests.',
		]);
	} finally {
		await proxy.stop();
	}
});

test('a 413 for a single customer is an error for that item, not a smaller batch', async () => {
	const proxy = await startFaultProxy(sandbox.url, ({ method }) => (method === 'PUT' ? { status: 413, body: '' } : undefined));
	try {
		const result = await upsert(['one@example.com'], {}, proxy.url);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.hints).toEqual([]);
	} finally {
		await proxy.stop();
	}
});
