// `npm run bench`: this node's Create or Update against n8n's own HTTP Request node doing the same upsert one
// customer per request, both inside a real n8n 2.41.1 (provisioned by scripts/lib/provision.ts, the packed
// package installed as a community node), against the tinyEmail sandbox with its 60/min limit on and off.
// Prints a table and writes bench-results/latest.json. Long runs under the limit that would take many minutes
// (HTTP Request at 1,000 and 10,000) are projected from the measured pace of a shorter run and marked so.
//
// Environment: BENCH_SIZES=100,1000 (default 100,1000,10000), BENCH_SKIP_BUILD=1 (reuse dist/),
// BENCH_HTTP_LIMITED_SAMPLE=100 (items of the measured HTTP Request run under the limit).
import { randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { request } from 'undici';

import { DEMO_API_KEY, startSandbox } from '../../test/sandbox';
import type { Sandbox } from '../../test/sandbox/types';
import { REPO_ROOT, buildAndPack, installCommunityPackage } from '../lib/communityPackage';
import type { N8nClient, OwnerAccount } from '../lib/n8nApi';
import { freePort, startN8n, type N8nServer } from '../lib/n8nServer';
import { log, stopAll } from '../lib/proc';
import { N8N_2, provisionN8n } from '../lib/provision';
import { API_KEY_CREDENTIAL_TYPE, TINYEMAIL_NODE_TYPE, type CredentialRef, type WorkflowJson } from '../lib/workflows';

type Contender = 'tinyEmail node' | 'HTTP Request node';

interface Measurement {
	contender: Contender;
	items: number;
	rateLimit: '60/min' | 'off';
	/** true when the figures are extrapolated from `projectedFrom` rather than measured. */
	projected: boolean;
	projectedFrom?: { items: number; wallSeconds: number; requests: number };
	requests: number;
	status429: number;
	wallSeconds: number;
	itemsPerSecond: number;
	/** Peak resident memory of the n8n process during the run (VmHWM after a reset, else sampled VmRSS), MiB. */
	peakMemoryMiB?: number;
	/** Customers stored in the sandbox after the run (must equal items). */
	stored?: number;
	ok: boolean;
	note?: string;
}

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const HTTP_LIMITED_SAMPLE = Number(process.env.BENCH_HTTP_LIMITED_SAMPLE ?? 100);
/** The careful HTTP Request configuration under the limit: one item per batch, a little over 1 s apart. */
const HTTP_BATCH_INTERVAL_MS = 1050;
const OWNER: OwnerAccount = {
	email: 'bench@example.com',
	firstName: 'Bench',
	lastName: 'Mark',
	password: `Bench-${randomBytes(6).toString('hex')}-Pass1`,
};

function customers(count: number, runTag: string) {
	return Array.from({ length: count }, (_, i) => ({ email: `c${i}-${runTag}@example.com`, firstName: `Customer ${i}` }));
}

/** Webhook (answers when the last node is done) → Split Out the posted customers → the contender. */
function benchWorkflow(name: string, path: string, contender: Contender, sandboxUrl: string, credential: CredentialRef, limited: boolean): WorkflowJson {
	const webhook = {
		id: randomBytes(8).toString('hex'),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0] as [number, number],
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData', options: {} },
		webhookId: randomBytes(16).toString('hex'),
	};
	const split = {
		id: randomBytes(8).toString('hex'),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [220, 0] as [number, number],
		parameters: { fieldToSplitOut: 'body.customers', options: {} },
	};
	const worker =
		contender === 'tinyEmail node'
			? {
					id: randomBytes(8).toString('hex'),
					name: 'Worker',
					type: TINYEMAIL_NODE_TYPE,
					typeVersion: 1,
					position: [440, 0] as [number, number],
					// Defaults (Batch Size 100, Max Requests per Minute 55, Max Retry Wait 300 s); with the limit
					// off, Max Requests per Minute 0 (no pacing), as a user without the limit would set it
					parameters: {
						authentication: 'apiKey',
						resource: 'customer',
						operation: 'upsert',
						email: '={{ $json.email }}',
						additionalFields: { firstName: '={{ $json.firstName }}' },
						...(limited ? {} : { options: { maxRequestsPerMinute: 0 } }),
					},
					credentials: { [API_KEY_CREDENTIAL_TYPE]: credential },
				}
			: {
					id: randomBytes(8).toString('hex'),
					name: 'Worker',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [440, 0] as [number, number],
					retryOnFail: true,
					maxTries: 5,
					waitBetweenTries: 5000,
					parameters: {
						method: 'PUT',
						url: `${sandboxUrl}/v1/account/customer`,
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'X-API-KEY', value: DEMO_API_KEY }] },
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify({ updateMembers: [{ email: $json.email, firstName: $json.firstName }] }) }}',
						options: { batching: { batch: { batchSize: 1, batchInterval: limited ? HTTP_BATCH_INTERVAL_MS : 0 } } },
					},
				};
	const nodes = [webhook, split, worker];
	return {
		name,
		nodes,
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Worker', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveExecutionProgress: false },
		active: false,
	};
}

