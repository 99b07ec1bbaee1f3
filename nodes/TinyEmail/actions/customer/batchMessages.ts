import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { shorten } from '../../transport/shorten';
import type { PlannedWrite, WriteExpectation } from './plannedWrite';

/** Most emails a hint lists. */
const HINT_EMAILS = 50;

/** The run's hint once tinyEmail refused batches as too large. */
export function batchLimitHint(size: number, answer: string, limit: number): string {
	return `tinyEmail refused a batch of ${size} customers as too large (${answer}), so this run sent at most ${limit} customers a request. Set Options › Batch Size to ${limit} to save the refused requests.`;
}

/** tinyEmail refused the batch and its halves with one message naming none of them. */
export function systemicRefusalError(node: INode, writes: PlannedWrite[], said: string): NodeApiError {
	const first = writes[0].itemIndex;
	const last = writes[writes.length - 1].itemIndex;
	const message = `tinyEmail refused all ${writes.length} customers of the batch from item ${first} to item ${last}, for one reason naming none of them: ${said || '(no message)'}`;
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

/** tinyEmail refused this one customer. */
export function refusedCustomerError(node: INode, write: PlannedWrite, said: string): NodeApiError {
	const message = `tinyEmail rejected the customer "${shorten(write.customer.email)}" in item ${write.itemIndex}${said ? `: ${said}` : ''}`;
	return new NodeApiError(
		node,
		{ message, httpCode: '400' },
		{
			message,
			description: "Fix this item's values (tinyEmail names the field) and run it again.",
			httpCode: '400',
			itemIndex: write.itemIndex,
		},
	);
}

/**
 * The customer was not sent: tinyEmail had refused `refusals` requests of its batch in a row, so the node
 * stopped taking the batch apart (helpers/refusalPlan.ts) rather than spend a request on every customer.
 */
export function notSentError(node: INode, write: PlannedWrite, refusals: number, said: string): NodeOperationError {
	return new NodeOperationError(
		node,
		`The customer "${shorten(write.customer.email)}" in item ${write.itemIndex} was not sent to tinyEmail: tinyEmail refused ${refusals} requests for its batch in a row (the last: ${said ? `"${shorten(said)}"` : 'no message'}), so the node stopped sending that batch to keep the number of requests bounded`,
		{
			itemIndex: write.itemIndex,
			description:
				"tinyEmail most likely refuses the other customers of the batch for the same reason. Fix what it refused (the refused items' errors give tinyEmail's reason for each) and run this item again; sending it again is safe.",
		},
	);
}

/** The write went the other way than the operation expected (created instead of updated, or the reverse). */
export function unexpectedWriteError(node: INode, expectation: WriteExpectation, write: PlannedWrite): NodeOperationError {
	const { email } = write.customer;
	const { itemIndex } = write;
	if (expectation === 'created') {
		return new NodeOperationError(
			node,
			`A customer with email "${email}" appeared in tinyEmail between this node's check and its write, so the write updated it instead of creating it (item ${itemIndex})`,
			{
				itemIndex,
				description:
					'Someone else (another workflow, an import, a signup form) created this customer at the same moment. It now holds the values this item sent; check it in tinyEmail.',
			},
		);
	}
	return new NodeOperationError(
		node,
		`The customer "${email}" no longer existed in tinyEmail when it was written, so the write created it again with only this item's fields (item ${itemIndex})`,
		{ itemIndex, description: "It was deleted in tinyEmail between this node's read and its write; check it in tinyEmail." },
	);
}

/** Some customers of a batch went the unexpected way and tinyEmail does not say which. */
export function unexpectedWritesHint(expectation: WriteExpectation, writes: PlannedWrite[], unexpected: number): string {
	const emails = writes.slice(0, HINT_EMAILS).map((write) => write.customer.email);
	const more = writes.length > HINT_EMAILS ? ` and ${writes.length - HINT_EMAILS} more` : '';
	const batch = `${unexpected} of the ${writes.length} customers written together (items ${writes[0].itemIndex} to ${writes[writes.length - 1].itemIndex})`;
	const what =
		expectation === 'created'
			? 'already existed in tinyEmail when they were written (created elsewhere after this node checked), so tinyEmail updated them instead of creating them'
			: 'no longer existed in tinyEmail when they were written, so tinyEmail created them again with only the updated fields';
	return `${batch} ${what}. tinyEmail does not say which; the customers of that batch: ${emails.join(', ')}${more}.`;
}
