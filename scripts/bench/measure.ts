// One measured run of one contender in one scenario: deploy the workflow(s), reset the sandbox, post the
// customers to the webhook(s), time it, and read what tinyEmail (the sandbox) and n8n saw.
import { randomBytes } from 'crypto';
import { request } from 'undici';

import type { Customer, Sandbox } from '../../sandbox/types';
import type { N8nClient } from '../lib/n8n/n8nApi';
import type { N8nServer } from '../lib/n8n/n8nServer';
import type { CredentialRef } from '../lib/n8n/workflows';
import type { EventLoopProbe } from '../lib/n8n/eventLoopProbe';
import { nodeRunLine } from '../lib/n8n/eventLoopProbe';
import { CONTENDER_NODES, benchWorkflow, type ContenderId, type Operation } from './contenders';
import { MemoryProbe } from './memory';
import { floorSeconds, type Row, type ScenarioKey } from './report';

export interface Scenario {
	key: ScenarioKey;
	title: string;
	operation: Operation;
	/** Items per run. */
	items: number;
	limited: boolean;
	/** Parallel runs on the same key (default 1). */
	runs?: number;
	/** One customer in the middle that tinyEmail refuses (its email is longer than 254 characters). */
	refusedRow?: boolean;
	/** On Error: Continue on the contender. */
	continueOnFail?: boolean;
	/** Keep the execution to read the node's own time. */
	ownTime?: boolean;
	/** Measure peak memory (the contender's first run in a fresh n8n). */
	memory?: boolean;
	/** Record the longest event-loop blocks of n8n's main process, inside the contender's nodes and outside. */
	loop?: boolean;
}

export interface BenchContext {
	n8n: N8nServer;
	client: N8nClient;
	sandbox: Sandbox;
	credential: CredentialRef;
	probe: EventLoopProbe;
}

interface PostedCustomer {
	email: string;
	firstName: string;
	tags?: string[];
}

const NEW_TAG = 'bench';
const OLD_TAG = 'old';

function customersFor(scenario: Scenario, tag: string): PostedCustomer[] {
	return Array.from({ length: scenario.items }, (_, i) => {
		const refused = scenario.refusedRow && i === Math.floor(scenario.items / 2);
		// tinyEmail's limit for an address is 254 characters; the node's own check leaves it to tinyEmail
		const email = refused ? `${'r'.repeat(250)}-${tag}@example.com` : `c${i}-${tag}@example.com`;
		const customer: PostedCustomer = { email, firstName: `Customer ${i}` };
		if (scenario.operation === 'tagsAdd') customer.tags = [NEW_TAG];
		return customer;
	});
}

/** Whether tinyEmail holds the customer as the run asked. */
function storedAsAsked(operation: Operation, posted: PostedCustomer, stored: Customer | undefined): boolean {
	if (!stored || stored.firstName !== posted.firstName) return false;
	return operation !== 'tagsAdd' || (stored.tags?.includes(OLD_TAG) === true && stored.tags.includes(NEW_TAG));
}

