import type { IExecuteFunctions } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { tinyEmailApiRequest } from '../../transport/request';
import { asItemError, type ItemOutcomes } from '../itemOutcomes';
import { emailKey } from './customerLookup';

/** One customer to write, the item it comes from, and what to output when it succeeds. */
export interface PlannedWrite {
	itemIndex: number;
	customer: TinyEmailCustomer;
	output: TinyEmailCustomer;
}

/**
 * Groups writes into batches (input order kept, never the same email twice in one batch, so a
 * later item for the same email is applied after the earlier one) and sends each batch with
 * `PUT /account/customer`. A failed batch fails each of its items.
 */
export async function writeCustomers(
	ctx: IExecuteFunctions,
	writes: PlannedWrite[],
	batchSize: number,
	outcomes: ItemOutcomes,
): Promise<void> {
	for (const batch of toBatches(writes, batchSize)) {
		try {
			await tinyEmailApiRequest(ctx, 'PUT', '/account/customer', {
				body: { updateMembers: batch.map((write) => write.customer) },
				itemIndex: batch[0].itemIndex,
			});
		} catch (error) {
			outcomes.failAll(
				batch.map((write) => write.itemIndex),
				asItemError(ctx.getNode(), error),
			);
			continue;
		}
		for (const write of batch) outcomes.succeed(write.itemIndex, write.output);
	}
}

export function toBatches(writes: PlannedWrite[], batchSize: number): PlannedWrite[][] {
	const batches: PlannedWrite[][] = [];
	let current: PlannedWrite[] = [];
	let emails = new Set<string>();
	for (const write of writes) {
		if (current.length >= batchSize || emails.has(emailKey(write.customer.email))) {
			batches.push(current);
			current = [];
			emails = new Set();
		}
		current.push(write);
		emails.add(emailKey(write.customer.email));
	}
	if (current.length > 0) batches.push(current);
	return batches;
}
