import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { readBatchSize } from '../../helpers/batchSize';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { addToAudiencesDescription, AudienceAssignment } from './addToAudiences';
import { readCustomerInputs } from './customerInput';
import { addTags, CustomerLookup, mergeCustomer } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, customerColumnsProperty, toolAutoMapNotice, tagsModeProperty, writeOptionsProperty } from './properties';
import { writeCustomers } from './writeCustomers';

const properties: INodeProperties[] = [
	customerColumnsProperty('upsert'),
	toolAutoMapNotice,
	tagsModeProperty,
	...addToAudiencesDescription,
	writeOptionsProperty,
];

export const description = showOnlyFor('customer', 'upsert', properties);

/**
 * Writes customers whether they exist or not, in batches, without reading them first, except with
 * Tags Mode "Add to Existing", which needs the stored tags: those customers are read right before
 * their batch is written (a customer this run already wrote that way is not read again).
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const allInputs = await readCustomerInputs(ctx, items, outcomes, true);
	// Add to Audiences: items whose audiences cannot be used fail before anything is written
	const audiences = await AudienceAssignment.prepare(
		ctx,
		allInputs.map((input) => input.itemIndex),
		outcomes,
	);
	const inputs = allInputs.filter((input) => !outcomes.isSettled(input.itemIndex));
	const lookup = new CustomerLookup(ctx);
	/** Items whose output is the whole stored customer (read, then merged), which later items may rely on. */
	const readFirst = new Set<number>();
	const batchSize = readBatchSize(ctx, CUSTOMER_BATCH_SIZE);

	const writes = await writeCustomers(
		ctx,
		inputs,
		{
			batchSize,
			plan: async (input) => {
				const customer: TinyEmailCustomer = { email: input.email, ...input.fields };
				let stored: TinyEmailCustomer | undefined;
				if (input.tagsMode === 'add' && Array.isArray(customer.tags)) {
					stored = await lookup.read(input.email, input.itemIndex);
					customer.tags = addTags(stored, customer.tags as string[]);
					readFirst.add(input.itemIndex);
				}
				return { itemIndex: input.itemIndex, customer, output: mergeCustomer(stored, customer) };
			},
			written: (write) => {
				if (readFirst.has(write.itemIndex)) lookup.remember(write.output);
				else lookup.forget(write.customer.email);
			},
		},
		outcomes,
	);
	if (!audiences.isEmpty) await audiences.assign(writes, batchSize, outcomes);
}
