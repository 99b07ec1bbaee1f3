/**
 * Reading a 400 that refused a whole batch (`PUT /account/customer`, `PUT /audiences/{id}`). The contract:
 * a refusal of one member names its email ("Invalid status for a@b.co"); a refusal for a reason that applies to every
 * member names none; a batch over the server's limit says "At most 1000 members per request". A proxy
 * in front of tinyEmail may refuse a large body with 413 (Payload Too Large).
 */

/**
 * The position in `emails` of the one member the message names (as a whole address, case-insensitively);
 * undefined when it names none, or more than one, of them.
 */
export function namedMember(message: string, emails: string[]): number | undefined {
	let found: number | undefined;
	for (let index = 0; index < emails.length; index++) {
		if (!emails[index].includes('@') || !mentions(message, emails[index])) continue;
		if (found !== undefined) return undefined;
		found = index;
	}
	return found;
}

/** Before a named address: nothing that could belong to a longer address. */
const NOT_BEFORE = "[\\w.!#$%&'*+/=?^`{|}~@-]";
/** After it: the same, except a dot that ends a sentence ("Invalid status for a@b.co."). */
const NOT_AFTER = "(?:[\\w!#$%&'*+/=?^`{|}~@-]|\\.[\\w-])";

function mentions(message: string, email: string): boolean {
	const escaped = email.trim().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	return new RegExp(`(?<!${NOT_BEFORE})${escaped}(?!${NOT_AFTER})`, 'i').test(message);
}

/** The server's batch limit, when the 400 says the batch was too large for it ("At most 1000 members per request"). */
export function batchLimitFrom(message: string): number | undefined {
	const match = /\bat most (\d+) (?:members|customers|items)\b/i.exec(message);
	const limit = match ? Number(match[1]) : NaN;
	return Number.isInteger(limit) && limit >= 1 ? limit : undefined;
}

/**
 * Wording of a refusal for the request's size that states no number ("Too many members in one request",
 * "Request body too large"). Deliberately about one request, not the account: "Your plan allows at most
 * 500 customers" must not make the node halve its batches.
 */
const TOO_LARGE = [
	/\b(?:too many|at most|maximum|max\.?)\b[^.]*\b(?:members|customers|items|records|entries)\b[^.]*\b(?:per|in (?:a|one|each|the|this)) (?:request|batch|call)\b/i,
	/\b(?:batch|request|payload|body)\b[^.]*\btoo (?:large|big|long)\b/i,
	/\btoo (?:large|big)\b[^.]*\b(?:batch|request|payload|body)\b/i,
	/\bbatch size\b[^.]*\b(?:exceed|too|over|maximum|limit)/i,
];

/**
 * The batch size to send from now on when tinyEmail refused a batch of `size` for its size: the limit
 * it states, else half the batch (a 413, or a 400 saying "too many members" without a number).
 * Undefined when the answer is about something else, or a smaller batch is not possible.
 */
export function smallerBatch(status: number | undefined, message: string, size: number): number | undefined {
	if (size <= 1) return undefined;
	const stated = batchLimitFrom(message);
	if (stated !== undefined) return stated < size ? stated : undefined;
	if (status === 413 || (status === 400 && TOO_LARGE.some((wording) => wording.test(message)))) return Math.floor(size / 2);
	return undefined;
}
