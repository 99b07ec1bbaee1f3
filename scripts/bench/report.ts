// The benchmark's rows, its table (Markdown, as in docs/development/benchmark.md) and the issue's targets with met / not met.
import { CONTENDERS, type ContenderId } from './contenders';
import type { MemoryPeak } from './memory';

export type ScenarioKey = 'upsert' | 'refusedRow' | 'create' | 'update' | 'tagsAdd' | 'concurrent' | 'ownTime' | 'scale';

export interface Row {
	scenario: ScenarioKey;
	/** What was run, in words, e.g. "10,000 upserts, one refused row". */
	title: string;
	contender: ContenderId;
	items: number;
	rateLimit: '60/min' | 'off';
	/** True when the figures are extrapolated (see `projectedFrom`), not measured. */
	projected: boolean;
	projectedFrom?: string;
	/** Requests tinyEmail received (every attempt, 429s included). */
	requests: number;
	status429: number;
	/** Customers stored as asked after the run. */
	stored: number;
	/** Items whose customer was not stored as asked. */
	lost: number;
	/** How the run(s) ended: the webhook answered 200 (success) or an error. */
	outcome: 'success' | 'failed';
	wallSeconds: number;
	/** The node's execution time minus the time between its first request's arrival and its last answer. */
	ownMsPerItem?: number;
	nodeExecutionMs?: number;
	requestSpanMs?: number;
	/** Measured in a fresh n8n, on the contender's first run after a 10-item warm-up; for the scale runs, on that run. */
	memory?: MemoryPeak;
	/** The least time the run's requests can take under tinyEmail's 60 a minute (sliding window), seconds. */
	floorSeconds?: number;
	/** The longest event-loop blocks of n8n's main process during the run (see scripts/lib/n8n/eventLoopProbe.ts). */
	loop?: LoopFigures;
	note?: string;
}

export interface LoopFigures {
	/** Inside the contender's nodes: between n8n's `Running node` started and finished lines, ms. */
	nodeMs?: number;
	/** Outside them during the run: the webhook's body, the nodes before, saving the execution, ms. */
	outsideMs: number;
	method: string;
}

export interface Target {
	target: string;
	figure: string;
	/** undefined: not measured in this run. */
	met?: boolean;
	projected?: boolean;
}

export const count = (n: number) => n.toLocaleString('en-US');

