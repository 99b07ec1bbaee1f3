import type { IExecuteFunctions } from 'n8n-workflow';

import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { BatchWriter } from './batchWriter';
import type { PlannedWrite, WriteExpectation } from './plannedWrite';
import type { CustomerInput } from './customerInput';
import { emailKey } from '../../helpers/emailKey';
import { PendingOutcomes } from './pendingOutcomes';
import { forEachYielding } from '../../helpers/yieldEvery';

export interface WritePlan {
	batchSize: number;
	/**
	 * Turns one input into its write, reading from tinyEmail what it needs: called for the inputs of a
	 * batch right before that batch is written, so what it read is as fresh as it can be. Returns
	 * undefined when the input was settled without a write (failed, or nothing to change).
	 */
	plan(input: CustomerInput, pending: PendingOutcomes): Promise<PlannedWrite | undefined>;
	/** What tinyEmail's counts should say (see BatchWriter). */
	expect?: WriteExpectation;
	/** Called for each write tinyEmail took, before the next batch is planned. */
	written?(write: PlannedWrite): void;
}

/**
 * Writes customers batch by batch: the inputs are grouped into batches (input order kept, at most
 * Batch Size, never the same email twice in one batch, so a later item for the same email is applied
 * after the earlier one); for each batch, its inputs are planned (reads included), the batch is written,
 * and its outcomes are settled before the next batch starts. Returns every planned write.
 */
export async function writeCustomers(
	ctx: IExecuteFunctions,
	inputs: CustomerInput[],
	writePlan: WritePlan,
	outcomes: ItemOutcomes,
): Promise<PlannedWrite[]> {
	const writer = new BatchWriter(ctx, writePlan.expect);
	const planned: PlannedWrite[] = [];
	for (const batch of await toBatches(inputs, writePlan.batchSize, (input) => emailKey(input.email))) {
		const pending = new PendingOutcomes();
		const writes: PlannedWrite[] = [];
		for (const input of batch) {
			try {
				const write = await writePlan.plan(input, pending);
				if (write) writes.push(write);
			} catch (error) {
				pending.fail(input.itemIndex, asItemError(ctx.getNode(), error));
			}
		}
		await writer.write(writes, pending);
		for (const write of writes) if (pending.hasSucceeded(write.itemIndex)) writePlan.written?.(write);
		pending.settleInto(outcomes);
		planned.push(...writes);
	}
	writer.reportBatchLimit();
	return planned;
}

/** Groups in order into batches of at most `batchSize`, starting a new batch where a key would repeat. */
export async function toBatches<T>(list: T[], batchSize: number, keyOf: (entry: T) => string): Promise<T[][]> {
	const batches: T[][] = [];
	let current: T[] = [];
	let keys = new Set<string>();
	await forEachYielding(list.length, (index) => {
		const entry = list[index];
		const key = keyOf(entry);
		if (current.length >= batchSize || keys.has(key)) {
			batches.push(current);
			current = [];
			keys = new Set();
		}
		current.push(entry);
		keys.add(key);
	});
	if (current.length > 0) batches.push(current);
	return batches;
}
