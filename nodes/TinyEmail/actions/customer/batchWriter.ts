import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { asItemError } from '../../helpers/itemOutcomes';
import { apiMessage } from '../../transport/errors';
import { tryTinyEmailApiRequest } from '../../transport/request';
import { namedMember, smallerBatch } from './batchRefusal';
import type { PendingOutcomes } from './pendingOutcomes';

/** One customer to write, the item it comes from, and what to output when it succeeds. */
export interface PlannedWrite {
	itemIndex: number;
	customer: TinyEmailCustomer;
	output: TinyEmailCustomer;
}

/**
 * What the writes of an operation expect tinyEmail to do: Create expects every customer to be new
 * (its read said so), Update expects every customer to exist; Create or Update expects either.
 */
export type WriteExpectation = 'created' | 'updated' | undefined;

/** Most emails a hint lists. */
const HINT_EMAILS = 50;

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
		if (writes.length === 0) return;
		const refusal = await this.send(writes, pending);
		if (refusal !== undefined) await this.takeApart(writes, pending);
	}

	/** After the run's last batch: one hint when tinyEmail refused batches as too large. */
	reportBatchLimit(): void {
		if (this.firstTooLarge === undefined || this.serverLimit === undefined) return;
		const { size, answer } = this.firstTooLarge;
		this.ctx.addExecutionHints?.({
			message: `tinyEmail refused a batch of ${size} customers as too large (${answer}), so this run sent at most ${this.serverLimit} customers a request. Set Options › Batch Size to ${this.serverLimit} to save the refused requests.`,
			type: 'warning',
			location: 'outputPane',
		});
	}

	/**
	 * Sends one batch and settles what can be settled. Returns the message of a 400 that refused the
	 * whole batch without naming a customer, for the caller to take the batch apart; nothing is settled then.
	 */
	private async send(writes: PlannedWrite[], pending: PendingOutcomes): Promise<string | undefined> {
		const limit = this.serverLimit;
		if (limit !== undefined && writes.length > limit) {
			// `limit`, not this.serverLimit: a piece refused as too large lowers it while this loop runs
			for (let start = 0; start < writes.length; start += limit) {
				await this.write(writes.slice(start, start + limit), pending);
			}
			return undefined;
		}
		const result = await tryTinyEmailApiRequest(this.ctx, 'PUT', '/account/customer', {
			body: { updateMembers: writes.map((write) => write.customer) },
			itemIndex: writes[0].itemIndex,
		});
		if (result.ok) {
			this.settleWritten(writes, result.body, result.repeated, pending);
			return undefined;
		}
		const said = apiMessage(result.failure.body) ?? '';
		const smaller = smallerBatch(result.failure.status, said, writes.length);
		if (smaller !== undefined) {
			this.firstTooLarge ??= { size: writes.length, answer: result.failure.status === 413 ? 'HTTP 413, Payload Too Large' : `"${said}"` };
			this.serverLimit = smaller;
			await this.write(writes, pending);
			return undefined;
		}
		if (result.failure.status !== 400) {
			pending.failAll(
				writes.map((write) => write.itemIndex),
				asItemError(this.ctx.getNode(), result.error),
			);
			return undefined;
		}
		const named = namedMember(
			said,
			writes.map((write) => write.customer.email),
		);
		if (named !== undefined) {
			pending.fail(writes[named].itemIndex, this.refusedError(writes[named], said));
			await this.write(
				writes.filter((_, index) => index !== named),
				pending,
			);
			return undefined;
		}
		if (writes.length === 1) {
			pending.fail(writes[0].itemIndex, this.refusedError(writes[0], said));
			return undefined;
		}
		if (said !== '' && said === this.systemicRefusal) {
			this.failSystemic(writes, said, pending);
			return undefined;
		}
		return said;
	}

	/** A batch of several customers was refused naming none: bisect, unless both halves say the same. */
	private async takeApart(writes: PlannedWrite[], pending: PendingOutcomes): Promise<void> {
		const middle = Math.ceil(writes.length / 2);
		const halves = [writes.slice(0, middle), writes.slice(middle)];
		const refusals = [await this.send(halves[0], pending), await this.send(halves[1], pending)];
		// (A half of one customer is never left refused: send() has failed that customer on its own)
		if (refusals[0] !== undefined && refusals[0] === refusals[1]) {
			this.systemicRefusal = refusals[0];
			this.failSystemic(writes, refusals[0], pending);
			return;
		}
		for (const [index, half] of halves.entries()) {
			const refusal = refusals[index];
			if (refusal !== undefined) await this.takeApart(half, pending);
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
			for (const write of writes) pending.fail(write.itemIndex, this.unexpectedError(write));
			return;
		}
		for (const write of writes) pending.succeed(write.itemIndex, write.output);
		this.ctx.addExecutionHints?.({ message: this.unexpectedHint(writes, unexpected), type: 'warning', location: 'outputPane' });
	}

	private failSystemic(writes: PlannedWrite[], said: string, pending: PendingOutcomes): void {
		const first = writes[0].itemIndex;
		const last = writes[writes.length - 1].itemIndex;
		const message = `tinyEmail refused all ${writes.length} customers of the batch from item ${first} to item ${last}, for one reason naming none of them: ${said || '(no message)'}`;
		pending.failAll(
			writes.map((write) => write.itemIndex),
			new NodeApiError(
				this.ctx.getNode(),
				{ message, httpCode: '400' },
				{
					message,
					description:
						"tinyEmail gave the same answer for the batch and for both of its halves, without naming a customer: the cause is not one customer's values but something they all share, such as a field tinyEmail does not accept for this account, or a setting of the account. Nothing of this batch was written; fix the cause and run again.",
					httpCode: '400',
					itemIndex: first,
				},
			),
		);
	}

	private refusedError(write: PlannedWrite, said: string): NodeApiError {
		const message = `tinyEmail rejected the customer "${shorten(write.customer.email)}" in item ${write.itemIndex}${said ? `: ${said}` : ''}`;
		return new NodeApiError(
			this.ctx.getNode(),
			{ message, httpCode: '400' },
			{
				message,
				description: "Fix this item's values (tinyEmail names the field) and run it again.",
				httpCode: '400',
				itemIndex: write.itemIndex,
			},
		);
	}

	private unexpectedError(write: PlannedWrite): NodeOperationError {
		const { email } = write.customer;
		const { itemIndex } = write;
		if (this.expectation === 'created') {
			return new NodeOperationError(
				this.ctx.getNode(),
				`A customer with email "${email}" appeared in tinyEmail between this node's check and its write, so the write updated it instead of creating it (item ${itemIndex})`,
				{
					itemIndex,
					description:
						'Someone else (another workflow, an import, a signup form) created this customer at the same moment. It now holds the values this item sent; check it in tinyEmail.',
				},
			);
		}
		return new NodeOperationError(
			this.ctx.getNode(),
			`The customer "${email}" no longer existed in tinyEmail when it was written, so the write created it again with only this item's fields (item ${itemIndex})`,
			{ itemIndex, description: "It was deleted in tinyEmail between this node's read and its write; check it in tinyEmail." },
		);
	}

	private unexpectedHint(writes: PlannedWrite[], unexpected: number): string {
		const emails = writes.slice(0, HINT_EMAILS).map((write) => write.customer.email);
		const more = writes.length > HINT_EMAILS ? ` and ${writes.length - HINT_EMAILS} more` : '';
		const batch = `${unexpected} of the ${writes.length} customers written together (items ${writes[0].itemIndex} to ${writes[writes.length - 1].itemIndex})`;
		const what =
			this.expectation === 'created'
				? 'already existed in tinyEmail when they were written (created elsewhere after this node checked), so tinyEmail updated them instead of creating them'
				: 'no longer existed in tinyEmail when they were written, so tinyEmail created them again with only the updated fields';
		return `${batch} ${what}. tinyEmail does not say which; the customers of that batch: ${emails.join(', ')}${more}.`;
	}
}

function shorten(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
