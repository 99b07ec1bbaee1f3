import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { tryTinyEmailApiRequest } from '../transport/request';
import { apiMessage } from '../transport/errors';
import type { MemberBatch } from './audienceMembers';
import { audiencePath } from './audiences';
import { namedMember } from './batchRefusal';
import type { TinyEmailCustomer } from './customerFields';
import { asItemError, type ItemOutcomes } from './itemOutcomes';
import { notSentError, refusedCustomerError, sharedRefusalError } from './refusalMessages';
import { RefusalPlan, type RefusalOutcome } from './refusalPlan';

export type MemberAction = 'assign' | 'unassign';

/** One member of a batch and the item it comes from. */
export interface MemberEntry {
	member: TinyEmailCustomer;
	owner: number;
}

/**
 * The part of a batch still to send: the members of items that have not failed yet (an item whose
 * earlier batch failed is settled as failed, so its remaining members are not written half-way).
 */
export function pendingEntries(batch: MemberBatch, failed: ReadonlySet<number>): MemberEntry[] {
	return batch.members.map((member, index) => ({ member, owner: batch.owners[index] })).filter((entry) => !failed.has(entry.owner));
}

/**
 * Sends the batches with `PUT /audiences/{id}` (assignMembers or unAssignMembers). A batch tinyEmail
 * refuses with a 400 is taken apart as customer writes are (helpers/refusalPlan.ts): a refused member
 * fails its item with tinyEmail's reason, and the item's other members are not sent after it; past the
 * plan's bound the rest of the batch fails as not sent. Any other failure fails the items of the piece.
 * `explain` may reword an error for its item. Each batch's failures are settled in item order once the
 * batch is done; later batches then carry only the members of items still pending. Returns the items
 * that failed.
 */
export async function sendMemberBatches(
	ctx: IExecuteFunctions,
	batches: MemberBatch[],
	action: MemberAction,
	outcomes: ItemOutcomes,
	explain?: (error: unknown, batch: MemberBatch, itemIndex: number) => unknown,
): Promise<Set<number>> {
	const failed = new Set<number>();
	for (const batch of batches) {
		const entries = pendingEntries(batch, failed);
		if (entries.length === 0) continue;
		const errors = new Map<number, unknown>();
		const fail = (itemIndex: number, error: unknown) => {
			if (!errors.has(itemIndex)) errors.set(itemIndex, error);
		};
		const plan = new RefusalPlan(entries, { groupOf: (entry) => entry.owner });
		for (let piece = plan.next(); piece !== undefined; piece = plan.next()) {
			const result = await tryTinyEmailApiRequest(ctx, 'PUT', audiencePath(batch.audienceId), {
				body: memberBody(action, piece),
				itemIndex: piece[0].owner,
				// Safe to retry after a 5xx or a lost connection: (un)assigning a member twice is a no-op in tinyEmail's contract
				idempotent: true,
			});
			if (result.ok) plan.accepted();
			else if (result.failure.status === 400) {
				const said = apiMessage(result.failure.body) ?? '';
				plan.refused(
					said,
					namedMember(
						said,
						piece.map((entry) => entry.member.email),
					),
				);
			} else for (const entry of piece) fail(entry.owner, result.error);
		}
		for (const outcome of plan.outcomes) refusalErrors(ctx, action, outcome, fail);
		for (const [itemIndex, error] of [...errors].sort(([a], [b]) => a - b)) {
			failed.add(itemIndex);
			outcomes.fail(itemIndex, asItemError(ctx.getNode(), explain ? explain(error, batch, itemIndex) : error));
		}
	}
	return failed;
}

function memberBody(action: MemberAction, piece: MemberEntry[]): IDataObject {
	const members = piece.map((entry) => entry.member);
	return action === 'assign' ? { assignMembers: members } : { unAssignMembers: members.map((member) => member.email) };
}

/** The error each item gets from what the plan decided (an item whose member was refused has its error already). */
function refusalErrors(
	ctx: IExecuteFunctions,
	action: MemberAction,
	outcome: RefusalOutcome<MemberEntry>,
	fail: (itemIndex: number, error: unknown) => void,
): void {
	const node = ctx.getNode();
	const { entries } = outcome;
	if (outcome.kind === 'refused') {
		const [{ member, owner }] = outcome.entries;
		const [done, doing] = action === 'assign' ? ['added', 'adding'] : ['removed', 'removing'];
		const description = `Fix or leave out this customer and run the item again. Its item's other customers may be ${done} already (those in requests tinyEmail took); ${doing} them again changes nothing.`;
		fail(owner, refusedCustomerError(node, member.email, owner, outcome.message, description));
	} else if (outcome.kind === 'shared') {
		const error = sharedRefusalError(
			node,
			entries.length,
			entries.map((entry) => entry.owner),
			outcome.message,
		);
		for (const entry of entries) fail(entry.owner, error);
	} else if (outcome.kind === 'notSent') {
		for (const entry of entries) fail(entry.owner, notSentError(node, entry.member.email, entry.owner, outcome.refusals, outcome.message));
	}
}
