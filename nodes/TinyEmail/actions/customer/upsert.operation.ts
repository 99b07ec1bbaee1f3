import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { readBatchSize } from '../../helpers/batchSize';
import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { addToAudiencesDescription, AudienceAssignment } from './addToAudiences';
import { readCustomerInputs } from './customerInput';
import { addTags, CustomerLookup, mergeCustomer } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, customerFieldsProperty, emailProperty, tagsModeProperty, writeOptionsProperty } from './properties';
import { writeCustomers, type PlannedWrite } from './writeCustomers';

export const description: INodeProperties[] = [
	emailProperty('upsert', 'Email address of the customer to create, or to update if it exists'),
	customerFieldsProperty('upsert', 'additionalFields', 'Additional Fields'),
	tagsModeProperty('upsert'),
	...addToAudiencesDescription,
	writeOptionsProperty('upsert'),
];

/**
 * Writes customers whether they exist or not, in batches, without reading them first
 * (except with Tags Mode "Add to Existing", which needs the stored tags).
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const allInputs = readCustomerInputs(ctx, items, outcomes, 'additionalFields', true);
	// Add to Audiences: items whose audiences cannot be used fail before anything is written
	const audiences = await AudienceAssignment.prepare(ctx, allInputs.map((input) => input.itemIndex), outcomes);
	const inputs = allInputs.filter((input) => !outcomes.isSettled(input.itemIndex));
	const lookup = new CustomerLookup(ctx);
	const writes: PlannedWrite[] = [];

	for (const input of inputs) {
		const customer: TinyEmailCustomer = { email: input.email, ...input.fields };
		let stored: TinyEmailCustomer | undefined;
		if (input.tagsMode === 'add' && Array.isArray(customer.tags)) {
			try {
				stored = await lookup.find(input.email, input.itemIndex);
			} catch (error) {
				outcomes.fail(input.itemIndex, asItemError(ctx.getNode(), error));
				continue;
			}
			customer.tags = addTags(stored, customer.tags as string[]);
			lookup.remember(mergeCustomer(stored, customer));
		}
		writes.push({ itemIndex: input.itemIndex, customer, output: mergeCustomer(stored, customer) });
	}

	await writeCustomers(ctx, writes, readBatchSize(ctx, CUSTOMER_BATCH_SIZE), outcomes);
	if (!audiences.isEmpty) await audiences.assign(writes, readBatchSize(ctx, CUSTOMER_BATCH_SIZE), outcomes);
}