async function callWebhook(baseUrl: string, path: string, payload: unknown): Promise<number> {
	const res = await request(`${baseUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payload),
		// A measured run may take minutes; the bench as a whole is bounded by its plan
		headersTimeout: 30 * 60_000,
		bodyTimeout: 30 * 60_000,
	});
	await res.body.dump();
	return res.statusCode;
}

/** Production webhooks register shortly after activation: post no customers until it stops answering 404. */
async function waitUntilListening(baseUrl: string, path: string): Promise<void> {
	for (let attempt = 0; attempt < 60; attempt++) {
		if ((await callWebhook(baseUrl, path, { customers: [] })) !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`The webhook ${path} never registered (30 s after activation)`);
}

/** The Worker node's execution time (ms) in the workflow's latest saved execution. */
async function workerExecutionMs(client: N8nClient, workflowId: string): Promise<number | undefined> {
	// The newest one: the webhook's readiness probe posted no customers earlier
	const latest = (await client.listExecutions(workflowId)).sort((a, b) => Number(b.id) - Number(a.id))[0];
	if (!latest) return undefined;
	const execution = await client.getExecution(latest.id);
	const raw = execution.raw as { resultData?: { runData?: Record<string, Array<{ executionTime?: number }>> } };
	return raw.resultData?.runData?.Worker?.[0]?.executionTime;
}

export async function measure(ctx: BenchContext, contender: ContenderId, scenario: Scenario): Promise<Row> {
	const { n8n, client, sandbox, credential } = ctx;
	const runs = scenario.runs ?? 1;
	const deployed: Array<{ path: string; workflowId: string; customers: PostedCustomer[] }> = [];
	for (let run = 0; run < runs; run++) {
		const tag = randomBytes(3).toString('hex');
		const path = `bench-${tag}`;
		const workflow = benchWorkflow({
			name: `bench ${contender} ${scenario.title} ${run}`,
			path,
			spec: { contender, operation: scenario.operation, limited: scenario.limited, continueOnFail: scenario.continueOnFail === true },
			sandboxUrl: sandbox.url,
			credential,
			saveSuccess: scenario.ownTime,
		});
		const created = await client.createWorkflow(workflow as unknown as Record<string, unknown>);
		await client.activateWorkflow(created.id);
		await waitUntilListening(n8n.url, path);
		deployed.push({ path, workflowId: created.id, customers: customersFor(scenario, tag) });
	}

	// A fresh sandbox for each measurement: no customers, an empty log and counters, a fresh rate-limit window
	sandbox.control.reset();
	sandbox.control.setRateLimit(scenario.limited ? 60 : false, true);
	if (scenario.operation === 'update' || scenario.operation === 'tagsAdd') {
		for (const { customers } of deployed) {
			sandbox.control.seedCustomers(customers.map(({ email }) => ({ email, firstName: 'Old', tags: [OLD_TAG] })));
		}
	}

	const probe = scenario.memory ? new MemoryProbe(n8n.child.pid!) : undefined;
	// n8n's debug lines `Running node "X" started` / `finished`: when the contender's nodes ran
	const nodes = CONTENDER_NODES[contender];
	let nodeStart: number | undefined;
	let nodeEnd: number | undefined;
	const unsubscribe = scenario.loop
		? n8n.onLine((line) => {
				const run = nodeRunLine(line);
				if (!run || !nodes.includes(run.node)) return;
				if (run.started) nodeStart ??= run.at;
				else nodeEnd = run.at;
			})
		: undefined;
	probe?.start();
	const started = Date.now();
	const t0 = process.hrtime.bigint();
	const statuses = await Promise.all(deployed.map(({ path, customers }) => callWebhook(n8n.url, path, { customers })));
	const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const memory = probe?.stop();
	let loop: Row['loop'];
	if (scenario.loop) {
		// n8n may still be saving the execution after answering the webhook
		await new Promise((resolve) => setTimeout(resolve, 3000));
		unsubscribe?.();
		const pid = n8n.child.pid!;
		const ended = Date.now();
		const inside = nodeStart !== undefined && nodeEnd !== undefined;
		loop = {
			nodeMs: inside ? ctx.probe.longest(pid, nodeStart!, nodeEnd!) : undefined,
			outsideMs: inside
				? Math.max(ctx.probe.longest(pid, started, nodeStart!), ctx.probe.longest(pid, nodeEnd!, ended))
				: ctx.probe.longest(pid, started, ended),
			method:
				"a 10 ms timer preloaded into n8n's main process, its lateness over 20 ms logged as a block; inside the node = between n8n's Running node started/finished lines",
		};
	}

	const counters = sandbox.control.counters();
	const items = deployed.reduce((sum, { customers }) => sum + customers.length, 0);
	const stored = deployed.reduce(
		(sum, { customers }) =>
			sum + customers.filter((customer) => storedAsAsked(scenario.operation, customer, sandbox.control.getCustomer(customer.email))).length,
		0,
	);
	const row: Row = {
		scenario: scenario.key,
		title: scenario.title,
		contender,
		items,
		rateLimit: scenario.limited ? '60/min' : 'off',
		projected: false,
		requests: counters.requests,
		status429: counters.byStatus['429'] ?? 0,
		stored,
		lost: items - stored,
		outcome: statuses.every((status) => status === 200) ? 'success' : 'failed',
		wallSeconds: Math.round(wallSeconds * 100) / 100,
		memory,
		loop,
		floorSeconds: scenario.loop && scenario.limited ? floorSeconds(Math.ceil(items / 1000)) : undefined,
	};
	if (row.outcome === 'failed') row.note = `webhook answered ${statuses.join(', ')}`;

	if (scenario.ownTime) {
		const executionMs = await workerExecutionMs(client, deployed[0].workflowId);
		const log = sandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'));
		if (executionMs !== undefined && log.length > 0) {
			const spanMs = Math.max(...log.map((entry) => entry.answeredAt ?? entry.at)) - Math.min(...log.map((entry) => entry.at));
			row.nodeExecutionMs = executionMs;
			row.requestSpanMs = spanMs;
			row.ownMsPerItem = Math.round(((executionMs - spanMs) / items) * 10_000) / 10_000;
		} else {
			row.note = 'the execution or its requests were not found: no own time';
		}
	}
	return row;
}