/** Peak RSS of a process: VmHWM after resetting it through clear_refs, else sampled VmRSS. */
class MemoryProbe {
	private sampledPeak = 0;
	private timer?: NodeJS.Timeout;
	private hwmReset = false;

	constructor(private readonly pid: number) {}

	private read(field: 'VmRSS' | 'VmHWM'): number | undefined {
		try {
			const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
			return match ? Number(match[1]) / 1024 : undefined;
		} catch {
			return undefined;
		}
	}

	start(): void {
		try {
			writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
			this.hwmReset = true;
		} catch {
			this.hwmReset = false;
		}
		this.sampledPeak = this.read('VmRSS') ?? 0;
		this.timer = setInterval(() => {
			this.sampledPeak = Math.max(this.sampledPeak, this.read('VmRSS') ?? 0);
		}, 200);
	}

	stop(): number | undefined {
		if (this.timer) clearInterval(this.timer);
		const sampled = Math.max(this.sampledPeak, this.read('VmRSS') ?? 0);
		const hwm = this.hwmReset ? this.read('VmHWM') : undefined;
		const peak = hwm !== undefined ? Math.max(hwm, sampled) : sampled;
		return peak > 0 ? Math.round(peak) : undefined;
	}
}

async function callWebhook(baseUrl: string, path: string, payload: unknown): Promise<{ status: number; text: string }> {
	const res = await request(`${baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload),
		// A measured run may take minutes; the bench as a whole is bounded by its plan instead
		headersTimeout: 30 * 60_000,
		bodyTimeout: 30 * 60_000,
	});
	return { status: res.statusCode, text: await res.body.text() };
}

/** Production webhooks register shortly after activation: call with no customers until it stops answering 404. */
async function waitUntilListening(baseUrl: string, path: string): Promise<void> {
	for (let attempt = 0; attempt < 60; attempt++) {
		const { status } = await callWebhook(baseUrl, path, { customers: [] });
		if (status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`The webhook ${path} never registered (30 s after activation)`);
}

async function measure(
	ctx: { n8n: N8nServer; client: N8nClient; sandbox: Sandbox; credential: CredentialRef },
	contender: Contender,
	items: number,
	limited: boolean,
): Promise<Measurement> {
	const { n8n, client, sandbox, credential } = ctx;
	const tag = randomBytes(3).toString('hex');
	const path = `bench-${tag}`;
	const wf = await client.createWorkflow(
		benchWorkflow(`bench ${contender} ${items} ${limited ? 'limited' : 'unlimited'}`, path, contender, sandbox.url, credential, limited) as unknown as Record<
			string,
			unknown
		>,
	);
	await client.activateWorkflow(wf.id);
	await waitUntilListening(n8n.url, path);
	// A fresh sandbox for each run: no customers, an empty request log, a fresh rate-limit window
	sandbox.control.reset();
	sandbox.control.setRateLimit(limited ? 60 : false, true);
	const payload = { customers: customers(items, tag) };

	const probe = new MemoryProbe(n8n.child.pid!);
	probe.start();
	const t0 = process.hrtime.bigint();
	const answer = await callWebhook(n8n.url, path, payload);
	const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const peakMemoryMiB = probe.stop();

	const puts = sandbox.control.requestLog().filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/v1/account/customer'));
	const stored = sandbox.control.listCustomers().filter((customer) => customer.email.endsWith(`-${tag}@example.com`)).length;
	const ok = answer.status === 200 && stored === items;
	return {
		contender,
		items,
		rateLimit: limited ? '60/min' : 'off',
		projected: false,
		requests: puts.length,
		status429: puts.filter((entry) => entry.status === 429).length,
		wallSeconds: round(wallSeconds, 2),
		itemsPerSecond: round(items / wallSeconds, 1),
		peakMemoryMiB,
		stored,
		ok,
		note: ok ? undefined : `webhook answered ${answer.status}: ${answer.text.slice(0, 200)}`,
	};
}

function project(from: Measurement, items: number): Measurement {
	const wallSeconds = (from.wallSeconds / from.items) * items;
	return {
		contender: from.contender,
		items,
		rateLimit: from.rateLimit,
		projected: true,
		projectedFrom: { items: from.items, wallSeconds: from.wallSeconds, requests: from.requests },
		// One request per item at the measured pace; the measured run got no 429s (else see its row)
		requests: Math.round((from.requests / from.items) * items),
		status429: Math.round((from.status429 / from.items) * items),
		wallSeconds: round(wallSeconds, 0),
		itemsPerSecond: from.itemsPerSecond,
		peakMemoryMiB: undefined,
		ok: from.ok,
		note: `projected from the measured ${from.items}-item run (${from.wallSeconds} s)`,
	};
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function duration(seconds: number): string {
	if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
	if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
	return `${(seconds / 3600).toFixed(1)} h`;
}

function table(rows: Measurement[], comparisons: Comparison[]): string {
	const lines: string[] = [];
	lines.push('| Rate limit | Customers | Contender | Requests | 429s | Wall time | Items/s | Peak n8n memory |');
	lines.push('|---|---:|---|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		const mark = row.projected ? ' (projected)' : row.ok ? '' : ' (FAILED)';
		lines.push(
			`| ${row.rateLimit} | ${row.items.toLocaleString('en-US')} | ${row.contender}${mark} | ${row.requests.toLocaleString('en-US')} | ${row.status429} | ${duration(row.wallSeconds)} | ${row.itemsPerSecond} | ${row.peakMemoryMiB !== undefined ? `${row.peakMemoryMiB} MiB` : '–'} |`,
		);
	}
	lines.push('');
	lines.push('| Rate limit | Customers | Requests (HTTP Request ÷ tinyEmail) | Speed-up (wall time) | Memory (HTTP Request ÷ tinyEmail) |');
	lines.push('|---|---:|---:|---:|---:|');
	for (const c of comparisons) {
		lines.push(
			`| ${c.rateLimit} | ${c.items.toLocaleString('en-US')} | ${c.requestRatio}× | ${c.speedup}×${c.projected ? ' (projected)' : ''} | ${c.memoryRatio !== undefined ? `${c.memoryRatio}×` : '–'} |`,
		);
	}
	return lines.join('\n');
}

interface Comparison {
	rateLimit: string;
	items: number;
	requestRatio: number;
	speedup: number;
	memoryRatio?: number;
	projected: boolean;
}

function compare(rows: Measurement[]): Comparison[] {
	const result: Comparison[] = [];
	for (const rateLimit of ['60/min', 'off'] as const) {
		for (const items of SIZES) {
			const node = rows.find((r) => r.contender === 'tinyEmail node' && r.rateLimit === rateLimit && r.items === items);
			const http = rows.find((r) => r.contender === 'HTTP Request node' && r.rateLimit === rateLimit && r.items === items);
			if (!node || !http) continue;
			result.push({
				rateLimit,
				items,
				requestRatio: round(http.requests / Math.max(1, node.requests), 1),
				speedup: round(http.wallSeconds / node.wallSeconds, 1),
				memoryRatio:
					node.peakMemoryMiB && http.peakMemoryMiB ? round(http.peakMemoryMiB / node.peakMemoryMiB, 2) : undefined,
				projected: node.projected || http.projected,
			});
		}
	}
	return result;
}

async function main(): Promise<void> {
	const started = Date.now();
	const workDir = mkdtempSync(join(tmpdir(), 'tinyemail-bench-'));
	let sandbox: Sandbox | undefined;
	let n8n: N8nServer | undefined;
	const stop = async () => {
		await n8n?.stop();
		await sandbox?.stop();
	};
	process.once('SIGINT', () => void stop().then(() => stopAll()).finally(() => process.exit(130)));
	try {
		const install = await provisionN8n(N8N_2);
		const tarball = await buildAndPack(join(workDir, 'pack'), { skipBuild: process.env.BENCH_SKIP_BUILD === '1' });
		const userFolder = join(workDir, 'n8n');
		await installCommunityPackage(userFolder, tarball);
		sandbox = await startSandbox({ rateLimitPerMinute: false });
		n8n = await startN8n({
			install,
			userFolder,
			port: await freePort(),
			encryptionKey: randomBytes(24).toString('hex'),
			logFile: join(workDir, 'n8n.log'),
			extraEnv: { N8N_PAYLOAD_SIZE_MAX: '64', EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_ON_ERROR: 'all' },
		});
		const client = n8n.client();
		await client.setupOrLogin(OWNER);
		const credentialId = await client.createCredential('tinyEmail bench (API key)', API_KEY_CREDENTIAL_TYPE, {
			server: 'custom',
			baseUrl: sandbox.url,
			apiKey: DEMO_API_KEY,
		});
		const ctx = { n8n, client, sandbox, credential: { id: credentialId, name: 'tinyEmail bench (API key)' } };

		// Warm-up (first-run costs of n8n: loading node types, compiling), not recorded
		await measure(ctx, 'tinyEmail node', 10, false);
		await measure(ctx, 'HTTP Request node', 10, false);

		const rows: Measurement[] = [];
		const record = (row: Measurement) => {
			rows.push(row);
			log(
				`${row.rateLimit.padEnd(6)} ${String(row.items).padStart(6)} ${row.contender.padEnd(18)} ${row.projected ? 'projected' : row.ok ? 'ok' : 'FAILED'}: ` +
					`${row.requests} requests, ${row.status429}×429, ${duration(row.wallSeconds)}, ${row.itemsPerSecond} items/s` +
					(row.peakMemoryMiB ? `, peak ${row.peakMemoryMiB} MiB` : '') +
					(row.note && !row.projected ? ` (${row.note})` : ''),
			);
		};

		for (const items of SIZES) {
			record(await measure(ctx, 'tinyEmail node', items, false));
			record(await measure(ctx, 'HTTP Request node', items, false));
		}
		const sample = await measure(ctx, 'HTTP Request node', HTTP_LIMITED_SAMPLE, true);
		for (const items of SIZES) {
			record(await measure(ctx, 'tinyEmail node', items, true));
			if (items === HTTP_LIMITED_SAMPLE) record(sample);
			else record(project(sample, items));
		}
		if (!SIZES.includes(HTTP_LIMITED_SAMPLE)) record(sample);

		const comparisons = compare(rows);
		const limited1000 = comparisons.find((c) => c.rateLimit === '60/min' && c.items === 1000);
		const node10k = rows.find((r) => r.contender === 'tinyEmail node' && r.items === 10000 && !r.projected);
		const targets = {
			'at most 100 requests for 10,000 upserts (default batch size)': node10k ? node10k.requests <= 100 : undefined,
			'under the 60/min limit, at least 50× faster than HTTP Request on 1,000 customers': limited1000 ? limited1000.speedup >= 50 : undefined,
			'every measured run stored exactly its customers': rows.filter((r) => !r.projected).every((r) => r.ok),
		};
		const text = table(rows, comparisons);
		const result = {
			generatedAt: new Date().toISOString(),
			machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), platform: process.platform },
			n8n: { version: install.n8nVersion, node: install.nodeVersion },
			driverNode: process.version,
			setup: {
				tinyEmailNode: 'Create or Update, API key, defaults (Batch Size 100, Max Requests per Minute 55, Max Retry Wait 300 s); with the limit off, Max Requests per Minute 0',
				httpRequestNode: `HTTP Request 4.2, PUT /v1/account/customer with one customer, X-API-KEY header, Batching 1 item per batch (interval ${HTTP_BATCH_INTERVAL_MS} ms under the limit, 0 without), Retry On Fail (5 tries, 5000 ms apart)`,
				trigger: 'production webhook (answers when the last node is done) → Split Out → contender; wall time measured by the driver around the webhook call',
				memory: 'peak resident memory (VmHWM, reset through /proc/<pid>/clear_refs before each run, and VmRSS sampled every 200 ms) of the n8n main process',
				projection: `HTTP Request under the limit is measured on ${HTTP_LIMITED_SAMPLE} customers; larger sizes are projected from that pace`,
			},
			rows,
			comparisons,
			targets,
			benchSeconds: Math.round((Date.now() - started) / 1000),
		};
		mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
		writeFileSync(join(REPO_ROOT, 'bench-results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
		process.stdout.write(`\n${text}\n\nTargets:\n${Object.entries(targets).map(([k, v]) => `  ${v === undefined ? 'n/a ' : v ? 'MET ' : 'MISS'}  ${k}`).join('\n')}\n`);
		process.stdout.write(`\nWritten to bench-results/latest.json (bench took ${duration(result.benchSeconds)})\n`);
		if (!targets['every measured run stored exactly its customers']) process.exitCode = 1;
	} finally {
		await stop();
		rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch(async (error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
	await stopAll();
	process.exit(1);
});
