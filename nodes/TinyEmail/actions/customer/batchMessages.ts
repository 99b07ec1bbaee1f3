import type { INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { notSentError, refusedCustomerError, sharedRefusalError } from '../../helpers/refusalMessages';
import type { PlannedWrite, WriteExpectation } from './plannedWrite';

/** Most emails a hint lists. */
const HINT_EMAILS = 50;

/** The run's hint once tinyEmail refused batches as too large. */
export function batchLimitHint(size: number, answer: string, limit: number): string {
	return `tinyEmail refused a batch of ${size} customers as too large (${answer}), so this run sent at most ${limit} customers a request. Set Options › Batch Size to ${limit} to save the refused requests.`;
}

/** tinyEmail refused the batch and its halves with one message naming none of them. */
export function systemicRefusalError(node: INode, writes: PlannedWrite[], said: string): NodeApiError {
	return sharedRefusalError(
		node,
		writes.length,
		writes.map((write) => write.itemIndex),
		said,
	);
}

/** tinyEmail refused this one customer. */
export function refusedWriteError(node: INode, write: PlannedWrite, said: string): NodeApiError {
	return refusedCustomerError(
		node,
		write.customer.email,
		write.itemIndex,
		said,
		"Fix this item's values (tinyEmail names the field) and run it again.",
	);
}

/** The customer was not sent (see helpers/refusalPlan.ts). */
export function notSentWriteError(node: INode, write: PlannedWrite, refusals: number, said: string): NodeOperationError {
	return notSentError(node, write.customer.email, write.itemIndex, refusals, said);
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
