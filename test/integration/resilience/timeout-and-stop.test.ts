// Bounded waits: a request that is never answered ends after Timeout (retried only when it is safe to
// repeat), and n8n's Stop (its execution cancel signal) ends the node whatever it is waiting for, with
// no request after it. Each test waits for the sandbox to log a request, then acts; nothing here
// asserts on time (a node that ignored Stop would sit out a 60-second wait and fail the test's timeout).
import type { INodeParameters } from 'n8n-workflow';

import { mapEachField } from '../../harness/customerColumns';
import { runNode, type RunNodeResult } from '../../harness/runNode';
import { sandboxAuth } from '../../harness/sandboxCredentials';
import { useSandbox } from '../../harness/useSandbox';
import type { RequestLogEntry } from '../../../sandbox/types';
import { emailsFor, expectPaired } from './helpers';

const sandbox = useSandbox({ rateLimitPerMinute: false });

const upsert = (options: INodeParameters, emails: string[], extra: { abortSignal?: AbortSignal; continueOnFail?: boolean } = {}) =>
	runNode({
		parameters: {
			authentication: 'apiKey',
			resource: 'customer',
			operation: 'upsert',
			...mapEachField({ email: '={{ $json.email }}', firstName: 'Pat' }),
			options,
		},
		items: emails.map((email) => ({ email })),
		credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		...extra,
	});

const apiRequests = (): RequestLogEntry[] => sandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'));

/** Resolves once the sandbox logged `count` API requests (polls every 10 ms, gives up after 10 s). */
async function sandboxSaw(count: number): Promise<void> {
	for (let check = 0; check < 1000 && apiRequests().length < count; check++) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(apiRequests().length).toBeGreaterThanOrEqual(count);
}

describe('Timeout', () => {
	test('a read that gets no answer is sent again, like a lost connection', async () => {
		sandbox.control.seedCustomers([{ email: 'slow@example.com', firstName: 'Slow' }]);
		sandbox.control.addFault({ kind: 'hang', count: 1 });
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'customer', operation: 'get', email: 'slow@example.com', options: { timeout: 1 } },
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ email: 'slow@example.com', firstName: 'Slow' });
		expect(apiRequests().map((entry) => [entry.method, entry.status])).toEqual([
			['GET', 0],
			['GET', 200],
		]);
	});

	test('with no retries left, the error says tinyEmail did not answer within Timeout, naming the item', async () => {
		sandbox.control.addFault({ kind: 'hang', percentage: 100 });
		const result = await upsert({ timeout: 1, maxRetryWait: 0 }, ['a@example.com', 'b@example.com']);
		expect(result.error?.message).toBe('tinyEmail did not answer within 1 second (item 0)');
		expect(result.error?.description).toContain('Timeout');
		expect(apiRequests()).toHaveLength(1);
	});

	test('a tinyEmail that accepts connections and never answers: each request is sent twice at most (2 × Timeout), GET and PUT alike', async () => {
		sandbox.control.addFault({ kind: 'hang', percentage: 100 });
		// Default Max Retry Wait (5 minutes): only the rule "a timed-out request is repeated once" bounds it
		const write = await upsert({ timeout: 1 }, ['a@example.com', 'b@example.com']);
		expect(write.error?.message).toBe('tinyEmail did not answer within 1 second (item 0)');
		expect(write.error?.description).toMatch(/Tried 2 times over .*, the last answer was no answer within 1 second\./);
		expect(apiRequests().map((entry) => [entry.method, entry.status, entry.fault])).toEqual([
			['PUT', 0, 'hang'],
			['PUT', 0, 'hang'],
		]);
		sandbox.control.clearRequestLog();
		const read = await runNode({
			parameters: { authentication: 'apiKey', resource: 'customer', operation: 'get', email: 'a@example.com', options: { timeout: 1 } },
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
		});
		expect(read.error?.message).toBe('tinyEmail did not answer within 1 second (item 0)');
		expect(apiRequests().map((entry) => [entry.method, entry.status])).toEqual([
			['GET', 0],
			['GET', 0],
		]);
	});

	test('a create (POST) that gets no answer is not sent again: it may have been created', async () => {
		sandbox.control.addFault({ kind: 'hang', count: 1, method: 'POST' });
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'audience', operation: 'create', name: 'Spring', options: { timeout: 1 } },
			credentials: sandboxAuth(sandbox, 'apiKey').credentials,
			continueOnFail: true,
		});
		expect(result.output![0].json.error).toBe('tinyEmail did not answer within 1 second (item 0)');
		expect(apiRequests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	test('a write applied by tinyEmail whose answer was lost is repeated once and stored once', async () => {
		sandbox.control.addFault({ kind: 'applyThenDrop', count: 1, method: 'PUT' });
		const emails = emailsFor('drop', 3);
		const result = await upsert({ maxRequestsPerMinute: 0 }, emails);
		expect(result.error).toBeUndefined();
		expectPaired(result.output, 3);
		expect(apiRequests().map((entry) => [entry.status, entry.fault])).toEqual([
			[0, 'applyThenDrop'],
			[200, undefined],
		]);
		expect(sandbox.control.listCustomers()).toHaveLength(3);
	});
});

