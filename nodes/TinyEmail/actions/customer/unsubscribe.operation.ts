import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { batchSizeOption } from '../../helpers/batchSize';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { CUSTOMER_BATCH_SIZE, emailProperty } from './properties';
import { setStatus } from './statusChange';

const properties: INodeProperties[] = [
	emailProperty(
		'Email address of the customer to unsubscribe. An email tinyEmail does not know yet is added as Unsubscribed, so it is never mailed.',
	),
	transportOptionsProperty([batchSizeOption(CUSTOMER_BATCH_SIZE, 'How many customers to send to tinyEmail in one request')]),
];

export const description = showOnlyFor('customer', 'unsubscribe', properties);

/**
 * Sets every item's email to Unsubscribed, without reading: ⌈D / Batch Size⌉ requests for D distinct
 * emails. An unknown email is created as Unsubscribed (tinyEmail's write is an upsert), which keeps
 * it from being mailed should it be imported later; tinyEmail sets the customer's `unsubscribedAt`.
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	await setStatus(ctx, items, outcomes, 'Unsubscribed', async (_input, customer) => ({ write: customer, output: customer }));
}