export function duration(seconds: number): string {
	if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
	if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
	return `${(seconds / 3600).toFixed(1)} h`;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const SCENARIO_ORDER: ScenarioKey[] = ['upsert', 'refusedRow', 'concurrent', 'create', 'update', 'tagsAdd', 'ownTime', 'scale'];
const CONTENDER_ORDER: ContenderId[] = ['node', 'nodeManual', 'peerA', 'peerB'];

/** Side by side: each run's contenders next to each other, upserts by size with the limit off, then on. */
function sideBySide(rows: Row[]): Row[] {
	return [...rows].sort(
		(a, b) =>
			SCENARIO_ORDER.indexOf(a.scenario) - SCENARIO_ORDER.indexOf(b.scenario) ||
			a.items - b.items ||
			Number(a.rateLimit !== 'off') - Number(b.rateLimit !== 'off') ||
			CONTENDER_ORDER.indexOf(a.contender) - CONTENDER_ORDER.indexOf(b.contender),
	);
}

export function table(rows: Row[]): string {
	const lines = [
		'| Run | Limit | Contender | Requests | 429s | Stored | Lost | Outcome | Wall time | Own time / item | Peak memory (start) | Longest event-loop block: in the node (n8n outside it) |',
		'|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
	];
	for (const row of sideBySide(rows)) {
		const mark = row.projected ? ' **(projected)**' : '';
		const memory = row.memory ? `${row.memory.peakMiB} MiB (${row.memory.baselineMiB})` : '–';
		const own = row.ownMsPerItem === undefined ? '–' : `${row.ownMsPerItem.toFixed(3)} ms`;
		const floor = row.floorSeconds === undefined ? '' : ` (floor ${duration(row.floorSeconds)})`;
		const loop = row.loop
			? `${row.loop.nodeMs === undefined ? '?' : `${count(row.loop.nodeMs)} ms`} (${count(row.loop.outsideMs)} ms)`
			: '–';
		lines.push(
			`| ${row.title} | ${row.rateLimit} | ${CONTENDERS[row.contender]}${mark} | ${count(row.requests)} | ${count(row.status429)} | ${count(row.stored)} | ${count(row.lost)} | ${row.outcome} | ${duration(row.wallSeconds)}${mark ? ' (projected)' : ''}${floor} | ${own} | ${memory} | ${loop} |`,
		);
	}
	return lines.join('\n');
}

function find(rows: Row[], scenario: ScenarioKey, contender: ContenderId, items: number, rateLimit: Row['rateLimit']): Row | undefined {
	return rows.find((row) => row.scenario === scenario && row.contender === contender && row.items === items && row.rateLimit === rateLimit);
}

/** The least time `requests` can take at 60 a minute with a sliding window: 60 at once, the next 60 a minute later, … */
export function floorSeconds(requests: number): number {
	return Math.max(0, Math.ceil(requests / 60) - 1) * 60;
}

/** The scale targets (issue 18, point 5), at `huge` items (100,000 in a full run). */
function scaleTargets(rows: Row[], huge: number): Target[] {
	const result: Target[] = [];
	for (const contender of ['node', 'nodeManual'] as ContenderId[]) {
		const row = find(rows, 'scale', contender, huge, '60/min');
		result.push({
			target: `${count(huge)} upserts (60/min), ${CONTENDERS[contender]}: ≤ ${count(Math.ceil(huge / 1000))} requests, run succeeds`,
			figure: row
				? `${count(row.requests)} requests, ${row.outcome}, ${duration(row.wallSeconds)} against a floor of ${duration(row.floorSeconds ?? 0)}`
				: 'not measured',
			met: row ? row.requests <= Math.ceil(huge / 1000) && row.outcome === 'success' : undefined,
		});
		result.push({
			target: `${count(huge)} upserts, ${CONTENDERS[contender]}: no block of the event loop inside the node over 200 ms`,
			figure:
				row?.loop?.nodeMs !== undefined
					? `longest ${count(row.loop.nodeMs)} ms (n8n outside the node: ${count(row.loop.outsideMs)} ms)`
					: 'not measured',
			met: row?.loop?.nodeMs !== undefined ? row.loop.nodeMs <= 200 : undefined,
		});
	}
	return result;
}

/** The issue's targets, measured side by side in this run, at `large` items (10,000 in a full run) and `huge` (100,000). */
export function targets(rows: Row[], large: number, huge?: number): Target[] {
	const result: Target[] = [];
	const node = find(rows, 'upsert', 'node', large, '60/min');
	const peerA = find(rows, 'upsert', 'peerA', large, '60/min');
	result.push({
		target: `at defaults, ${count(large)} clean upserts (60/min) with Map Automatically: wall time ≤ 1.2× peer (a)`,
		figure:
			node && peerA
				? `${duration(node.wallSeconds)} vs ${duration(peerA.wallSeconds)} = ${round(node.wallSeconds / peerA.wallSeconds, 2)}×`
				: 'not measured',
		met: node && peerA ? node.wallSeconds <= 1.2 * peerA.wallSeconds && node.outcome === 'success' : undefined,
	});
	result.push({
		target: `at defaults, ${count(large)} clean upserts (60/min): ≤ ${Math.ceil(large / 1000)} requests`,
		figure: node ? `${count(node.requests)} requests` : 'not measured',
		met: node ? node.requests <= Math.ceil(large / 1000) : undefined,
	});
	const own = find(rows, 'ownTime', 'node', large, 'off');
	result.push({
		target: "the node's own time ≤ 0.1 ms per item with Map Automatically",
		figure: own?.ownMsPerItem !== undefined ? `${own.ownMsPerItem.toFixed(3)} ms per item (${count(large)} items)` : 'not measured',
		met: own?.ownMsPerItem !== undefined ? own.ownMsPerItem <= 0.1 : undefined,
	});
	const refused = find(rows, 'refusedRow', 'node', large, '60/min');
	result.push({
		target: `${count(large)} upserts with one refused row: ${count(large - 1)} stored`,
		figure: refused ? `${count(refused.stored)} stored, ${count(refused.lost)} lost, run ${refused.outcome}` : 'not measured',
		met: refused ? refused.stored === large - 1 : undefined,
	});
	result.push({
		target: `${count(large)} upserts with one refused row: ≤ 20 extra requests`,
		figure:
			refused && node ? `${count(refused.requests)} requests, ${refused.requests - node.requests} more than the clean run` : 'not measured',
		met: refused && node ? refused.requests - node.requests <= 20 : undefined,
	});
	const refusedPeerA = find(rows, 'refusedRow', 'peerA', large, '60/min');
	if (refusedPeerA) {
		result.push({
			target: '(for comparison) peer (a) with the same refused row',
			figure: `${count(refusedPeerA.stored)} stored, ${count(refusedPeerA.lost)} lost, ${count(refusedPeerA.requests)} requests, run ${refusedPeerA.outcome}`,
		});
	}
	const concurrent = rows.find((row) => row.scenario === 'concurrent' && row.contender === 'node');
	result.push({
		target: 'two concurrent runs on one key: 0 failed items',
		figure: concurrent ? `${count(concurrent.lost)} failed of ${count(concurrent.items)}` : 'not measured',
		met: concurrent ? concurrent.lost === 0 : undefined,
	});
	result.push({
		target: 'two concurrent runs on one key: ≤ 5% of requests answered 429',
		figure: concurrent
			? `${count(concurrent.status429)} of ${count(concurrent.requests)} = ${round((100 * concurrent.status429) / Math.max(1, concurrent.requests), 1)}%`
			: 'not measured',
		met: concurrent ? concurrent.status429 <= 0.05 * concurrent.requests : undefined,
	});
	if (huge !== undefined) result.push(...scaleTargets(rows, huge));
	return result;
}

export function targetLines(list: Target[]): string {
	return list
		.map(
			(entry) =>
				`${entry.met === undefined ? (entry.figure === 'not measured' ? 'n/a    ' : 'info   ') : entry.met ? 'MET    ' : 'NOT MET'}  ${entry.target} — ${entry.figure}`,
		)
		.join('\n');
}

export function targetTable(list: Target[]): string {
	return [
		'| Target | Figure | Met |',
		'|---|---|---|',
		...list.map((entry) => `| ${entry.target} | ${entry.figure} | ${entry.met === undefined ? '–' : entry.met ? 'yes' : '**no**'} |`),
	].join('\n');
}
