// n8n 2.41.1 in queue mode — private PostgreSQL and Redis, one main process and two workers — with the packed
// package installed as a community node in every process, against tinyEmail sandboxes. Run with
// `npm run test:queue` (needs redis-server and PostgreSQL: scripts/queue/ensure-services.sh). Scenarios:
//   a) 10 executions at once on an expired OAuth2 token, rotating refresh tokens: one refresh, all succeed;
//   b) the same with a token endpoint slower than n8n's 10 s lock wait: the node recovers the refused refresh;
//   c) 4 executions × 10,000 upserts with one API key, 60 requests/min for the whole account;
//   d) a worker killed (SIGKILL) in the middle of a paced run: what n8n and the sandbox are left with;
//   e) as a, on all three workers, with refresh-token reuse detection on: one refresh, no token family revoked;
//   f) one execution of 100,000 upserts on one worker: every customer stored, and the longest event-loop block
//      of that worker and of the main process printed (scripts/lib/n8n/eventLoopProbe.ts, loaded into every process).
//   and an MCP client's call of a tinyEmail Tool (examples/mcp-server.json), which a worker runs.
// Each execution's worker is taken from the workers' own log ("Worker started execution N") and printed.
// To stay within about 10 minutes on 2 cores, the slow parts overlap where they cannot disturb each other (each
// scenario has a sandbox, i.e. a tinyEmail account, of its own): three workers start, d kills one of them first,
// then c's paced runs start on the two that are left, and a and b run on those two while c paces itself.
// QUEUE_KEEP_DIR=1 keeps the folder with n8n's logs (and says where it is).
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DEMO_API_KEY, DEMO_CLIENT, startSandbox, type Sandbox } from '../../sandbox';
import type { RequestLogEntry, SandboxOptions } from '../../sandbox/types';
import { buildAndPack } from '../../scripts/lib/package/communityPackage';
import type { ExecutionSummary, N8nClient, OwnerAccount } from '../../scripts/lib/n8n/n8nApi';
import { freePort } from '../../scripts/lib/n8n/n8nServer';
import { startQueueMode, type QueueMode } from '../../scripts/lib/n8n/n8nQueue';
import { eventLoopProbe, type EventLoopProbe } from '../../scripts/lib/n8n/eventLoopProbe';
import { log, stopAll, waitFor } from '../../scripts/lib/proc';
import { N8N_2 } from '../../scripts/lib/provisioning/targets';
import { provisionN8n } from '../../scripts/lib/provisioning/provision';
import { approveOnSandbox } from '../../scripts/lib/dev/sandboxConsent';
import {
	bulkUpsertWorkflow,
	mcpServerWorkflow,
	webhookWorkflow,
	type CredentialRef,
	type WorkflowJson,
} from '../../scripts/lib/n8n/workflows';
import { executionIds, perWorker, printTable, waitForNewExecutions, type ExecutionRow } from './executions';

const OWNER: OwnerAccount = {
	email: 'queue@example.com',
	firstName: 'Queue',
	lastName: 'Mode',
	password: `Queue-${randomBytes(6).toString('hex')}-Pass1`,
};
/** Two workers for the scenarios, and one more that d kills. */
const WORKERS = 3;
const CONCURRENCY = 5;
const CONCURRENT_RUNS = 10;
const SLOW_TOKEN_ENDPOINT_MS = 12_000;
const BULK_RUNS = 4;
const BULK_CUSTOMERS = 10_000;
const ACCOUNT_LIMIT_PER_MINUTE = 60;
/** d's run: small, with a low Max Requests per Minute, so it is waiting for its pacer within seconds. */
const CRASH_CUSTOMERS = 2_000;
const CRASH_REQUESTS_PER_MINUTE = 10;
/** f's one run: 100,000 upserts at the default Batch Size of 1,000, i.e. 100 requests. */
const SCALE_CUSTOMERS = 100_000;
const SCALE_BATCH_SIZE = 1000;

const runId = randomBytes(3).toString('hex');
let workDir: string;
let queue: QueueMode | undefined;
let client: N8nClient;
/** OAuth2 scenarios (a, b): rotating refresh tokens, some latency so that the executions overlap. */
let oauthSandbox: Sandbox;
/** Scenario c: one account limit for every key and token. */
let bulkSandbox: Sandbox;
/** Scenario d: an account of its own, so that c's budget does not leak into it. */
let crashSandbox: Sandbox;
/** The longest event-loop blocks of every n8n process (main, workers), for f. */
let probe: EventLoopProbe;
const rows: ExecutionRow[] = [];
const figures: Record<string, string | number>[] = [];
const workflows: Record<string, { path: string; id: string }> = {};

