import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readBatchSize } from '../../helpers/batchSize';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { readCustomerInputs } from './customerInput';
import { addTags, CustomerLookup, customerNotFoundError, mergeCustomer, withoutIdleClears } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, customerColumnsProperty, toolAutoMapNotice, tagsModeProperty, writeOptionsProperty } from './properties';
import { writeCustomers } from './writeCustomers';

const properties: INodeProperties[] = [customerColumnsProperty('update'), toolAutoMapNotice, tagsModeProperty, writeOptionsProperty];

export const description = showOnlyFor('customer', 'update', properties);

/**
 * Updates existing customers only. Batch by batch, each customer is read right before its batch is
 * written (missing ones fail); a customer this run already wrote is not read again.
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const inputs = await readCustomerInputs(ctx, items, outcomes, true);
	const lookup = new CustomerLookup(ctx);

	await writeCustomers(
		ctx,
		inputs,
		{
			batchSize: readBatchSize(ctx, CUSTOMER_BATCH_SIZE),
			expect: 'updated',
			plan: async (input, pending) => {
				const stored = await lookup.read(input.email, input.itemIndex);
				if (!stored) {
					pending.fail(input.itemIndex, customerNotFoundError(ctx.getNode(), input.email, input.itemIndex));
					return undefined;
				}
				const customer = withoutIdleClears({ email: stored.email, ...input.fields }, stored);
				if (input.tagsMode === 'add' && Array.isArray(customer.tags)) {
					customer.tags = addTags(stored, customer.tags as string[]);
				}
				const after = mergeCustomer(stored, customer);
				if (Object.keys(customer).length === 1) {
					// Nothing to change: no request, the stored customer is the result
					pending.succeed(input.itemIndex, after);
					return undefined;
				}
				return { itemIndex: input.itemIndex, customer, output: after };
			},
			written: (write) => lookup.remember(write.output),
		},
		outcomes,
	);
}
