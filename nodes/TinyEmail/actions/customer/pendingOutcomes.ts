import type { IDataObject } from 'n8n-workflow';

import type { ItemError, ItemOutcomes } from '../../helpers/itemOutcomes';
import { ExecutionStoppedError } from '../../transport/stop';

/**
 * The outcomes of one batch's items, held until the whole batch is done and then settled in item
 * order. So a batch is always carried through (every valid customer in it written) before the first
 * failure in it stops the run (without Continue On Fail); later batches are then not sent.
 */
export class PendingOutcomes {
	private readonly results = new Map<number, { json: IDataObject } | { error: ItemError }>();

	succeed(itemIndex: number, json: IDataObject): void {
		this.results.set(itemIndex, { json });
	}

	fail(itemIndex: number, error: ItemError): void {
		// A stopped execution is no item's failure: it ends the run at once
		if (error instanceof ExecutionStoppedError) throw error;
		this.results.set(itemIndex, { error });
	}

	failAll(itemIndexes: number[], error: ItemError): void {
		for (const itemIndex of itemIndexes) this.fail(itemIndex, error);
	}

	hasSucceeded(itemIndex: number): boolean {
		const result = this.results.get(itemIndex);
		return result !== undefined && 'json' in result;
	}

	/** Hands every outcome to the run's outcomes, in item order (the first failure throws without Continue On Fail). */
	settleInto(outcomes: ItemOutcomes): void {
		for (const [itemIndex, result] of [...this.results].sort(([a], [b]) => a - b)) {
			if ('error' in result) outcomes.fail(itemIndex, result.error);
			else outcomes.succeed(itemIndex, result.json);
		}
	}
}
