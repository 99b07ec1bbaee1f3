import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { simplifyProperty } from '../../helpers/listing';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { readEmailInputs } from './customerInput';
import { CustomerLookup, customerNotFoundError } from './customerLookup';
import { emailProperty } from './properties';
import { simplifyCustomer } from './simplifyCustomer';

export const description: INodeProperties[] = [
	emailProperty('get', 'Email address of the customer to read'),
	simplifyProperty('customer', 'get'),
	transportOptionsProperty('customer', 'get'),
];

/** Reads one customer per item (each email once per run); Simplify keeps the fields in SIMPLE_CUSTOMER_FIELDS. */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const inputs = readEmailInputs(ctx, items, outcomes);
	const lookup = new CustomerLookup(ctx);
	for (const input of inputs) {
		try {
			const stored = await lookup.find(input.email, input.itemIndex);
			if (stored) {
				const simplify = ctx.getNodeParameter('simplify', input.itemIndex, true) as boolean;
				outcomes.succeed(input.itemIndex, simplify ? simplifyCustomer(stored) : { ...stored });
				continue;
			}
		} catch (error) {
			outcomes.fail(input.itemIndex, asItemError(ctx.getNode(), error));
			continue;
		}
		outcomes.fail(input.itemIndex, customerNotFoundError(ctx.getNode(), input.email, input.itemIndex));
	}
}
