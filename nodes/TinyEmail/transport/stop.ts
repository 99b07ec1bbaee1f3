import type { INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestContext } from './context';

/**
 * Stopping: n8n aborts an execution's cancel signal when the user clicks Stop (or calls
 * `POST /rest/executions/<id>/stop`, or the workflow times out). n8n-core hands that signal to every
 * request it sends; the node also ends every wait on it and sends nothing once it fired.
 */

/** Thrown when n8n stopped the execution; never turned into an item error (see helpers/itemOutcomes.ts). */
export class ExecutionStoppedError extends NodeOperationError {
	constructor(node: INode) {
		super(node, 'The execution was stopped', {
			description: 'n8n stopped this execution; the tinyEmail node sent no request after that.',
		});
	}
}

/** n8n's cancel signal of this execution; none in the editor's list searches or in n8n versions without one. */
export function cancelSignalOf(ctx: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
}

/** What a wait rejects with when the signal fired; the transport turns it into ExecutionStoppedError. */
export class WaitAborted extends Error {
	constructor() {
		super('The wait was aborted');
	}
}

/**
 * Waits `ms`, or rejects with WaitAborted as soon as `signal` fires. n8n-workflow's `sleep` takes the
 * signal since n8n 2.x (and then clears its timer); racing it with the signal also covers older versions.
 */
export async function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw new WaitAborted();
	let onAbort = (): void => undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(new WaitAborted());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal).catch(() => undefined), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
	if (signal.aborted) throw new WaitAborted();
}
