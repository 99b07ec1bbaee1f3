import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { namedMember, smallerBatch } from '../../helpers/batchRefusal';
import { asItemError } from '../../helpers/itemOutcomes';
import { RefusalPlan, type RefusalOutcome } from '../../helpers/refusalPlan';
import { apiMessage } from '../../transport/errors';
import { tryTinyEmailApiRequest } from '../../transport/request';
import {
	batchLimitHint,
	notSentWriteError,
	refusedWriteError,
	systemicRefusalError,
	unexpectedWriteError,
	unexpectedWritesHint,
} from './batchMessages';
import type { PendingOutcomes } from './pendingOutcomes';
import type { PlannedWrite, WriteExpectation } from './plannedWrite';

/**
 * Sends batches of customers with `PUT /account/customer` (retries and pacing happen in the transport)
 * and settles each write in a PendingOutcomes. tinyEmail refuses a whole batch with a 400 when one
 * customer in it is invalid; helpers/refusalPlan.ts decides how a refused batch is taken apart, at a
 * bounded cost whatever the 400 names:
 *
 * - It names one customer: that customer fails with the message, the rest is sent again at once
 *   (1 extra request), for the first 10 named refusals of a batch; after that the rest is bisected.
 * - It names none: the batch is bisected, down to single customers. One refused customer in a batch of
 *   n costs at most 2·⌈log2 n⌉ extra requests (20 for 1,000).
 * - Both halves refused with the same message, naming no customer: a reason all share; every customer
 *   of the batch fails with it (3 requests); a later batch refused with that very message fails at once.
 * - Refusals in a row reach 10 + 2·⌈log2 n⌉ (30 for 1,000): the rest of the batch is not sent, each of
 *   its customers failing with an error that says so and why.
 * - It says the batch is too large: the batch, and every later one, is sent in pieces of the size it
 *   states ("At most 500 members per request"), else of half the batch (a 413 from a proxy, or "too many
 *   members" without a number), halved again if still too large. The run says so once, in a hint on
 *   the node (reportBatchLimit), so that the user can lower Batch Size and save the refused requests.
 *
 * Any other failure that outlasts the retries (5xx, rate-limit wait exceeded, lost connection,
 * timeout) fails the piece's customers as they are.
 */
export class BatchWriter {
	/** The most customers a request may carry, once tinyEmail refused a batch as too large. */
	private serverLimit: number | undefined;
	/** The first batch refused as too large, for the run's hint. */
	private firstTooLarge: { size: number; answer: string } | undefined;
	/** A message that refused both halves of a batch, naming no customer. */
	private systemicRefusal: string | undefined;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly expectation: WriteExpectation,
	) {}

	async write(writes: PlannedWrite[], pending: PendingOutcomes): Promise<void> {
		const plan = new RefusalPlan(writes, { sharedRefusal: this.systemicRefusal });
		for (let piece = plan.next(); piece !== undefined; piece = plan.next()) {
			const limit = this.serverLimit;
			if (limit !== undefined && piece.length > limit) plan.split(limit);
			else await this.send(piece, plan, pending);
		}
		this.systemicRefusal = plan.sharedRefusal;
		for (const outcome of plan.outcomes) this.settleRefused(outcome, pending);
	}

	/** After the run's last batch: one hint when tinyEmail refused batches as too large. */
	reportBatchLimit(): void {
		if (this.firstTooLarge === undefined || this.serverLimit === undefined) return;
		const { size, answer } = this.firstTooLarge;
		this.ctx.addExecutionHints?.({ message: batchLimitHint(size, answer, this.serverLimit), type: 'warning', location: 'outputPane' });
	}

	/** Sends one piece: settles what tinyEmail took or failed otherwise; tells the plan what it refused. */
	private async send(writes: PlannedWrite[], plan: RefusalPlan<PlannedWrite>, pending: PendingOutcomes): Promise<void> {
		const result = await tryTinyEmailApiRequest(this.ctx, 'PUT', '/account/customer', {
			body: { updateMembers: writes.map((write) => write.customer) },
			itemIndex: writes[0].itemIndex,
		});
		if (result.ok) {
			this.settleWritten(writes, result.body, result.repeated, pending);
			plan.accepted();
			return;
		}
		const said = apiMessage(result.failure.body) ?? '';
		const smaller = smallerBatch(result.failure.status, said, writes.length);
		if (smaller !== undefined) {
			this.firstTooLarge ??= { size: writes.length, answer: result.failure.status === 413 ? 'HTTP 413, Payload Too Large' : `"${said}"` };
			this.serverLimit = smaller;
			plan.split(smaller);
		} else if (result.failure.status === 400) {
			plan.refused(
				said,
				namedMember(
					said,
					writes.map((write) => write.customer.email),
				),
			);
		} else {
			pending.failAll(
				writes.map((write) => write.itemIndex),
				asItemError(this.ctx.getNode(), result.error),
			);
		}
	}

	private settleRefused(outcome: RefusalOutcome<PlannedWrite>, pending: PendingOutcomes): void {
		const node = this.ctx.getNode();
		const { entries } = outcome;
		if (outcome.kind === 'refused') pending.fail(entries[0].itemIndex, refusedWriteError(node, entries[0], outcome.message));
		else if (outcome.kind === 'shared') {
			const error = systemicRefusalError(node, entries, outcome.message);
			for (const write of entries) pending.fail(write.itemIndex, error);
		} else if (outcome.kind === 'notSent') {
			for (const write of entries) pending.fail(write.itemIndex, notSentWriteError(node, write, outcome.refusals, outcome.message));
		}
	}

	/** tinyEmail took the batch: every write succeeded, unless its counts contradict what the operation expected. */
	private settleWritten(writes: PlannedWrite[], body: unknown, repeated: boolean, pending: PendingOutcomes): void {
		const counts = (body ?? {}) as IDataObject;
		const unexpected =
			this.expectation === 'created' ? counts.numberOfUpdatedMembers : this.expectation === 'updated' ? counts.numberOfCreatedMembers : 0;
		// After a repeated attempt the counts may include what the first, unanswered attempt did: they prove nothing
		if (repeated || typeof unexpected !== 'number' || unexpected <= 0) {
			for (const write of writes) pending.succeed(write.itemIndex, write.output);
			return;
		}
		if (unexpected >= writes.length) {
			// Every customer of the batch went the unexpected way, so it is known which: each one
			for (const write of writes) pending.fail(write.itemIndex, unexpectedWriteError(this.ctx.getNode(), this.expectation, write));
			return;
		}
		for (const write of writes) pending.succeed(write.itemIndex, write.output);
		this.ctx.addExecutionHints?.({
			message: unexpectedWritesHint(this.expectation, writes, unexpected),
			type: 'warning',
			location: 'outputPane',
		});
	}
}
