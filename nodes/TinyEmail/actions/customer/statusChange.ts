import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBatchSize } from '../../helpers/batchSize';
import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { emailKey } from '../../helpers/emailKey';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import type { CustomerStatus } from '../../helpers/validation';
import { readEmailInputs } from './customerInput';
import { CUSTOMER_BATCH_SIZE } from './properties';
import { writeCustomers } from './writeCustomers';

/**
 * What Subscribe or Unsubscribe does with one email, reading what it needs: send `write` (and output
 * `output` once tinyEmail took it), leave the customer as it is (`unchanged`, the output), or fail the item.
 */
export type StatusDecision =
	{ write: TinyEmailCustomer; output: TinyEmailCustomer } | { unchanged: TinyEmailCustomer } | NodeOperationError;

export type StatusPlan = (input: { itemIndex: number; email: string }, customer: TinyEmailCustomer) => Promise<StatusDecision>;

/**
 * Customer > Subscribe and Unsubscribe: sets one status for the Email of every item, with
 * `PUT /account/customer` in batches of Batch Size (as Create or Update; an unknown email is created
 * with that status). Items with an email an earlier item already has (case-insensitively) are not sent
 * again: they get the earlier item's result, so N items cost ⌈D / Batch Size⌉ writes for D distinct
 * emails, never one batch per repeat.
 */
export async function setStatus(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcomes,
	status: CustomerStatus,
	plan: StatusPlan,
): Promise<void> {
	const firstOf = new Map<string, number>();
	const repeats: Array<{ itemIndex: number; email: string; first: number }> = [];
	const inputs = [];
	for (const input of await readEmailInputs(ctx, items, outcomes)) {
		const first = firstOf.get(emailKey(input.email));
		if (first === undefined) {
			firstOf.set(emailKey(input.email), input.itemIndex);
			inputs.push({ ...input, fields: { status }, tagsMode: 'replace' as const });
		} else repeats.push({ ...input, first });
	}
	const results = new Map<number, IDataObject>();
	await writeCustomers(
		ctx,
		inputs,
		{
			batchSize: readBatchSize(ctx, CUSTOMER_BATCH_SIZE),
			plan: async (input, pending) => {
				const decision = await plan(input, { email: input.email, status });
				if (decision instanceof NodeOperationError) {
					pending.fail(input.itemIndex, decision);
					return undefined;
				}
				if ('unchanged' in decision) {
					pending.succeed(input.itemIndex, decision.unchanged);
					results.set(input.itemIndex, decision.unchanged);
					return undefined;
				}
				return { itemIndex: input.itemIndex, customer: decision.write, output: decision.output };
			},
			written: (write) => results.set(write.itemIndex, write.output),
		},
		outcomes,
	);
	for (const repeat of repeats) {
		if (outcomes.hasSucceeded(repeat.first)) {
			outcomes.succeed(repeat.itemIndex, { ...(results.get(repeat.first) ?? { email: repeat.email, status }) });
			continue;
		}
		outcomes.fail(
			repeat.itemIndex,
			new NodeOperationError(
				ctx.getNode(),
				`The email "${repeat.email}" in item ${repeat.itemIndex} was not sent: item ${repeat.first} has the same email and failed`,
				{ itemIndex: repeat.itemIndex, description: `See the error of item ${repeat.first}; this item shares its result.` },
			),
		);
	}
}
