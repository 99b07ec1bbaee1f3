/**
 * Reading a 400 that refused a whole `PUT /account/customer` batch. The contract: a refusal of one
 * member names its email ("Invalid status for a@b.co"); a refusal for a reason that applies to every
 * member names none; a batch over the server's limit says "At most 1000 members per request".
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