const keepDir = process.env.QUEUE_KEEP_DIR === '1';

async function stopEverything(): Promise<void> {
	const t0 = Date.now();
	await queue?.stop().catch(() => undefined);
	await Promise.all([oauthSandbox, bulkSandbox, crashSandbox].map(async (sandbox) => await sandbox?.stop().catch(() => undefined)));
	await stopAll();
	if (workDir && !keepDir) rmSync(workDir, { recursive: true, force: true });
	log(
		`Stopped n8n, PostgreSQL, Redis and the sandboxes (${((Date.now() - t0) / 1000).toFixed(1)}s)${keepDir ? `; logs kept in ${workDir}` : ''}`,
	);
}

const onSignal = (signal: NodeJS.Signals) => {
	log(`${signal}: stopping n8n, PostgreSQL, Redis and the sandboxes`);
	void stopEverything().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
};

beforeAll(async () => {
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	workDir = mkdtempSync(join(tmpdir(), 'tinyemail-queue-'));
	const install = await provisionN8n(N8N_2);
	const tarball = await buildAndPack(join(workDir, 'pack'));
	const port = await freePort();
	const accountLimit: SandboxOptions = { rateLimitPerMinute: ACCOUNT_LIMIT_PER_MINUTE, rateLimitScope: 'account' };
	oauthSandbox = await startSandbox({
		rateLimitPerMinute: false,
		rotateRefreshTokens: true,
		latencyMs: 300,
		clients: [{ ...DEMO_CLIENT, redirectUris: [`http://127.0.0.1:${port}/rest/oauth2-credential/callback`] }],
	});
	bulkSandbox = await startSandbox(accountLimit);
	crashSandbox = await startSandbox(accountLimit);
	probe = eventLoopProbe(workDir, 'event-loop');
	queue = await startQueueMode({
		install,
		dir: join(workDir, 'n8n'),
		tarball,
		port,
		encryptionKey: randomBytes(24).toString('hex'),
		workers: WORKERS,
		concurrency: CONCURRENCY,
		keepDir,
		extraEnv: {
			// A run reading 10,000 items keeps its worker's event loop busy for several seconds (tens on a loaded
			// machine); with n8n's default of 20 s, other executions on that worker then fail with "Connection
			// terminated due to connection timeout" while connecting to PostgreSQL (seen here). See docs/queue-mode.md.
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
			// f's webhook body (100,000 customers, about 6 MB) stays well below n8n's 16 MiB default; 64 leaves room
			N8N_PAYLOAD_SIZE_MAX: '64',
			// the event-loop probe in every n8n process (a 10 ms timer; it logs lateness over 20 ms), for f
			...probe.env,
		},
	});
	client = queue.main.client();
	await client.setupOrLogin(OWNER);
});

afterAll(async () => {
	printTable('Executions and the worker that ran each', rows as unknown as Array<Record<string, string>>);
	if (figures.length)
		log(
			[
				'Measured',
				...figures.map(
					({ scenario, ...rest }) =>
						`${scenario}: ${Object.entries(rest)
							.map(([k, v]) => `${k} ${v}`)
							.join('; ')}`,
				),
			].join('\n'),
		);
	process.off('SIGINT', onSignal);
	process.off('SIGTERM', onSignal);
	await stopEverything();
});

/** Creates and publishes a workflow; calls it once with `warmUp` (retrying while its webhook is not registered yet). */
async function deploy(key: string, build: (path: string) => WorkflowJson, warmUp: Record<string, unknown>): Promise<void> {
	const path = `queue-${key}-${runId}`;
	const wf = await client.createWorkflow(build(path) as unknown as Record<string, unknown>);
	await client.activateWorkflow(wf.id);
	workflows[key] = { path, id: wf.id };
	const known = await executionIds(client, wf.id);
	await waitFor(`webhook ${path}`, async () => ((await client.callWebhook(path, warmUp)).status === 404 ? undefined : true), {
		timeoutMs: 30000,
	});
	const [first] = await waitForNewExecutions(client, wf.id, known, 1, 60000);
	record(`${key} (warm-up)`, first.id, first.status);
	if (first.status !== 'success')
		throw new Error(`The warm-up run of ${key} ended ${first.status}: ${JSON.stringify(await client.getExecution(first.id))}`);
}

function record(scenario: string, execution: string, status: string, note?: string): ExecutionRow {
	const row = { scenario, execution, worker: queue?.workerOf(execution) ?? '?', status, note };
	rows.push(row);
	return row;
}

