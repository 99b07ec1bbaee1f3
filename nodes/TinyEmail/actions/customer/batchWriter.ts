import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asItemError } from '../../helpers/itemOutcomes';
import { apiMessage } from '../../transport/errors';
import { tryTinyEmailApiRequest } from '../../transport/request';
import { batchLimitHint, refusedCustomerError, systemicRefusalError, unexpectedWriteError, unexpectedWritesHint } from './batchMessages';
import { namedMember, smallerBatch } from './batchRefusal';
import type { PendingOutcomes } from './pendingOutcomes';
import type { PlannedWrite, WriteExpectation } from './plannedWrite';

/** A batch refused naming no customer, being taken apart: its halves, and what tinyEmail answered each. */
interface Bisection {
	writes: PlannedWrite[];
	halves: [PlannedWrite[], PlannedWrite[]];
	refusals: [string | undefined, string | undefined];
}

/**
 * The work still to do, taken from the top: sending a piece (of a bisection, when it is a half of one),
 * or deciding about a bisection once both halves were sent. A piece's follow-ups go on top, so pieces
 * are sent depth first, in the order of their items.
 */
type Step = { send: PlannedWrite[]; half?: { of: Bisection; index: 0 | 1 } } | { decide: Bisection };

/**
 * Sends batches of customers with `PUT /account/customer` (retries and pacing happen in the transport)
 * and settles each write in a PendingOutcomes. tinyEmail refuses a whole batch with a 400 when one
 * customer in it is invalid, so a refused batch is taken apart, at a bounded cost:
 *
 * - The 400 names one customer of the batch (the contract: it does): that customer fails with the
 *   message, and the rest is sent again at once. One refused customer costs 1 extra request.
 * - It names none: the batch is bisected, each half sent again, down to single customers. One refused
 *   customer in a batch of n costs at most 2·⌈log2 n⌉ extra requests (20 for 1,000).
 * - Both halves are refused with the same message, naming no customer: the reason is not one customer
 *   but something all share (a field the account does not accept, an account setting, a proxy): every
 *   customer of the batch fails with that message. 3 requests a batch; a later batch refused with the
 *   very same message fails at once (1 request).
 * - It says the batch is too large: the batch, and every later one, is sent in pieces of the size it
 *   states ("At most 500 members per request"), else of half the batch (a 413 from a proxy, or "too many
 *   members" without a number), halved again if still too large. The run says so once, in a hint on
 *   the node (reportBatchLimit), so that the user can lower Batch Size and save the refused requests.
 *
 * Any other failure that outlasts the retries (5xx, rate-limit wait exceeded, lost connection,
 * timeout) fails the batch's customers as they are.
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
		const steps: Step[] = [{ send: writes }];
		for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
			if ('decide' in step) {
				steps.push(...this.decide(step.decide, pending));
				continue;
			}
			if (step.send.length === 0) continue;
			const { refusal, next } = await this.send(step.send, pending);
			if (refusal === undefined) steps.push(...next);
			else if (step.half === undefined) steps.push(...bisect(step.send));
			else step.half.of.refusals[step.half.index] = refusal;
		}
	}

	/** After the run's last batch: one hint when tinyEmail refused batches as too large. */
	reportBatchLimit(): void {
		if (this.firstTooLarge === undefined || this.serverLimit === undefined) return;
		const { size, answer } = this.firstTooLarge;
		this.ctx.addExecutionHints?.({ message: batchLimitHint(size, answer, this.serverLimit), type: 'warning', location: 'outputPane' });
	}

	/**
	 * Sends one piece and settles what can be settled. Returns what is left to send (in the order it is to be
	 * sent, last first), or the message of a 400 that refused the whole piece without naming a customer, for
	 * the caller to take the piece apart; nothing is settled then.
	 */
	private async send(writes: PlannedWrite[], pending: PendingOutcomes): Promise<{ refusal?: string; next: Step[] }> {
		const limit = this.serverLimit;
		if (limit !== undefined && writes.length > limit) {
			const pieces: Step[] = [];
			for (let start = 0; start < writes.length; start += limit) pieces.unshift({ send: writes.slice(start, start + limit) });
			return { next: pieces };
		}
		const result = await tryTinyEmailApiRequest(this.ctx, 'PUT', '/account/customer', {
			body: { updateMembers: writes.map((write) => write.customer) },
			itemIndex: writes[0].itemIndex,
		});
		if (result.ok) {
			this.settleWritten(writes, result.body, result.repeated, pending);
			return { next: [] };
		}
		const said = apiMessage(result.failure.body) ?? '';
		const smaller = smallerBatch(result.failure.status, said, writes.length);
		if (smaller !== undefined) {
			this.firstTooLarge ??= { size: writes.length, answer: result.failure.status === 413 ? 'HTTP 413, Payload Too Large' : `"${said}"` };
			this.serverLimit = smaller;
			return { next: [{ send: writes }] };
		}
		if (result.failure.status !== 400) {
			pending.failAll(
				writes.map((write) => write.itemIndex),
				asItemError(this.ctx.getNode(), result.error),
			);
			return { next: [] };
		}
		const named = namedMember(
			said,
			writes.map((write) => write.customer.email),
		);
		if (named !== undefined) {
			pending.fail(writes[named].itemIndex, refusedCustomerError(this.ctx.getNode(), writes[named], said));
			return { next: [{ send: writes.filter((_, index) => index !== named) }] };
		}
		if (writes.length === 1) {
			pending.fail(writes[0].itemIndex, refusedCustomerError(this.ctx.getNode(), writes[0], said));
			return { next: [] };
		}
		if (said !== '' && said === this.systemicRefusal) {
			pending.failAll(
				writes.map((write) => write.itemIndex),
				systemicRefusalError(this.ctx.getNode(), writes, said),
			);
			return { next: [] };
		}
		return { refusal: said, next: [] };
	}

	/**
	 * Both halves of a bisected batch were sent: the same refusal for both fails the whole batch (and later
	 * batches refused alike); otherwise each refused half is bisected in turn. (A half of one customer is
	 * never left refused: send() has failed that customer on its own.)
	 */
	private decide(bisection: Bisection, pending: PendingOutcomes): Step[] {
		const [first, second] = bisection.refusals;
		if (first !== undefined && first === second) {
			this.systemicRefusal = first;
			pending.failAll(
				bisection.writes.map((write) => write.itemIndex),
				systemicRefusalError(this.ctx.getNode(), bisection.writes, first),
			);
			return [];
		}
		const next: Step[] = [];
		if (second !== undefined) next.push(...bisect(bisection.halves[1]));
		if (first !== undefined) next.push(...bisect(bisection.halves[0]));
		return next;
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

/** The steps that take a refused batch apart: send each half (first half first), then decide. */
function bisect(writes: PlannedWrite[]): Step[] {
	const middle = Math.ceil(writes.length / 2);
	const bisection: Bisection = { writes, halves: [writes.slice(0, middle), writes.slice(middle)], refusals: [undefined, undefined] };
	return [
		{ decide: bisection },
		{ send: bisection.halves[1], half: { of: bisection, index: 1 } },
		{ send: bisection.halves[0], half: { of: bisection, index: 0 } },
	];
}
