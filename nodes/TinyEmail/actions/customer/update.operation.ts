import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { readBatchSize } from '../../helpers/batchSize';
import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { readCustomerInputs } from './customerInput';
import { addTags, CustomerLookup, customerNotFoundError, mergeCustomer } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, customerFieldsProperty, emailProperty, tagsModeProperty, writeOptionsProperty } from './properties';
import { writeCustomers, type PlannedWrite } from './writeCustomers';

export const description: INodeProperties[] = [
	emailProperty('update', 'Email address of the existing customer to update'),
	customerFieldsProperty('update', 'updateFields', 'Update Fields'),
	tagsModeProperty('update'),
	writeOptionsProperty('update'),
];

/** Updates existing customers only: each email is read once, missing ones fail, the rest are written in batches. */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const inputs = readCustomerInputs(ctx, items, outcomes, 'updateFields', true);
	const lookup = new CustomerLookup(ctx);
	const writes: PlannedWrite[] = [];

	for (const input of inputs) {
		let stored: TinyEmailCustomer | undefined;
		try {
			stored = await lookup.find(input.email, input.itemIndex);
		} catch (error) {
			outcomes.fail(input.itemIndex, asItemError(ctx.getNode(), error));
			continue;
		}
		if (!stored) {
			outcomes.fail(input.itemIndex, customerNotFoundError(ctx.getNode(), input.email, input.itemIndex));
			continue;
		}
		const customer: TinyEmailCustomer = { email: stored.email, ...input.fields };
		if (input.tagsMode === 'add' && Array.isArray(customer.tags)) {
			customer.tags = addTags(stored, customer.tags as string[]);
		}
		const after = mergeCustomer(stored, customer);
		lookup.remember(after);
		if (Object.keys(customer).length === 1) {
			// Nothing to change: no request, the stored customer is the result
			outcomes.succeed(input.itemIndex, after);
			continue;
		}
		writes.push({ itemIndex: input.itemIndex, customer, output: after });
	}

	await writeCustomers(ctx, writes, readBatchSize(ctx, CUSTOMER_BATCH_SIZE), outcomes);
}
