import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { shorten } from '../transport/shorten';

/** tinyEmail refused this one customer (of a customer write or an audience change). */
export function refusedCustomerError(node: INode, email: string, itemIndex: number, said: string, description: string): NodeApiError {
	const message = `tinyEmail rejected the customer "${shorten(email)}" in item ${itemIndex}${said ? `: ${said}` : ''}`;
	return new NodeApiError(node, { message, httpCode: '400' }, { message, description, httpCode: '400', itemIndex });
}

/** tinyEmail refused a batch and both its halves with one message naming none of its customers. */
export function sharedRefusalError(node: INode, count: number, itemIndexes: number[], said: string): NodeApiError {
	const first = Math.min(...itemIndexes);
	const last = Math.max(...itemIndexes);
	const message = `tinyEmail refused all ${count} customers of the batch from item ${first} to item ${last}, for one reason naming none of them: ${said || '(no message)'}`;
	return new NodeApiError(
		node,
		{ message, httpCode: '400' },
		{
			message,
			description:
				"tinyEmail gave the same answer for the batch and for both of its halves, without naming a customer: the cause is not one customer's values but something they all share, such as a field tinyEmail does not accept for this account, or a setting of the account. Nothing of this batch was written; fix the cause and run again.",
			httpCode: '400',
			itemIndex: first,
		},
	);
}

/**
 * The customer was not sent: tinyEmail had refused `refusals` requests for its batch in a row, so the node
 * stopped taking the batch apart (helpers/refusalPlan.ts) rather than spend a request on every customer.
 */
export function notSentError(node: INode, email: string, itemIndex: number, refusals: number, said: string): NodeOperationError {
	return new NodeOperationError(
		node,
		`The customer "${shorten(email)}" in item ${itemIndex} was not sent to tinyEmail: tinyEmail refused ${refusals} requests for its batch in a row (the last: ${said ? `"${shorten(said)}"` : 'no message'}), so the node stopped sending that batch to keep the number of requests bounded`,
		{
			itemIndex,
			description:
				"tinyEmail most likely refuses the other customers of the batch for the same reason. Fix what it refused (the refused items' errors give tinyEmail's reason for each) and run this item again; sending it again is safe.",
		},
	);
}