/** Calls the workflow's webhook `count` times at once; returns the answers and the finished executions. */
async function runConcurrently(key: string, count: number, body: (index: number) => Record<string, unknown>, timeoutMs: number) {
	const { path, id } = workflows[key];
	const known = await executionIds(client, id);
	const answers = await Promise.all(Array.from({ length: count }, async (_, index) => await client.callWebhook(path, body(index))));
	const executions = await waitForNewExecutions(client, id, known, count, timeoutMs);
	return { answers, executions };
}

const refreshes = (sandbox: Sandbox): RequestLogEntry[] =>
	sandbox.control.requestLog().filter((entry) => entry.grantType === 'refresh_token');

/** What went wrong in an execution: its error, each failed node's error as n8n stored it, and the workers' error lines. */
async function explain(executionId: string): Promise<string> {
	const detail = await client.getExecution(executionId);
	const runData = (detail.raw as { resultData?: { runData?: Record<string, Array<{ error?: unknown }>> } })?.resultData?.runData ?? {};
	const nodeErrors = Object.entries(runData)
		.map(([node, runs]) => [node, runs[runs.length - 1]?.error] as const)
		.filter(([, error]) => error !== undefined)
		.map(([node, error]) => `${node}: ${JSON.stringify(error).slice(0, 1500)}`);
	const workerErrors = (queue?.workers ?? []).map(
		(w) =>
			`${w.name}:\n${w.process
				.tail(200)
				.split('\n')
				.filter((line) => /error|fail|stalled/i.test(line))
				.slice(-15)
				.join('\n')}`,
	);
	return [
		JSON.stringify({ status: detail.status, error: detail.errorMessage, description: detail.errorDescription }),
		...nodeErrors,
		...workerErrors,
	].join('\n');
}

