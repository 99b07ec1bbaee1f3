// `npm run bench`: this node against the best hand-built n8n flow and against the flow most users build, side by
// side in one run of a real n8n 2.41.1 (provisioned by scripts/lib/provision.ts, the packed package installed as
// a community node), against the tinyEmail sandbox with its 60/min limit on and off:
//   tinyEmail node   Create or Update (and Create, Update, Tags Add), Fields to Send: Map Automatically, defaults
//   peer (a)         Code node grouping the customers into batches of 1,000 → HTTP Request PUT per batch
//   peer (b)         HTTP Request, one customer per request, paced to 57/min under the limit
// Each contender runs in its own fresh n8n (so its peak memory is its own). Prints the table and the issue's
// targets with met / not met, and writes bench-results/latest.json. Runs of peer (b) under the limit that would
// take hours are projected from the pace of a measured 100-item run and marked so.
//
// Environment: BENCH_QUICK=1 (smoke run: 100 and 1,000 customers, small samples), BENCH_SIZES=1000,10000 (the
// small and large size), BENCH_CONTENDERS=node,peerA,peerB, BENCH_HTTP_LIMITED_SAMPLE=100 (items of peer (b)'s
// measured run under the limit), BENCH_CONCURRENT_ITEMS=60 (items of each of the two concurrent runs),
// BENCH_SKIP_BUILD=1 (reuse dist/), BENCH_HUGE=100000 (the scale runs: 100,000 upserts, 2,000 in a smoke run).
import { randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';

import { DEMO_API_KEY, startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox/types';
import { REPO_ROOT, buildAndPack, installCommunityPackage } from '../lib/package/communityPackage';
import type { OwnerAccount } from '../lib/n8n/n8nApi';
import { freePort, startN8n, type N8nServer } from '../lib/n8n/n8nServer';
import { log, stopAll } from '../lib/proc';
import { N8N_2, type N8nInstall } from '../lib/provisioning/targets';
import { provisionN8n } from '../lib/provisioning/provision';
import { eventLoopProbe, type EventLoopProbe } from '../lib/n8n/eventLoopProbe';
import { API_KEY_CREDENTIAL_TYPE } from '../lib/n8n/workflows';
import { CONTENDERS, PEER_A_BATCH, PEER_B_INTERVAL_MS, type ContenderId } from './contenders';
import { measure, type BenchContext, type Scenario } from './measure';
import { count, duration, table, targetLines, targets, targetTable, type Row } from './report';

const QUICK = process.env.BENCH_QUICK === '1';
const [SMALL, LARGE] = (process.env.BENCH_SIZES ?? (QUICK ? '100,1000' : '1000,10000')).split(',').map((s) => Number(s.trim()));
/** The scale runs (issue 18, point 5): 100,000 upserts, 2,000 in a smoke run. */
const HUGE = Number(process.env.BENCH_HUGE ?? (QUICK ? 2000 : 100_000));
const HTTP_LIMITED_SAMPLE = Number(process.env.BENCH_HTTP_LIMITED_SAMPLE ?? (QUICK ? 10 : 100));
const CONCURRENT_ITEMS = Number(process.env.BENCH_CONCURRENT_ITEMS ?? (QUICK ? 15 : 60));
const SELECTED = (process.env.BENCH_CONTENDERS ?? 'node,peerA,peerB').split(',').map((s) => s.trim()) as ContenderId[];
/** Peer (b)'s Retry On Fail repeats a refused request 4 times, 5 s apart. */
const PEER_B_REFUSED_RETRIES = { requests: 4, seconds: 20 };

const OWNER: OwnerAccount = {
	email: 'bench@example.com',
	firstName: 'Bench',
	lastName: 'Mark',
	password: `Bench-${randomBytes(6).toString('hex')}-Pass1`,
};

const upserts = (items: number, limited: boolean, extra: Partial<Scenario> = {}): Scenario => ({
	key: 'upsert',
	title: `${count(items)} upserts`,
	operation: 'upsert',
	items,
	limited,
	...extra,
});

/** A scale run: memory and event-loop blocks measured on that run, the execution saved (own time). */
const scale = (items: number, limited: boolean): Scenario => ({
	...upserts(items, limited, { memory: true, loop: true, ownTime: true }),
	key: 'scale',
	title: `${count(items)} upserts (scale)`,
});

/** What each contender runs, in order, in its own fresh n8n. The first measured run also measures memory. */
function plan(contender: ContenderId): Scenario[] {
	const common = [
		upserts(LARGE, false, { memory: true }),
		upserts(SMALL, false),
		...(contender === 'peerB' ? [] : [upserts(SMALL, true), upserts(LARGE, true)]),
	];
	const refused: Scenario = {
		key: 'refusedRow',
		title: `${count(LARGE)} upserts, one refused row`,
		operation: 'upsert',
		items: LARGE,
		limited: true,
		refusedRow: true,
		continueOnFail: true,
	};
	if (contender === 'peerA') return [...common, refused, scale(HUGE, false), scale(HUGE, true)];
	if (contender === 'peerB') return [...common, upserts(HTTP_LIMITED_SAMPLE, true)];
	return [
		...common,
		refused,
		{ key: 'create', title: `${count(SMALL)} creates (each email read first)`, operation: 'create', items: SMALL, limited: false },
		{ key: 'update', title: `${count(SMALL)} updates (each email read first)`, operation: 'update', items: SMALL, limited: false },
		{
			key: 'tagsAdd',
			title: `${count(SMALL)} upserts, Tags Mode Add to Existing (each read first)`,
			operation: 'tagsAdd',
			items: SMALL,
			limited: false,
		},
		{
			key: 'ownTime',
			title: `${count(LARGE)} upserts, execution saved (own time)`,
			operation: 'upsert',
			items: LARGE,
			limited: false,
			ownTime: true,
		},
		{
			key: 'concurrent',
			title: `2 concurrent runs × ${count(CONCURRENT_ITEMS)} updates, one key`,
			operation: 'update',
			items: CONCURRENT_ITEMS,
			limited: true,
			runs: 2,
		},
		scale(HUGE, false),
		scale(HUGE, true),
	];
}

/** Peer (b) under the limit at the sizes that would take hours, from the pace of its measured run. */
function projectPeerB(sample: Row): Row[] {
	const perItem = sample.wallSeconds / sample.items;
	const basis = `projected from the measured ${count(sample.items)}-item run under the limit (${duration(sample.wallSeconds)})`;
	const projected = (items: number, refused: boolean): Row => ({
		scenario: refused ? 'refusedRow' : 'upsert',
		title: refused ? `${count(items)} upserts, one refused row` : `${count(items)} upserts`,
		contender: 'peerB',
		items,
		rateLimit: '60/min',
		projected: true,
		projectedFrom: refused ? `${basis}; the refused request retried ${PEER_B_REFUSED_RETRIES.requests} times by Retry On Fail` : basis,
		requests: items + (refused ? PEER_B_REFUSED_RETRIES.requests : 0),
		status429: 0,
		stored: items - (refused ? 1 : 0),
		lost: refused ? 1 : 0,
		outcome: 'success',
		wallSeconds: Math.round(perItem * items + (refused ? PEER_B_REFUSED_RETRIES.seconds : 0)),
	});
	return [projected(SMALL, false), projected(LARGE, false), projected(LARGE, true)];
}

/** A fresh n8n with the package installed, an owner and the API-key credential, for one contender. */
async function freshN8n(
	install: N8nInstall,
	tarball: string,
	sandbox: Sandbox,
	workDir: string,
	name: string,
): Promise<{ n8n: N8nServer; ctx: BenchContext }> {
	const probe: EventLoopProbe = eventLoopProbe(workDir, `event-loop-${name}`);
	const userFolder = join(workDir, `n8n-${name}`);
	await installCommunityPackage(userFolder, tarball);
	const n8n = await startN8n({
		install,
		userFolder,
		port: await freePort(),
		encryptionKey: randomBytes(24).toString('hex'),
		logFile: join(workDir, `n8n-${name}.log`),
		extraEnv: {
			N8N_PAYLOAD_SIZE_MAX: '64',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			// `Running node "X" started/finished` with n8n's own timestamps, for the event-loop figures
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_FORMAT: 'json',
			...probe.env,
		},
	});
	const client = n8n.client();
	await client.setupOrLogin(OWNER);
	// A Custom URL (the sandbox) instead of tinyEmail's own
	const credentialId = await client.createCredential('tinyEmail bench (API key)', API_KEY_CREDENTIAL_TYPE, {
		server: 'custom',
		baseUrl: sandbox.url,
		apiKey: DEMO_API_KEY,
	});
	return { n8n, ctx: { n8n, client, sandbox, probe, credential: { id: credentialId, name: 'tinyEmail bench (API key)' } } };
}

function logRow(row: Row): void {
	log(
		`${row.rateLimit.padEnd(6)} ${row.title} — ${CONTENDERS[row.contender]}${row.projected ? ' (projected)' : ''}: ${count(row.requests)} requests, ` +
			`${row.status429}×429, ${count(row.stored)} stored, ${count(row.lost)} lost, ${row.outcome}, ${duration(row.wallSeconds)}` +
			(row.ownMsPerItem !== undefined ? `, own ${row.ownMsPerItem} ms/item` : '') +
			(row.memory ? `, peak ${row.memory.peakMiB} MiB (from ${row.memory.baselineMiB})` : '') +
			(row.floorSeconds !== undefined ? `, floor ${duration(row.floorSeconds)}` : '') +
			(row.loop ? `, longest event-loop block in the node ${row.loop.nodeMs ?? '?'} ms, n8n outside it ${row.loop.outsideMs} ms` : '') +
			(row.note ? ` (${row.note})` : ''),
	);
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
	process.once(
		'SIGINT',
		() =>
			void stop()
				.then(() => stopAll())
				.finally(() => process.exit(130)),
	);
	try {
		const install = await provisionN8n(N8N_2);
		const tarball = await buildAndPack(join(workDir, 'pack'), { skipBuild: process.env.BENCH_SKIP_BUILD === '1' });
		sandbox = await startSandbox({ rateLimitPerMinute: false });
		const rows: Row[] = [];
		const record = (row: Row) => {
			rows.push(row);
			logRow(row);
		};

		for (const contender of (['node', 'peerA', 'peerB'] as ContenderId[]).filter((c) => SELECTED.includes(c))) {
			const fresh = await freshN8n(install, tarball, sandbox, workDir, contender);
			n8n = fresh.n8n;
			// Warm-up (n8n's first-run costs: loading node types, compiling, starting the task runner), not recorded
			await measure(fresh.ctx, contender, upserts(10, false));
			for (const scenario of plan(contender)) {
				const row = await measure(fresh.ctx, contender, scenario);
				record(row);
				if (contender === 'peerB' && scenario.limited) projectPeerB(row).forEach(record);
			}
			if (contender === 'node') {
				// The same own-time run with two expressions per item (Email, First Name), for comparison
				record(
					await measure(fresh.ctx, 'nodeManual', {
						...upserts(LARGE, false),
						key: 'ownTime',
						title: `${count(LARGE)} upserts, execution saved (own time)`,
						ownTime: true,
					}),
				);
				record(await measure(fresh.ctx, 'nodeManual', scale(HUGE, true)));
			}
			await n8n.stop();
			n8n = undefined;
		}

		const list = targets(rows, LARGE, HUGE);
		const result = {
			generatedAt: new Date().toISOString(),
			quick: QUICK,
			machine: {
				cpus: cpus().length,
				cpuModel: cpus()[0]?.model,
				memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
				platform: process.platform,
			},
			n8n: { version: install.n8nVersion, node: install.nodeVersion },
			driverNode: process.version,
			setup: {
				contenders: CONTENDERS,
				tinyEmailNode:
					'Fields to Send: Map Automatically; default options; with the limit off, Max Requests per Minute 0. The refused-row run has On Error: Continue.',
				peerA: `Code node (Run Once for All Items) groups the items into batches of ${PEER_A_BATCH} { updateMembers } → HTTP Request 4.2 PUT /v1/account/customer per batch, X-API-KEY header, Retry On Fail (5 tries, 5000 ms apart); the refused-row run has On Error: Continue`,
				peerB: `HTTP Request 4.2, PUT /v1/account/customer with one customer, Batching 1 item per batch (${PEER_B_INTERVAL_MS} ms apart under the limit, 0 without), Retry On Fail (5 tries, 5000 ms apart)`,
				trigger:
					'production webhook (answers when the last node is done) → Split Out → contender; wall time measured by the driver around the webhook call; successful executions are not saved except in the own-time runs',
				ownTime:
					"Worker node's executionTime from the saved execution's runData minus the time from the sandbox's first request arrival to its last answer",
				memory:
					'each contender in a fresh n8n; on its first run after a 10-item warm-up: the highest sum of VmRSS of the n8n process and its children (task runners), sampled every 100 ms; the main process VmHWM too',
				projection: `peer (b) under the limit is measured on ${HTTP_LIMITED_SAMPLE} customers; the other sizes are projected from that pace`,
				scale: `${count(HUGE)} upserts per contender, with the limit off and on; memory (peak over the run's start), own time (execution saved) and the longest event-loop blocks of n8n's main process measured on that run: a 10 ms timer preloaded into n8n (NODE_OPTIONS=--require) logs its lateness over 20 ms as a block; inside the node = between n8n's Running node "…" started/finished debug lines (n8n's own timestamps), outside = the rest of the run up to 3 s after the webhook answered (webhook body, Split Out, saving the execution). Floor = the least time ⌈N/1000⌉ requests take at 60 a minute with a sliding window. Measured, not projected`,
				refusedRow:
					'one customer in the middle has an email longer than 254 characters: the node lets tinyEmail decide, the sandbox refuses it with a 400 naming it',
			},
			rows,
			targets: list,
			benchSeconds: Math.round((Date.now() - started) / 1000),
		};
		mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
		writeFileSync(join(REPO_ROOT, 'bench-results', 'latest.json'), JSON.stringify(result, null, 2) + '\n');
		process.stdout.write(`\n${table(rows)}\n\n${targetTable(list)}\n\nTargets:\n${targetLines(list)}\n`);
		process.stdout.write(`\nWritten to bench-results/latest.json (bench took ${duration(result.benchSeconds)})\n`);
	} finally {
		await stop();
		rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch(async (error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	await stopAll();
	process.exit(1);
});
