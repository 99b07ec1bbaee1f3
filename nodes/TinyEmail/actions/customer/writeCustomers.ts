import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { apiMessage } from '../../transport/errors';
import { tryTinyEmailApiRequest } from '../../transport/request';
import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
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
 * `PUT /account/customer` (retries and pacing happen in the transport).
 *
 * tinyEmail rejects a whole batch with a 400 when one item is invalid. Such a batch is bisected:
 * each half is sent again, down to single items, so every valid item is written exactly once and
 * each rejected item gets its own error. With k bad items in a batch of n this costs at most
 * 2·k·⌈log2 n⌉ extra requests (one bad item in 100: at most 14). Any other failure that outlasts
 * the retries (5xx, rate-limit wait exceeded, lost connection) fails the batch's items as they are.
 */
export async function writeCustomers(
	ctx: IExecuteFunctions,
	writes: PlannedWrite[],
	batchSize: number,
	outcomes: ItemOutcomes,
): Promise<void> {
	for (const batch of toBatches(writes, batchSize)) {
		await writeBatch(ctx, batch, outcomes);
	}
}

async function writeBatch(ctx: IExecuteFunctions, batch: PlannedWrite[], outcomes: ItemOutcomes): Promise<void> {
	const result = await tryTinyEmailApiRequest(ctx, 'PUT', '/account/customer', {
		body: { updateMembers: batch.map((write) => write.customer) },
		itemIndex: batch[0].itemIndex,
	});
	if (result.ok) {
		for (const write of batch) outcomes.succeed(write.itemIndex, write.output);
		return;
	}
	if (result.failure.status !== 400) {
		outcomes.failAll(
			batch.map((write) => write.itemIndex),
			asItemError(ctx.getNode(), result.error),
		);
		return;
	}
	if (batch.length > 1) {
		const middle = Math.ceil(batch.length / 2);
		await writeBatch(ctx, batch.slice(0, middle), outcomes);
		await writeBatch(ctx, batch.slice(middle), outcomes);
		return;
	}
	const [write] = batch;
	const said = apiMessage(result.failure.body);
	const message = `tinyEmail rejected the customer "${shorten(write.customer.email)}" in item ${write.itemIndex}${said ? `: ${said}` : ''}`;
	outcomes.fail(
		write.itemIndex,
		new NodeApiError(
			ctx.getNode(),
			{ message, httpCode: '400' },
			{
				message,
				description: 'Fix this item\'s values (tinyEmail names the field) and run it again.',
				httpCode: '400',
				itemIndex: write.itemIndex,
			},
		),
	);
}

function shorten(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
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
