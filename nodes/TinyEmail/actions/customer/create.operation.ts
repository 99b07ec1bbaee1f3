import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { readBatchSize } from '../../helpers/batchSize';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { readCustomerInputs } from './customerInput';
import { emailKey } from '../../helpers/emailKey';
import { CustomerLookup, withoutIdleClears } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, customerColumnsProperty, toolAutoMapNotice, writeOptionsProperty } from './properties';
import { writeCustomers } from './writeCustomers';

const properties: INodeProperties[] = [customerColumnsProperty('create'), toolAutoMapNotice, writeOptionsProperty];

export const description = showOnlyFor('customer', 'create', properties);

/**
 * Creates customers that do not exist yet. Batch by batch, each email is checked right before its
 * batch is written; tinyEmail's counts then tell whether a customer appeared in between (see BatchWriter).
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const inputs = await readCustomerInputs(ctx, items, outcomes);
	const lookup = new CustomerLookup(ctx);
	const createdBy = new Map<string, number>();

	await writeCustomers(
		ctx,
		inputs,
		{
			batchSize: readBatchSize(ctx, CUSTOMER_BATCH_SIZE),
			expect: 'created',
			plan: async (input, pending) => {
				const earlier = createdBy.get(emailKey(input.email));
				if (earlier !== undefined) {
					pending.fail(
						input.itemIndex,
						new NodeOperationError(
							ctx.getNode(),
							`The email "${input.email}" in item ${input.itemIndex} is already created by item ${earlier} of this run`,
							{ itemIndex: input.itemIndex, description: 'Use the Create or Update operation to write the same customer more than once.' },
						),
					);
					return undefined;
				}
				if (await lookup.read(input.email, input.itemIndex)) {
					pending.fail(
						input.itemIndex,
						new NodeOperationError(
							ctx.getNode(),
							`A customer with email "${input.email}" already exists in tinyEmail (item ${input.itemIndex})`,
							{
								itemIndex: input.itemIndex,
								description: 'Use the Create or Update operation to change an existing customer, or the Update operation.',
							},
						),
					);
					return undefined;
				}
				// A new customer has nothing to clear: under Empty Values "clear" the request is the same as under "keep"
				const customer: TinyEmailCustomer = withoutIdleClears({ email: input.email, ...input.fields }, { email: input.email });
				return { itemIndex: input.itemIndex, customer, output: customer };
			},
			written: (write) => {
				createdBy.set(emailKey(write.customer.email), write.itemIndex);
				lookup.remember(write.output);
			},
		},
		outcomes,
	);
}
