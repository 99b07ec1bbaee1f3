import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { batchSizeOption } from '../../helpers/batchSize';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { CustomerLookup, mergeCustomer } from './customerLookup';
import { CUSTOMER_BATCH_SIZE, emailProperty } from './properties';
import { setStatus } from './statusChange';

const properties: INodeProperties[] = [
	emailProperty('Email address of the customer to subscribe. An email tinyEmail does not know yet is added as Subscribed.'),
	transportOptionsProperty([
		batchSizeOption(CUSTOMER_BATCH_SIZE, 'How many customers to send to tinyEmail in one request'),
		{
			displayName: 'Resubscribe Bounced or Spam',
			name: 'resubscribeBouncedOrSpam',
			type: 'boolean',
			default: false,
			description:
				'Whether to subscribe customers whose status is Bounced (their mail did not arrive) or Spam (they reported mail as spam). Off: such an item fails and the customer stays as it is. On: the node does not read customers first, so it sends fewer requests.',
		},
	]),
];

export const description = showOnlyFor('customer', 'subscribe', properties);

/** Stored statuses Subscribe leaves alone unless Resubscribe Bounced or Spam is on. */
const GUARDED = ['Bounced', 'Spam'];

/**
 * Sets every item's email to Subscribed (an unknown email is created so). By default each distinct email
 * is read first (GET, one per email: tinyEmail has no read of several customers at once) so that a Bounced
 * or Spam customer is never subscribed again, and an already Subscribed one is not written: D reads and
 * ⌈W / Batch Size⌉ writes for D distinct emails, W of them to change. With Resubscribe Bounced or Spam on,
 * nothing is read: ⌈D / Batch Size⌉ writes.
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const lookup = new CustomerLookup(ctx);
	await setStatus(ctx, items, outcomes, 'Subscribed', async (input, customer) => {
		if (options.resubscribeBouncedOrSpam === true) return { write: customer, output: customer };
		const stored = await lookup.read(input.email, input.itemIndex);
		if (stored?.status === 'Subscribed') return { unchanged: stored };
		if (stored && GUARDED.includes(String(stored.status))) {
			return new NodeOperationError(
				ctx.getNode(),
				`The customer "${stored.email}" in item ${input.itemIndex} is ${String(stored.status)} in tinyEmail, so it was not subscribed again`,
				{
					itemIndex: input.itemIndex,
					description:
						stored.status === 'Bounced'
							? 'tinyEmail marks a customer Bounced when mail to the address did not arrive. Check the address; to subscribe it anyway, turn on Options › Resubscribe Bounced or Spam.'
							: 'tinyEmail marks a customer Spam when they reported mail as spam. Subscribe them again only if they asked for it: turn on Options › Resubscribe Bounced or Spam.',
				},
			);
		}
		const write = { ...customer, email: stored?.email ?? customer.email };
		return { write, output: mergeCustomer(stored, write) };
	});
}
