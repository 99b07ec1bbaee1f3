import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ExecutionStoppedError } from '../transport/stop';
import { runsAsTool, withoutItemNumbers } from './toolRun';
import { forEachYielding } from './yieldEvery';

export type ItemError = NodeApiError | NodeOperationError;

/**
 * One outcome per input item, and the node's per-item error policy in one place:
 * without "Continue On Fail" the first failure stops the run (thrown, naming its item);
 * with it, a failure becomes that item's output `{ error }`. Every output is paired to its input.
 * When n8n runs the node as a tool, failures speak of the tool's input, not of item numbers.
 */
export class ItemOutcomes {
	private readonly outcomes: Array<Array<{ json: IDataObject }> | undefined>;
	private readonly failed = new Set<number>();

	constructor(
		private readonly node: INode,
		itemCount: number,
		private readonly continueOnFail: boolean,
	) {
		this.outcomes = new Array(itemCount).fill(undefined);
	}

	succeed(itemIndex: number, json: IDataObject): void {
		this.outcomes[itemIndex] = [{ json }];
	}

	/** Several output items (or none) for one input item, e.g. Get Many; each is paired to that input. */
	succeedMany(itemIndex: number, jsons: IDataObject[]): void {
		this.outcomes[itemIndex] = jsons.map((json) => ({ json }));
	}

	/** Whether the item has been settled as a success (not failed). */
	hasSucceeded(itemIndex: number): boolean {
		return this.outcomes[itemIndex] !== undefined && !this.failed.has(itemIndex);
	}

	/**
	 * Records the failure of one item; throws it right away unless Continue On Fail is on. A stopped
	 * execution is no item's failure: it always ends the run.
	 */
	fail(itemIndex: number, error: ItemError): void {
		if (error instanceof ExecutionStoppedError) throw error;
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		if (runsAsTool(this.node)) forTheAgent(error);
		this.failed.add(itemIndex);
		if (!this.continueOnFail) throw error;
		this.outcomes[itemIndex] = [{ json: { error: error.message } }];
	}

	/**
	 * Runs one item's work under this policy: whatever it throws (after `explain`, if given) is that
	 * item's failure. Gives the work's result, or undefined when the item failed with Continue On Fail.
	 */
	async attempt<T>(itemIndex: number, work: () => Promise<T>, explain?: (error: unknown) => Promise<unknown>): Promise<T | undefined> {
		try {
			return await work();
		} catch (error) {
			this.fail(itemIndex, asItemError(this.node, explain ? await explain(error) : error));
			return undefined;
		}
	}

	/** attempt() for every input item in turn, in input order (forEachYielding: the event loop gets its turns). */
	async forEachItem(work: (itemIndex: number) => Promise<void>): Promise<void> {
		await forEachYielding(this.outcomes.length, async (itemIndex) => {
			await this.attempt(itemIndex, async () => await work(itemIndex));
		});
	}

	/** Same failure for several items (a whole batch). */
	failAll(itemIndexes: number[], error: ItemError): void {
		for (const itemIndex of itemIndexes) this.fail(itemIndex, error);
	}

	isSettled(itemIndex: number): boolean {
		return this.outcomes[itemIndex] !== undefined;
	}

	/** The node's output: every outcome in input order, each paired to its input item. */
	async toOutput(): Promise<INodeExecutionData[]> {
		const output: INodeExecutionData[] = [];
		await forEachYielding(this.outcomes.length, (itemIndex) => {
			const outcome = this.outcomes[itemIndex];
			if (!outcome) {
				throw new NodeOperationError(this.node, `Item ${itemIndex} got no result (a bug in the tinyEmail node)`, { itemIndex });
			}
			for (const { json } of outcome) output.push({ json, pairedItem: { item: itemIndex } });
		});
		return output;
	}
}

/** In a tool call the error reaches an AI agent or MCP client: what went wrong, without item numbers. */
function forTheAgent(error: ItemError): void {
	error.message = withoutItemNumbers(error.message);
	if (typeof error.description === 'string') error.description = withoutItemNumbers(error.description);
}

/** Anything caught becomes an n8n error the router can attach to an item. */
export function asItemError(node: INode, error: unknown): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (!(error instanceof Error)) return new NodeOperationError(node, String(error));
	// Keep a description an error brings along (e.g. transport/paging.ts's PagingError)
	const { description } = error as { description?: unknown };
	return new NodeOperationError(node, error, typeof description === 'string' ? { description } : {});
}
