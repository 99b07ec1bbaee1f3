/**
 * How a batch that tinyEmail refuses with a 400 is taken apart, at a bounded number of requests, whatever
 * the 400 names. Pure: it says which piece to send next and learns what tinyEmail answered; the caller
 * sends. Used for customer writes (PUT /account/customer) and audience members (PUT /audiences/{id}).
 *
 * - The 400 names one entry of the piece: that entry is refused with the message; the rest is sent again
 *   at once (1 extra request per refused entry), for the first NAMED_IN_A_ROW named refusals of a batch.
 *   After that, the rest is bisected instead: a service that names one refused entry per answer would
 *   otherwise cost one request per entry (1,000 requests for 1,000 refused).
 * - It names none: the piece is bisected, down to single entries (a single entry refused is refused).
 * - Both halves refused with the same message naming none: a reason all entries share; all are refused
 *   with it ("shared"), and a later piece refused with that very message too, at once.
 * - Refusals in a row, with no piece accepted in between, reach the batch's cap (NAMED_IN_A_ROW +
 *   2·⌈log2 n⌉: 30 for 1,000): the rest of the batch is not sent ("notSent"), each entry told why.
 * So a batch of n costs at most about 1 + 10 + 2·⌈log2 n⌉ requests when every entry is refused, whatever
 * tinyEmail names, and O(refused · log n) otherwise; every entry ends accepted, refused with tinyEmail's
 * reason, or not sent with the reason.
 */

/** Named refusals of a batch answered by resending the rest whole (each costs exactly 1 extra request). */
export const NAMED_IN_A_ROW = 10;

export type RefusalOutcome<T> =
	/** tinyEmail refused this entry, with this message. */
	| { kind: 'refused'; entries: [T]; message: string }
	/** tinyEmail refused these entries (both halves of their piece) with one message naming none of them. */
	| { kind: 'shared'; entries: T[]; message: string }
	/** Not sent: `refusals` answers in a row refused their batch (the last saying `message`). */
	| { kind: 'notSent'; entries: T[]; refusals: number; message: string }
	/** Not sent: another entry of the same group (the same input item) was refused. */
	| { kind: 'groupRefused'; entries: T[] };

interface Bisection<T> {
	entries: T[];
	halves: [T[], T[]];
	refusals: [string | undefined, string | undefined];
}

interface SendStep<T> {
	send: T[];
	half?: { of: Bisection<T>; index: 0 | 1 };
}

type Step<T> = SendStep<T> | { decide: Bisection<T> };

export interface RefusalPlanOptions<T> {
	/** Entries of one group stand or fall together: once one is refused, the others are not sent. */
	groupOf?: (entry: T) => unknown;
	/** A message that already refused a whole piece for a shared reason (an earlier batch of the run). */
	sharedRefusal?: string;
}

export class RefusalPlan<T> {
	readonly outcomes: Array<RefusalOutcome<T>> = [];
	/** The message that refused both halves of a piece for a shared reason, if one did (carried to later batches). */
	sharedRefusal: string | undefined;
	private readonly steps: Array<Step<T>>;
	private current: SendStep<T> = { send: [] };
	private readonly refusedGroups = new Set<unknown>();
	private named = 0;
	private inARow = 0;
	private readonly cap: number;

	constructor(
		entries: T[],
		private readonly options: RefusalPlanOptions<T> = {},
	) {
		this.steps = [{ send: entries }];
		this.sharedRefusal = options.sharedRefusal;
		this.cap = NAMED_IN_A_ROW + 2 * Math.ceil(Math.log2(Math.max(entries.length, 1)));
	}

	/** The next piece to send, or undefined when every entry is settled. */
	next(): T[] | undefined {
		for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
			if ('decide' in step) {
				this.decide(step.decide);
				continue;
			}
			const send = this.withoutRefusedGroups(step.send);
			if (send.length === 0) continue;
			this.current = { ...step, send };
			return send;
		}
		return undefined;
	}

	/** tinyEmail took the last piece (the caller settled it). */
	accepted(): void {
		this.inARow = 0;
	}

	/** The last piece is to be sent again in pieces of at most `size`, less than its length (tinyEmail said it was too large). */
	split(size: number): void {
		const { send } = this.current;
		size = Math.max(1, Math.min(size, send.length - 1));
		for (let start = Math.floor((send.length - 1) / size) * size; start >= 0; start -= size) {
			this.steps.push({ send: send.slice(start, start + size) });
		}
	}

	/** tinyEmail refused the last piece with a 400 saying `message`; `named` is the entry it names, if any. */
	refused(message: string, named?: number): void {
		const { send, half } = this.current;
		this.inARow++;
		if (named !== undefined) {
			this.refuse(send[named], message);
			const rest = send.filter((_, index) => index !== named);
			this.named++;
			if (this.named <= NAMED_IN_A_ROW || rest.length <= 1) this.steps.push({ send: rest });
			else this.steps.push(...bisect(rest));
		} else if (send.length === 1) {
			this.refuse(send[0], message);
		} else if (message !== '' && message === this.sharedRefusal) {
			this.outcomes.push({ kind: 'shared', entries: send, message });
		} else if (half !== undefined) {
			half.of.refusals[half.index] = message;
		} else {
			this.steps.push(...bisect(send));
		}
		if (this.inARow >= this.cap) this.stop(message);
	}

	private refuse(entry: T, message: string): void {
		this.outcomes.push({ kind: 'refused', entries: [entry], message });
		if (this.options.groupOf) this.refusedGroups.add(this.options.groupOf(entry));
	}

	private withoutRefusedGroups(entries: T[]): T[] {
		const { groupOf } = this.options;
		if (!groupOf || this.refusedGroups.size === 0) return entries;
		const dropped = entries.filter((entry) => this.refusedGroups.has(groupOf(entry)));
		if (dropped.length === 0) return entries;
		this.outcomes.push({ kind: 'groupRefused', entries: dropped });
		return entries.filter((entry) => !this.refusedGroups.has(groupOf(entry)));
	}

	/** Both halves of a bisection were sent: the same refusal for both is a shared reason; else each refused half is bisected. */
	private decide(bisection: Bisection<T>): void {
		const [first, second] = bisection.refusals;
		if (first !== undefined && first === second) {
			this.sharedRefusal = first;
			this.outcomes.push({ kind: 'shared', entries: bisection.entries, message: first });
			return;
		}
		if (second !== undefined) this.steps.push(...bisect(bisection.halves[1]));
		if (first !== undefined) this.steps.push(...bisect(bisection.halves[0]));
	}

	/** The cap of refusals in a row is reached: nothing more of the batch is sent. */
	private stop(message: string): void {
		const entries: T[] = [];
		for (const step of this.steps.splice(0)) {
			if ('send' in step) entries.push(...step.send);
			else step.decide.refusals.forEach((refusal, index) => refusal !== undefined && entries.push(...step.decide.halves[index]));
		}
		const unsent = this.withoutRefusedGroups(entries);
		if (unsent.length > 0) this.outcomes.push({ kind: 'notSent', entries: unsent, refusals: this.inARow, message });
	}
}

/** The steps that take a refused piece apart: send each half (first half first), then decide. */
function bisect<T>(entries: T[]): Array<Step<T>> {
	const middle = Math.ceil(entries.length / 2);
	const bisection: Bisection<T> = { entries, halves: [entries.slice(0, middle), entries.slice(middle)], refusals: [undefined, undefined] };
	return [
		{ decide: bisection },
		{ send: bisection.halves[1], half: { of: bisection, index: 1 } },
		{ send: bisection.halves[0], half: { of: bisection, index: 0 } },
	];
}
