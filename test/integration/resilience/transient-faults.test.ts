// Server errors, dropped connections, rate-limit bursts and tokens expiring in the middle of a run:
// each run must end with the sandbox holding exactly the expected customers, each written once, and
// one output item per input item, paired. Waits are short (Retry-After: 1, backoff from 250 ms / 1 s);
// nothing here asserts on time.
import type { INodeParameters } from 'n8n-workflow';

import { mapEachField } from '../../harness/customerColumns';
import { runNode } from '../../harness/runNode';
import { sandboxAuth, type AuthChoice } from '../../harness/sandboxCredentials';
import { startSandbox } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox/types';
import { emailsFor, expectPaired, expectWrittenExactlyOnce, startFaultProxy, type FaultProxy } from './helpers';

let sandbox: Sandbox;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimitPerMinute: false });
});

afterAll(async () => {
	await sandbox.stop();
});

beforeEach(() => sandbox.control.reset());

afterEach(async () => {
	await proxy?.stop();
	proxy = undefined;
});

interface Run {
	operation: 'upsert' | 'update' | 'create';
	emails: string[];
	authentication?: AuthChoice;
	options?: INodeParameters;
	continueOnFail?: boolean;
	/** Point the credential at this URL (a fault proxy) instead of the sandbox. */
	via?: string;
}

async function run({ operation, emails, authentication = 'apiKey', options = {}, continueOnFail = false, via }: Run) {
	const auth = sandboxAuth(sandbox, authentication);
	const credentials = structuredClone(auth.credentials);
	if (via) for (const data of Object.values(credentials)) data.baseUrl = via;
	const result = await runNode({
		parameters: {
			authentication,
			resource: 'customer',
			operation,
			...mapEachField({ email: '={{ $json.email }}', lastName: '={{ $json.name }}' }),
			// The sandbox's limit is off in these tests, so the node's pacing is too
			options: { maxRequestsPerMinute: 0, ...options },
		},
		items: emails.map((email, i) => ({ email, name: `L${i}` })),
		credentials,
		continueOnFail,
	});
	return { ...result, auth };
}

const statusCount = (status: number) => sandbox.control.counters().byStatus[String(status)] ?? 0;

describe('Server errors (5xx)', () => {
	test('5% of requests fail with 500 or 503 (seeded): everything still written once, one output per item', async () => {
		const emails = emailsFor('flaky', 200);
		sandbox.control.seedCustomers(emails.map((email) => ({ email, firstName: 'Seeded' })));
		sandbox.control.clearRequestLog();
		sandbox.control.addFault({ kind: 500, percentage: 2.5 });
		sandbox.control.addFault({ kind: 503, percentage: 2.5 });
		// Update reads each customer (200 GETs), then writes in batches of 20 (10 PUTs)
		const result = await run({ operation: 'update', emails, options: { batchSize: 20 } });

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 200);
		result.output!.forEach((item, i) => expect(item.json).toMatchObject({ email: emails[i], firstName: 'Seeded', lastName: `L${i}` }));
		expect(statusCount(500) + statusCount(503)).toBeGreaterThan(0);
		expectWrittenExactlyOnce(sandbox, emails);
		for (const [i, email] of emails.entries()) expect(sandbox.control.getCustomer(email)?.lastName).toBe(`L${i}`);
	});

	test("a 5xx that persists fails that batch's items (no bisection), says how often it tried; the other batches are written", async () => {
		const emails = emailsFor('down', 30);
		// The second PUT and its 4 retries all get 502
		let puts = 0;
		proxy = await startFaultProxy(sandbox.url, (request) => {
			if (request.method !== 'PUT') return undefined;
			puts++;
			return puts >= 2 && puts <= 6 ? { status: 502, body: { message: 'Bad gateway' } } : undefined;
		});
		const result = await run({ operation: 'upsert', emails, options: { batchSize: 10 }, continueOnFail: true, via: proxy.url });

		expectPaired(result.output, 30);
		result.output!.forEach((item, i) => {
			if (i >= 10 && i < 20) expect(item.json.error).toBe('tinyEmail had a server error (HTTP 502)');
			else expect(item.json.error).toBeUndefined();
		});
		expect(puts).toBe(7);
		expectWrittenExactlyOnce(sandbox, [...emails.slice(0, 10), ...emails.slice(20)]);
	});

	test('without Continue On Fail the persisting error stops the run and its description tells what was tried', async () => {
		proxy = await startFaultProxy(sandbox.url, (request) =>
			request.method === 'PUT' ? { status: 503, body: { message: 'Down' } } : undefined,
		);
		const result = await run({ operation: 'upsert', emails: emailsFor('stop', 3), via: proxy.url });

		expect(result.error?.message).toBe('tinyEmail had a server error (HTTP 503)');
		expect(result.error?.description).toMatch(/Tried 5 times over \d+ seconds?, the last answer was HTTP 503/);
	});
});

