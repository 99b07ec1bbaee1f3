/** The page loop of listing endpoints: how many to ask for, when to stop. */

export interface Page<T> {
	items: T[];
	/** The API's "last" flag, when the answer has one. */
	last?: boolean;
	/** The API's total number of results, when the answer has one. */
	totalElements?: number;
	/** The page number the API says it answered, when the answer has one. */
	number?: number;
}

/** Largest page the node asks for; tinyEmail's own maximum is undocumented. */
export const PAGE_SIZE = 100;
/** Guard against an API that never says "last". */
export const MAX_PAGES = 10000;

/**
 * Whether no page follows this one: the API's "last" flag when it gives one; otherwise all
 * `totalElements` results are in (when given); otherwise the page was shorter than asked for.
 * An empty page always ends the listing.
 */
export function isLastPage(page: Page<unknown>, size: number, collected: number): boolean {
	if (page.items.length === 0) return true;
	if (typeof page.last === 'boolean') return page.last;
	if (typeof page.totalElements === 'number' && Number.isFinite(page.totalElements)) return collected >= page.totalElements;
	return page.items.length < size;
}

/** The "last" flag of a page as tinyEmail sent it: undefined when absent or not a boolean. */
export function lastFlag(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/** A total count as tinyEmail sent it (number or numeric text): undefined when absent or unreadable. */
export function totalCount(value: unknown): number | undefined {
	const count = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(count) && count >= 0 ? count : undefined;
}

/**
 * Reads pages (numbered from `firstPage`) until isLastPage says so, or `limit` results are in, or
 * MAX_PAGES pages were read. The page size shrinks to the limit so a small Limit costs one small request.
 * A server that does not follow the page parameter is caught, not trusted: a page that names another
 * page number than the one asked for, or that repeats the previous page, stops the listing with an
 * error (instead of up to MAX_PAGES pages of duplicates).
 */
export async function collectPages<T>(
	fetchPage: (page: number, size: number) => Promise<Page<T>>,
	firstPage: number,
	limit: number | undefined,
	itemIndex: number,
): Promise<T[]> {
	const size = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const results: T[] = [];
	let previous: string | undefined;
	for (let page = firstPage; page < firstPage + MAX_PAGES; page++) {
		const answer = await fetchPage(page, size);
		const mismatch = pageMismatch(answer, page, `(item ${itemIndex})`);
		if (mismatch) throw mismatch;
		const content = JSON.stringify(answer.items);
		if (answer.items.length > 0 && content === previous) {
			throw new PagingError(`tinyEmail sent the same results for page ${page} as for page ${page - 1} (item ${itemIndex})`);
		}
		previous = content;
		results.push(...answer.items);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (isLastPage(answer, size, results.length)) break;
	}
	return results;
}

/** A listing stopped because the server does not page as asked; nothing of it is output. */
export class PagingError extends Error {
	readonly description =
		"tinyEmail does not seem to follow the page parameter, so reading on would repeat or skip results. Nothing of this listing was output; try again later, or check the credential's Base URL.";
}

/**
 * The error for a page that names another page number than the one asked for (`where` ends its
 * message, e.g. "(item 0)"); undefined when the page names none or the right one.
 */
export function pageMismatch(answer: Page<unknown>, page: number, where: string): PagingError | undefined {
	if (answer.number === undefined || answer.number === page) return undefined;
	return new PagingError(`tinyEmail answered page ${answer.number} when asked for page ${page} ${where}`);
}

/** A page number as tinyEmail echoed it: undefined when absent or unreadable. */
export function pageNumber(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isInteger(number) ? number : undefined;
}
