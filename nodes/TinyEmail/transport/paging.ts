/** The page loop of listing endpoints: how many to ask for, when to stop. */

export interface Page<T> {
	items: T[];
	/** The API's "last" flag, when the answer has one. */
	last?: boolean;
	/** The API's total number of results, when the answer has one. */
	totalElements?: number;
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
 */
export async function collectPages<T>(
	fetchPage: (page: number, size: number) => Promise<Page<T>>,
	firstPage: number,
	limit: number | undefined,
): Promise<T[]> {
	const size = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const results: T[] = [];
	for (let page = firstPage; page < firstPage + MAX_PAGES; page++) {
		const answer = await fetchPage(page, size);
		results.push(...answer.items);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (isLastPage(answer, size, results.length)) break;
	}
	return results;
}
