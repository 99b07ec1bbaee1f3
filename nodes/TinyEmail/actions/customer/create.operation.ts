import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { readBatchSize } from '../../helpers/batchSize';
import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { readCustomerInputs } from './customerInput';
import { CustomerLookup, emailKey } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, customerFieldsProperty, emailProperty, writeOptionsProperty } from './properties';
import { writeCustomers, type PlannedWrite } from './writeCustomers';

export const description: INodeProperties[] = [
	emailProperty('create', 'Email address of the new customer; it must not exist in tinyEmail yet'),
	customerFieldsProperty('create', 'additionalFields', 'Additional Fields'),
	writeOptionsProperty('create'),
];

/** Creates customers that do not exist yet: each email is checked once, then new ones are written in batches. */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const inputs = readCustomerInputs(ctx, items, outcomes, 'additionalFields');
	const lookup = new CustomerLookup(ctx);
	const createdBy = new Map<string, number>();
	const writes: PlannedWrite[] = [];

	for (const input of inputs) {
		const earlier = createdBy.get(emailKey(input.email));
		if (earlier !== undefined) {
			outcomes.fail(
				input.itemIndex,
				new NodeOperationError(
					ctx.getNode(),
					`The email "${input.email}" in item ${input.itemIndex} is already created by item ${earlier} of this run`,
					{ itemIndex: input.itemIndex, description: 'Use the Create or Update operation to write the same customer more than once.' },
				),
			);
			continue;
		}
		let stored: TinyEmailCustomer | undefined;
		try {
			stored = await lookup.find(input.email, input.itemIndex);
		} catch (error) {
			outcomes.fail(input.itemIndex, asItemError(ctx.getNode(), error));
			continue;
		}
		if (stored) {
			outcomes.fail(
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
			continue;
		}
		createdBy.set(emailKey(input.email), input.itemIndex);
		const customer: TinyEmailCustomer = { email: input.email, ...input.fields };
		writes.push({ itemIndex: input.itemIndex, customer, output: customer });
	}

	await writeCustomers(ctx, writes, readBatchSize(ctx, CUSTOMER_BATCH_SIZE), outcomes);
}
