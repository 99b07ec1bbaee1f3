// Waiting for a queue-mode n8n's executions, and the table of which worker ran which execution.
import type { ExecutionSummary, N8nClient } from '../../scripts/lib/n8n/n8nApi';
import { log, waitFor } from '../../scripts/lib/proc';

const UNFINISHED = ['new', 'running', 'waiting', 'unknown'];

/** Waits until `count` executions of the workflow that are not in `known` have finished; returns them, oldest first. */
export async function waitForNewExecutions(
	client: N8nClient,
	workflowId: string,
	known: Set<string>,
	count: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	return await waitFor(
		`${count} finished executions of workflow ${workflowId}`,
		async () => {
			const fresh = (await client.listExecutions(workflowId)).filter((e) => !known.has(e.id));
			const finished = fresh.filter((e) => !UNFINISHED.includes(e.status));
			return finished.length >= count ? finished.sort((a, b) => Number(a.id) - Number(b.id)) : undefined;
		},
		{ timeoutMs, intervalMs: 1000 },
	);
}

export async function executionIds(client: N8nClient, workflowId: string): Promise<Set<string>> {
	return new Set((await client.listExecutions(workflowId)).map((e) => e.id));
}

export interface ExecutionRow {
	scenario: string;
	execution: string;
	worker: string;
	status: string;
	note?: string;
}

/** Prints rows as an aligned table on stderr (jest leaves stderr as it is). */
export function printTable(title: string, rows: Array<Record<string, string | number | undefined>>): void {
	if (rows.length === 0) return;
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const cell = (row: Record<string, string | number | undefined>, column: string) => String(row[column] ?? '');
	const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row, column).length)));
	const line = (values: string[]) =>
		values
			.map((value, i) => value.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	log(
		[
			title,
			line(columns),
			line(widths.map((w) => '-'.repeat(w))),
			...rows.map((row) => line(columns.map((column) => cell(row, column)))),
		].join('\n'),
	);
}

/** How many executions each worker ran, e.g. { 'worker-1': 5, 'worker-2': 5 }. */
export function perWorker(rows: ExecutionRow[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const row of rows) counts[row.worker] = (counts[row.worker] ?? 0) + 1;
	return counts;
}