describe('Stop (n8n aborts the execution)', () => {
	/** Runs `start`, aborts once the sandbox has logged `after` requests, and returns the run's result. */
	async function stopAfter(
		after: number,
		start: (signal: AbortSignal) => Promise<RunNodeResult>,
	): Promise<{ result: RunNodeResult; seenAtStop: number }> {
		const stop = new AbortController();
		const running = start(stop.signal);
		await sandboxSaw(after);
		const seenAtStop = apiRequests().length;
		stop.abort();
		const result = await running;
		return { result, seenAtStop };
	}

	test('while pacing waits for the next minute: the run ends, and nothing more is sent', async () => {
		const { result, seenAtStop } = await stopAfter(
			2,
			async (abortSignal) => await upsert({ maxRequestsPerMinute: 2, batchSize: 1 }, emailsFor('paced', 6), { abortSignal }),
		);
		expect(result.error?.message).toBe('The execution was stopped');
		expect(seenAtStop).toBe(2);
		expect(apiRequests()).toHaveLength(2);
	});

	test('with Continue On Fail too: a stop is not an item error', async () => {
		const { result } = await stopAfter(
			1,
			async (abortSignal) =>
				await upsert({ maxRequestsPerMinute: 1, batchSize: 1 }, emailsFor('cof', 3), { abortSignal, continueOnFail: true }),
		);
		expect(result.output).toBeUndefined();
		expect(result.error?.message).toBe('The execution was stopped');
		expect(apiRequests()).toHaveLength(1);
	});

	test("while waiting out tinyEmail's Retry-After", async () => {
		sandbox.control.setRateLimit(1, true);
		const { result } = await stopAfter(
			2,
			async (abortSignal) => await upsert({ maxRequestsPerMinute: 0, batchSize: 1 }, emailsFor('limited', 2), { abortSignal }),
		);
		expect(result.error?.message).toBe('The execution was stopped');
		expect(apiRequests().map((entry) => entry.status)).toEqual([200, 429]);
	});

	test('while a request is waiting for its answer: the request is abandoned', async () => {
		sandbox.control.addFault({ kind: 'hang', count: 1 });
		const { result } = await stopAfter(
			1,
			async (abortSignal) => await upsert({ maxRequestsPerMinute: 0 }, emailsFor('hung', 2), { abortSignal }),
		);
		expect(result.error?.message).toBe('The execution was stopped');
		expect(apiRequests()).toEqual([expect.objectContaining({ status: 0, fault: 'hang' })]);
	});

	test('stopped before it started: not a single request', async () => {
		const stop = new AbortController();
		stop.abort();
		const result = await upsert({}, emailsFor('never', 2), { abortSignal: stop.signal });
		expect(result.error?.message).toBe('The execution was stopped');
		expect(apiRequests()).toEqual([]);
	});
});