describe(`n8n ${N8N_2.n8nVersion} in queue mode (${WORKERS - 1} workers and one to kill, concurrency ${CONCURRENCY})`, () => {
	let oauth: CredentialRef;
	/** Scenario c, started before a and b and awaited after them. */
	let bulkRun: Promise<{ answers: Array<{ status: number }>; executions: ExecutionSummary[] }> | undefined;
	let bulkStarted = 0;
	/** Seconds from the webhook calls to each run's first accepted write (the time it spends reading its items). */
	let bulkFirstWrites: string[] = [];
	/** Scenario d: the execution whose worker was killed, when, and (watched from then on) how n8n settles it. */
	let crashed: { execution: string; worker: string; writesAtKill: number; killedAt: number } | undefined;
	let crashSettled: Promise<{ execution: ExecutionSummary; afterSeconds: number }> | undefined;

	const bulkCustomers = (prefix: string, count: number) =>
		Array.from({ length: count }, (_, i) => ({ email: `${prefix}${i}-${runId}@example.com`, firstName: `${prefix.toUpperCase()} ${i}` }));

	test("the credentials connect on the main process (OAuth2 through n8n's real flow) and the workflows answer", async () => {
		const name = 'tinyEmail queue (OAuth2)';
		const id = await client.createCredential(name, 'tinyEmailOAuth2Api', {
			server: 'custom',
			baseUrl: oauthSandbox.url,
			clientId: DEMO_CLIENT.id,
			clientSecret: DEMO_CLIENT.secret,
		});
		oauth = { id, name };
		await client.connectOAuth2(id, approveOnSandbox);
		expect(
			oauthSandbox.control
				.requestLog()
				.filter((e) => e.grantType === 'authorization_code')
				.map((e) => e.status),
		).toEqual([200]);
		await deploy(
			'oauth',
			(path) =>
				webhookWorkflow({
					name: 'queue: OAuth2 upsert',
					path,
					operation: 'upsert',
					authentication: 'oAuth2',
					credential: oauth,
					fieldNames: ['firstName'],
				}),
			{
				email: `warm-${runId}@example.com`,
				firstName: 'Warm',
			},
		);
		for (const [key, sandbox] of [
			['bulk', bulkSandbox],
			['crash', crashSandbox],
		] as const) {
			const credentialName = `tinyEmail queue (API key, ${key})`;
			const credential = {
				id: await client.createCredential(credentialName, 'tinyEmailApi', { apiKey: DEMO_API_KEY, server: 'custom', baseUrl: sandbox.url }),
				name: credentialName,
			};
			// Batch Size 100, as these scenarios were designed and measured (at the default 1,000, c's 40,000
			// customers would be 40 writes, under the account's limit, and d's run would end before its pacer waits)
			const options = key === 'crash' ? { maxRequestsPerMinute: CRASH_REQUESTS_PER_MINUTE, batchSize: 100 } : { batchSize: 100 };
			const build = (path: string) =>
				bulkUpsertWorkflow({
					name: `queue: bulk upsert (${key})`,
					path,
					credential,
					options,
					respondAtOnce: true,
					fields: { firstName: '={{ $json.firstName }}' },
				});
			await deploy(key, build, { customers: [] });
			sandbox.control.clearRequestLog();
		}
	});

	test('an MCP client calls a tinyEmail Tool (examples/mcp-server.json): the MCP Server Trigger on the main process queues the call, a worker runs it', async () => {
		const apiKeyName = 'tinyEmail queue MCP (API key)';
		const apiKey = {
			id: await client.createCredential(apiKeyName, 'tinyEmailApi', { apiKey: DEMO_API_KEY, server: 'custom', baseUrl: oauthSandbox.url }),
			name: apiKeyName,
		};
		const path = `queue-mcp-${runId}`;
		const example = JSON.parse(readFileSync(join(__dirname, '../../examples/mcp-server.json'), 'utf8')) as WorkflowJson;
		const wf = await client.createWorkflow(
			mcpServerWorkflow(example, { name: 'queue: MCP server', path, oAuth2: oauth, apiKey }) as unknown as Record<string, unknown>,
		);
		await client.activateWorkflow(wf.id);
		const known = await executionIds(client, wf.id);
		const mcp = await waitFor(
			`MCP server /mcp/${path}`,
			async () => {
				const candidate = new McpClient({ name: 'tinyemail-queue', version: '1.0.0' });
				try {
					await candidate.connect(new StreamableHTTPClientTransport(new URL(`${queue!.main.url}/mcp/${path}`)));
					return candidate;
				} catch {
					await candidate.close().catch(() => undefined);
					return undefined;
				}
			},
			{ timeoutMs: 30000 },
		);
		const mcpEmail = `mcp-${runId}@example.com`;
		try {
			const { tools } = await mcp.listTools();
			expect(tools.map((tool) => tool.name).sort()).toEqual([
				'Add_Customers_to_Audience',
				'Create_or_Update_Customer',
				'Get_Customer',
				'Get_Many_Campaigns',
			]);
			const answer = await mcp.callTool({
				name: 'Create_or_Update_Customer',
				arguments: { email: mcpEmail, firstName: 'Queued', lastName: 'Tool' },
			});
			const text = (answer.content as Array<{ text?: string }>).map((part) => part.text ?? '').join('\n');
			if (answer.isError) throw new Error(`The tool call failed: ${text}`);
			expect(JSON.parse(text)).toEqual([{ email: mcpEmail, firstName: 'Queued', lastName: 'Tool' }]);
		} finally {
			await mcp.close();
		}
		expect(oauthSandbox.control.getCustomer(mcpEmail)).toMatchObject({ firstName: 'Queued', lastName: 'Tool' });
		// the tool call was an execution of the MCP workflow, started by a worker
		const executions = await waitForNewExecutions(client, wf.id, known, 1, 60000);
		const rowsOfCall = executions.map((execution) => record('MCP tool call', execution.id, execution.status));
		expect(rowsOfCall.some((row) => row.worker.startsWith('worker'))).toBe(true);
		oauthSandbox.control.clearRequestLog();
	});

	// Self-contained (a sandbox, credential and workflow of its own); runs while all three workers are alive.
	test('e) refresh-token rotation with reuse detection: 10 executions at once on 3 workers with an expired token: all succeed, one refresh, no token family revoked', async () => {
		const reuseSandbox = await startSandbox({
			rateLimitPerMinute: false,
			rotateRefreshTokens: true,
			refreshTokenReuseDetection: true,
			latencyMs: 300,
			clients: [{ ...DEMO_CLIENT, redirectUris: [`${queue!.main.url}/rest/oauth2-credential/callback`] }],
		});
		try {
			const name = 'tinyEmail queue (OAuth2, reuse detection)';
			const id = await client.createCredential(name, 'tinyEmailOAuth2Api', {
				server: 'custom',
				baseUrl: reuseSandbox.url,
				clientId: DEMO_CLIENT.id,
				clientSecret: DEMO_CLIENT.secret,
			});
			await client.connectOAuth2(id, approveOnSandbox);
			const build = (path: string) =>
				webhookWorkflow({
					name: 'queue: OAuth2 upsert (reuse detection)',
					path,
					operation: 'upsert',
					authentication: 'oAuth2',
					credential: { id, name },
					fieldNames: ['firstName'],
				});
			await deploy('reuse', build, { email: `warm-e-${runId}@example.com`, firstName: 'Warm' });

			reuseSandbox.control.expireAllAccessTokens();
			reuseSandbox.control.clearRequestLog();
			const email = (index: number) => `e${index}-${runId}@example.com`;
			const { answers, executions } = await runConcurrently(
				'reuse',
				CONCURRENT_RUNS,
				(index) => ({ email: email(index), firstName: `e ${index}` }),
				120000,
			);
			const scenarioRows = executions.map((e) => record('e', e.id, e.status));
			const tokenCalls = refreshes(reuseSandbox);
			const { familiesRevoked, refreshes: refreshed } = reuseSandbox.control.counters();
			const workers = perWorker(scenarioRows);
			const succeeded = executions.filter((e) => e.status === 'success').length;
			figures.push({
				scenario: 'e) 10 at once on 3 workers, expired token, rotation + reuse detection',
				'token calls': `${tokenCalls.length} (${tokenCalls.map((entry) => entry.status).join(', ')})`,
				refreshes: refreshed,
				'families revoked': familiesRevoked,
				succeeded: `${succeeded}/${CONCURRENT_RUNS}`,
				workers: JSON.stringify(workers),
			});
			const failed = executions.filter((e) => e.status !== 'success');
			if (failed.length) throw new Error(`${failed.length} of ${CONCURRENT_RUNS} executions failed, e.g. ${await explain(failed[0].id)}`);
			expect(answers.map((answer) => answer.status)).toEqual(Array(CONCURRENT_RUNS).fill(200));
			for (let index = 0; index < CONCURRENT_RUNS; index++)
				expect(reuseSandbox.control.getCustomer(email(index))?.firstName).toBe(`e ${index}`);
			expect(tokenCalls.map((entry) => entry.status)).toEqual([200]);
			expect(refreshed).toBe(1);
			expect(familiesRevoked).toBe(0);
			// 10 executions do not fit in one worker's 5 slots
			expect(Object.keys(workers).length).toBeGreaterThanOrEqual(2);

			// afterwards the stored credential works without another refresh
			const after = await runConcurrently('reuse', 1, () => ({ email: `e-after-${runId}@example.com`, firstName: 'After' }), 60000);
			record('e (afterwards)', after.executions[0].id, after.executions[0].status);
			expect(after.executions[0].status).toBe('success');
			expect(reuseSandbox.control.counters()).toMatchObject({ refreshes: 1, familiesRevoked: 0 });
		} finally {
			await reuseSandbox.stop();
		}
	});

	test('d) a worker is killed (SIGKILL) in the middle of a paced run', async () => {
		const { path, id } = workflows.crash;
		const known = await executionIds(client, id);
		expect((await client.callWebhook(path, { customers: bulkCustomers('d', CRASH_CUSTOMERS) })).status).toBe(200);
		const writes = () => crashSandbox.control.requestLog().filter((entry) => entry.method === 'PUT' && entry.status === 200);
		// The node's pacer lets the first Max Requests per Minute through, then waits for its window to move on
		await waitFor('the run to reach its paced wait', async () => (writes().length >= CRASH_REQUESTS_PER_MINUTE ? true : undefined), {
			timeoutMs: 180000,
			intervalMs: 250,
		});
		const running = (await client.listExecutions(id)).find((e) => !known.has(e.id));
		const worker = queue!.workers.find((w) => w.name === queue!.workerOf(running?.id ?? ''));
		if (!running || !worker) throw new Error(`No running execution with a known worker: ${JSON.stringify(running)}`);
		crashed = { execution: running.id, worker: worker.name, writesAtKill: writes().length, killedAt: Date.now() };
		process.kill(-worker.process.child.pid!, 'SIGKILL');
		log(`d) SIGKILL to ${worker.name} while it runs execution ${running.id}, after ${crashed.writesAtKill} accepted writes`);
		const { killedAt, execution } = crashed;
		crashSettled = waitFor(
			`execution ${execution} to settle`,
			async () => {
				const found = (await client.listExecutions(id)).find((e) => e.id === execution);
				return found && !['new', 'running', 'waiting', 'unknown'].includes(found.status)
					? { execution: found, afterSeconds: (Date.now() - killedAt) / 1000 }
					: undefined;
			},
			{ timeoutMs: 10 * 60_000, intervalMs: 1000 },
		);
		// Awaited in "d) ends"
		crashSettled.catch(() => undefined);
	});

	test(`c) starts: ${BULK_RUNS} executions × ${BULK_CUSTOMERS} upserts with one API key, ${ACCOUNT_LIMIT_PER_MINUTE}/min for the account`, async () => {
		bulkStarted = Date.now();
		bulkRun = runConcurrently('bulk', BULK_RUNS, (run) => ({ customers: bulkCustomers(`c${run}-`, BULK_CUSTOMERS) }), 15 * 60_000);
		// Awaited in "c) ends"; until then a failure must not count as unhandled
		bulkRun.catch(() => undefined);
		// Each run first reads its 10,000 items (seconds of CPU that hold up its worker), then paces its requests.
		// a and b start once every run has written its first batch: the workers are free to take their jobs then.
		const firstOfEach = Array.from({ length: BULK_RUNS }, (_, run) => bulkCustomers(`c${run}-`, 1)[0].email);
		const firstWriteAfter = new Map<string, number>();
		await waitFor(
			'every run of c to be writing',
			async () => {
				for (const email of firstOfEach) {
					if (!firstWriteAfter.has(email) && bulkSandbox.control.getCustomer(email))
						firstWriteAfter.set(email, (Date.now() - bulkStarted) / 1000);
				}
				return firstWriteAfter.size === BULK_RUNS ? true : undefined;
			},
			{ timeoutMs: 300000, intervalMs: 500 },
		);
		bulkFirstWrites = [...firstWriteAfter.values()].sort((a, b) => a - b).map((seconds) => `${seconds.toFixed(0)} s`);
	});

	async function expiredTokenRun(label: string) {
		oauthSandbox.control.expireAllAccessTokens();
		oauthSandbox.control.clearRequestLog();
		const before = oauthSandbox.control.counters().refreshes;
		const email = (index: number) => `${label}${index}-${runId}@example.com`;
		const { answers, executions } = await runConcurrently(
			'oauth',
			CONCURRENT_RUNS,
			(index) => ({ email: email(index), firstName: `${label} ${index}` }),
			120000,
		);
		const scenarioRows = executions.map((e) => record(label, e.id, e.status));
		const failed = executions.filter((e) => e.status !== 'success');
		if (failed.length) throw new Error(`${failed.length} of ${CONCURRENT_RUNS} executions failed, e.g. ${await explain(failed[0].id)}`);
		expect(answers.map((answer) => answer.status)).toEqual(Array(CONCURRENT_RUNS).fill(200));
		for (let index = 0; index < CONCURRENT_RUNS; index++)
			expect(oauthSandbox.control.getCustomer(email(index))?.firstName).toBe(`${label} ${index}`);
		// both live workers took part: 10 executions at once do not fit in one worker's slots
		expect(Object.keys(perWorker(scenarioRows))).toHaveLength(2);
		return {
			refreshed: oauthSandbox.control.counters().refreshes - before,
			tokenCalls: refreshes(oauthSandbox),
			workers: perWorker(scenarioRows),
		};
	}

	/** One more run after the scenario: the stored credential works without another refresh. */
	async function credentialStillFine(label: string) {
		const before = oauthSandbox.control.counters().refreshes;
		const { executions } = await runConcurrently(
			'oauth',
			1,
			() => ({ email: `${label}-after-${runId}@example.com`, firstName: 'After' }),
			60000,
		);
		record(`${label} (afterwards)`, executions[0].id, executions[0].status);
		expect(executions[0].status).toBe('success');
		expect(oauthSandbox.control.counters().refreshes).toBe(before);
	}

	test('a) 10 executions at once on an expired token, refresh tokens rotating: one refresh, all succeed', async () => {
		const { refreshed, tokenCalls, workers } = await expiredTokenRun('a');
		expect(refreshed).toBe(1);
		expect(tokenCalls.map((entry) => entry.status)).toEqual([200]);
		figures.push({
			scenario: 'a) 10 at once, expired token, fast token endpoint',
			'token calls': tokenCalls.length,
			refreshes: refreshed,
			refused: 0,
			succeeded: `${CONCURRENT_RUNS}/${CONCURRENT_RUNS}`,
			workers: JSON.stringify(workers),
		});
		await credentialStillFine('a');
	});

	test(`b) the same with a token endpoint answering after ${SLOW_TOKEN_ENDPOINT_MS / 1000} s (past n8n's 10 s lock wait): the node recovers, all succeed`, async () => {
		oauthSandbox.control.setTokenEndpointDelay(SLOW_TOKEN_ENDPOINT_MS);
		try {
			const { refreshed, tokenCalls, workers } = await expiredTokenRun('b');
			const refused = tokenCalls.filter((entry) => entry.status === 400);
			// One refresh went through; the other worker's own refresh (after 10 s of waiting for the lock) reused the
			// rotated refresh token and was refused — without the node's recovery its executions would fail
			expect(refreshed).toBe(1);
			expect(refused.length).toBeGreaterThanOrEqual(1);
			figures.push({
				scenario: `b) same, token endpoint ${SLOW_TOKEN_ENDPOINT_MS / 1000} s`,
				'token calls': tokenCalls.length,
				refreshes: refreshed,
				refused: refused.length,
				succeeded: `${CONCURRENT_RUNS}/${CONCURRENT_RUNS}`,
				workers: JSON.stringify(workers),
			});
		} finally {
			oauthSandbox.control.setTokenEndpointDelay(0);
		}
		await credentialStillFine('b');
	});

	test('c) ends: every customer stored once with its own data, no failed item; requests, 429s and wall time', async () => {
		if (!bulkRun) throw new Error('c was not started');
		const { answers, executions } = await bulkRun;
		const wallSeconds = (Date.now() - bulkStarted) / 1000;
		const scenarioRows = executions.map((e) => record('c', e.id, e.status));
		expect(answers.map((answer) => answer.status)).toEqual(Array(BULK_RUNS).fill(200));
		const apiLog = bulkSandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'));
		const limited = apiLog.filter((entry) => entry.status === 429).length;
		const accepted = apiLog.filter((entry) => entry.status === 200);
		figures.push({
			scenario: `c) ${BULK_RUNS} × ${BULK_CUSTOMERS} upserts, ${ACCOUNT_LIMIT_PER_MINUTE}/min per account`,
			requests: apiLog.length,
			accepted: accepted.length,
			'429s': `${limited} (${((100 * limited) / Math.max(1, apiLog.length)).toFixed(1)}%)`,
			'wall time': `${wallSeconds.toFixed(0)} s`,
			'first write of each run after': bulkFirstWrites.join(', '),
			ideal: `${accepted.length} writes ÷ ${ACCOUNT_LIMIT_PER_MINUTE}/min = ${((accepted.length / ACCOUNT_LIMIT_PER_MINUTE) * 60).toFixed(0)} s`,
			workers: JSON.stringify(perWorker(scenarioRows)),
		});
		const failed = executions.filter((e) => e.status !== 'success');
		if (failed.length) throw new Error(`${failed.length} of ${BULK_RUNS} executions failed, e.g. ${await explain(failed[0].id)}`);
		const expected = new Map(
			Array.from({ length: BULK_RUNS }, (_, run) => bulkCustomers(`c${run}-`, BULK_CUSTOMERS))
				.flat()
				.map((c) => [c.email, c.firstName]),
		);
		const stored = bulkSandbox.control.listCustomers();
		expect(stored).toHaveLength(BULK_RUNS * BULK_CUSTOMERS);
		expect(stored.filter((customer) => expected.get(customer.email) !== customer.firstName)).toEqual([]);
		// each customer went out in exactly one accepted write; nothing but 429s was refused
		expect(accepted.filter((entry) => entry.method === 'PUT').reduce((sum, entry) => sum + (entry.batchSize ?? 0), 0)).toBe(
			BULK_RUNS * BULK_CUSTOMERS,
		);
		expect(apiLog.filter((entry) => entry.status !== 200 && entry.status !== 429)).toEqual([]);
	});

	test('d) ends: n8n fails the execution without running it again; the sandbox holds each written customer once, with its data', async () => {
		if (!crashed || !crashSettled) throw new Error('d did not kill a worker');
		const { id } = workflows.crash;
		const { execution: settled, afterSeconds } = await crashSettled;
		const settledAfter = afterSeconds.toFixed(0);
		const detail = await client.getExecution(settled.id);
		record(
			'd',
			settled.id,
			settled.status,
			`${crashed.worker} killed; settled ${settledAfter} s later: ${detail.errorMessage ?? ''}`.slice(0, 140),
		);
		const acceptedWrites = crashSandbox.control.requestLog().filter((entry) => entry.method === 'PUT' && entry.status === 200);
		const stored = crashSandbox.control.listCustomers();
		const expected = new Map(bulkCustomers('d', CRASH_CUSTOMERS).map((c) => [c.email, c.firstName]));
		figures.push({
			scenario: 'd) worker SIGKILLed mid paced run',
			execution: `${settled.id} ${settled.status} ${settledAfter} s after the kill (${detail.errorMessage ?? 'no message'})`,
			'writes before the kill': crashed.writesAtKill,
			'writes after': acceptedWrites.length - crashed.writesAtKill,
			stored: stored.length,
			'executions of the workflow after the kill': (await client.listExecutions(id)).filter(
				(e) => Number(e.id) >= Number(crashed!.execution),
			).length,
		});
		// n8n's queue allows no stalled job to be retried (maxStalledCount 0): the execution ends failed, nothing runs it again
		expect(['error', 'crashed']).toContain(settled.status);
		expect((await client.listExecutions(id)).filter((e) => Number(e.id) > Number(crashed!.execution))).toEqual([]);
		expect(acceptedWrites.length).toBe(crashed.writesAtKill);
		// what the accepted writes carried, each customer once, with its own data
		expect(stored).toHaveLength(acceptedWrites.reduce((sum, entry) => sum + (entry.batchSize ?? 0), 0));
		expect(stored.filter((customer) => expected.get(customer.email) !== customer.firstName)).toEqual([]);
	});

	// After c and d: the two workers left are idle, so the run has a worker to itself and nothing else shares the window.
	// The sandbox's rate limit is off and the node's pacing too (Max Requests per Minute 0): the point is how long n8n
	// and the node hold the worker's event loop with 100,000 items, not pacing (c measures that).
	test(`f) one execution of ${SCALE_CUSTOMERS.toLocaleString('en-US')} upserts on one worker: no failed item, every customer stored; the longest event-loop blocks printed`, async () => {
		const scaleSandbox = await startSandbox({ rateLimitPerMinute: false });
		try {
			const credentialName = 'tinyEmail queue (API key, scale)';
			const credential = {
				id: await client.createCredential(credentialName, 'tinyEmailApi', {
					apiKey: DEMO_API_KEY,
					server: 'custom',
					baseUrl: scaleSandbox.url,
				}),
				name: credentialName,
			};
			const build = (path: string) =>
				bulkUpsertWorkflow({
					name: 'queue: 100,000 upserts',
					path,
					credential,
					// Batch Size left at its default (1,000); Fields to Send left at Map Automatically
					options: { maxRequestsPerMinute: 0 },
					respondAtOnce: true,
				});
			await deploy('scale', build, { customers: [] });
			scaleSandbox.control.clearRequestLog();
			const customers = bulkCustomers('f', SCALE_CUSTOMERS);
			const { path, id } = workflows.scale;
			const known = await executionIds(client, id);
			const sent = Date.now();
			const answer = await client.callWebhook(path, { customers });
			const [execution] = await waitForNewExecutions(client, id, known, 1, 20 * 60_000);
			const finished = Date.now();
			const row = record('f', execution.id, execution.status);
			const worker = queue!.workers.find((w) => w.name === row.worker);
			const apiLog = scaleSandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'));
			const workerPid = worker?.process.child.pid;
			const mainPid = queue!.main.child.pid!;
			const longest = (pid: number | undefined) => (pid === undefined ? '?' : `${probe.longest(pid, sent, finished)} ms`);
			const overASecond = (pid: number | undefined) =>
				pid === undefined ? '?' : probe.blocks(pid, sent, finished).filter((block) => block.ms >= 1000).length;
			figures.push({
				scenario: `f) 1 × ${SCALE_CUSTOMERS} upserts on one worker, no rate limit, Batch Size ${SCALE_BATCH_SIZE}`,
				requests: apiLog.length,
				'wall time': `${((finished - sent) / 1000).toFixed(0)} s (webhook call to the execution seen finished)`,
				[`longest event-loop block of ${row.worker}`]: `${longest(workerPid)} (${overASecond(workerPid)} blocks of 1 s or more)`,
				'longest event-loop block of main': `${longest(mainPid)} (${overASecond(mainPid)} blocks of 1 s or more)`,
			});
			expect(answer.status).toBe(200);
			if (execution.status !== 'success') throw new Error(`The run ended ${execution.status}: ${await explain(execution.id)}`);
			expect(worker).toBeDefined();
			// every customer stored once with its own data, in 100 accepted writes of 1,000, nothing refused
			const expected = new Map(customers.map((c) => [c.email, c.firstName]));
			const stored = scaleSandbox.control.listCustomers();
			expect(stored).toHaveLength(SCALE_CUSTOMERS);
			expect(stored.filter((customer) => expected.get(customer.email) !== customer.firstName)).toEqual([]);
			expect(apiLog.filter((entry) => entry.status !== 200)).toEqual([]);
			expect(apiLog.filter((entry) => entry.method === 'PUT').map((entry) => entry.batchSize)).toEqual(
				Array(SCALE_CUSTOMERS / SCALE_BATCH_SIZE).fill(SCALE_BATCH_SIZE),
			);
		} finally {
			await scaleSandbox.stop();
		}
	});
});
