import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { simplifyProperty } from '../../helpers/listing';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { readEmailInputs } from './customerInput';
import { CustomerLookup, customerNotFoundError } from './customerLookup';
import { emailProperty } from './properties';
import { simplifyCustomer } from './simplifyCustomer';

const properties: INodeProperties[] = [
	emailProperty('Email address of the customer to read'),
	simplifyProperty,
	transportOptionsProperty(),
];

export const description = showOnlyFor('customer', 'get', properties);

/** Reads one customer per item (each email once per run); Simplify keeps the fields in SIMPLE_CUSTOMER_FIELDS. */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const inputs = await readEmailInputs(ctx, items, outcomes);
	const lookup = new CustomerLookup(ctx);
	for (const input of inputs) {
		await outcomes.attempt(input.itemIndex, async () => {
			const stored = await lookup.find(input.email, input.itemIndex);
			if (!stored) throw customerNotFoundError(ctx.getNode(), input.email, input.itemIndex);
			const simplify = ctx.getNodeParameter('simplify', input.itemIndex, true) as boolean;
			outcomes.succeed(input.itemIndex, simplify ? simplifyCustomer(stored) : { ...stored });
		});
	}
}