describe('Dropped connections', () => {
	test('a connection dropped on a customer write is retried (the upsert is safe to repeat)', async () => {
		const emails = emailsFor('drop', 50);
		sandbox.control.addFault({ kind: 'drop', count: 1, method: 'PUT' });
		const result = await run({ operation: 'upsert', emails, options: { batchSize: 20 } });

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 50);
		expect(sandbox.control.requestLog().filter((entry) => entry.status === 0)).toHaveLength(1);
		expectWrittenExactlyOnce(sandbox, emails);
	});

	test('a connection dropped on a read is retried too', async () => {
		const emails = emailsFor('dropread', 5);
		sandbox.control.addFault({ kind: 'drop', count: 2, method: 'GET' });
		const result = await run({ operation: 'create', emails });

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 5);
		expectWrittenExactlyOnce(sandbox, emails);
	});
});

describe('Rate limit (429)', () => {
	test('a burst of 429s without Retry-After: exponential backoff, then everything written once', async () => {
		const emails = emailsFor('burst', 120);
		sandbox.control.addFault({ kind: 429, count: 2, method: 'PUT' });
		const result = await run({ operation: 'upsert', emails, options: { batchSize: 50 } });

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 120);
		expect(statusCount(429)).toBe(2);
		expectWrittenExactlyOnce(sandbox, emails);
	});

	test('a 429 is matched to its own request when the clock moves between booking it and sending it (loaded machine)', async () => {
		const emails = emailsFor('skew', 10);
		sandbox.control.addFault({ kind: 429, count: 1, method: 'PUT' });
		// Every reading of the clock is 1 ms later than the one before, as on a busy machine. Were the refused
		// request taken for one tinyEmail counted, the node would wait for its minute to pass, longer than
		// the Max Retry Wait set here, and fail; matched to its booking, it backs off about a second.
		const realNow = Date.now.bind(Date);
		let skew = 0;
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ++skew);
		try {
			const result = await run({ operation: 'upsert', emails, options: { maxRetryWait: 30 } });
			expect(result.error).toBeUndefined();
			expectPaired(result.output, 10);
		} finally {
			clock.mockRestore();
		}
		expect(statusCount(429)).toBe(1);
		expectWrittenExactlyOnce(sandbox, emails);
	});

	test('429s with Retry-After (seconds, then an HTTP date) are waited out', async () => {
		const emails = emailsFor('after', 60);
		let puts = 0;
		proxy = await startFaultProxy(sandbox.url, (request) => {
			if (request.method !== 'PUT') return undefined;
			puts++;
			if (puts === 1 || puts === 2) return { status: 429, headers: { 'retry-after': '1' } };
			if (puts === 4) return { status: 429, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } };
			return undefined;
		});
		const result = await run({ operation: 'upsert', emails, options: { batchSize: 20 }, via: proxy.url });

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 60);
		expect(puts).toBe(6);
		expectWrittenExactlyOnce(sandbox, emails);
	});

	test('a Retry-After longer than Max Retry Wait stops at once with a message that says what to do', async () => {
		proxy = await startFaultProxy(sandbox.url, () => ({ status: 429, headers: { 'retry-after': '3600' } }));
		const result = await run({ operation: 'upsert', emails: emailsFor('long', 2), via: proxy.url });

		expect(result.error?.message).toBe('tinyEmail asked to wait 60 minutes (rate limit), longer than Max Retry Wait (5 minutes)');
		expect(result.error?.description).toMatch(/Lower Max Requests per Minute/);
		expect(sandbox.control.listCustomers()).toHaveLength(0);
	});

	test('429s that outlast Max Retry Wait fail the items with "kept answering 429"', async () => {
		proxy = await startFaultProxy(sandbox.url, () => ({ status: 429, headers: { 'retry-after': '1' } }));
		const result = await run({
			operation: 'upsert',
			emails: emailsFor('kept', 2),
			options: { maxRetryWait: 2 },
			continueOnFail: true,
			via: proxy.url,
		});

		expectPaired(result.output, 2);
		for (const item of result.output!) {
			expect(item.json.error).toBe('tinyEmail kept answering 429 (rate limit) for 2 seconds (3 attempts); the node stopped waiting');
		}
	});
});

describe('Access tokens expiring mid-run (OAuth2)', () => {
	test('every token is expired before every third write: n8n refreshes, the node goes on, all written once', async () => {
		const emails = emailsFor('expiry', 100);
		proxy = await startFaultProxy(sandbox.url, (request) => {
			if (request.method === 'PUT' && request.nthOfMethod % 3 === 0) sandbox.control.expireAllAccessTokens();
			return undefined;
		});
		const result = await run({ operation: 'upsert', emails, authentication: 'oAuth2', options: { batchSize: 10 }, via: proxy.url });

		expect(result.error).toBeUndefined();
		expectPaired(result.output, 100);
		expect(sandbox.control.counters().refreshes).toBeGreaterThanOrEqual(3);
		expect(result.savedTokens.length).toBeGreaterThanOrEqual(3);
		expectWrittenExactlyOnce(sandbox, emails);
		expect(sandbox.control.requestLog().filter((entry) => entry.status === 401).length).toBeGreaterThanOrEqual(3);
	});
});
