import type { IDataObject } from 'n8n-workflow';

import { firstIndexOf, toEntries, type Entry } from './memberKey';
import { MEMBER_PAGE_SIZE, MemberWindow, pageOf, type ReadMemberPage } from './memberPages';

/**
 * Finds an audience's new members with at most 3 requests, whatever its size.
 *
 * tinyEmail lists members by join time, oldest first, pages from 1 (the contract's decision). So the
 * members who joined since the last poll are the ones after the last member seen then. The trigger
 * remembers how many members it had seen (`seen`) and the keys of the last TAIL_SIZE of them (`tail`),
 * reads the page holding position `seen - 1` and finds those members there: they form one run (the
 * "block"), shifted left when earlier members left; everyone after the block joined since.
 *
 * When the remembered members are not where join order puts them (the block ends after position
 * `seen - 1`, or someone the trigger has never seen is listed before the oldest members it remembers,
 * `head`), or cannot be found at all, the trigger cannot tell old from new members within its budget.
 * It then prefers a duplicate to a miss: it reports every member it read and does not remember that is
 * listed after the block (anywhere, when there is no block) or before the oldest remembered members,
 * and starts again from the end of the list.
 *
 * Keys are short hashes of the lower-cased email: the saved state holds no email address.
 */

/** How many of the newest seen members are remembered, to find where the new ones start. */
export const TAIL_SIZE = 100;
/** How many of the oldest members are remembered, to notice members listed ahead of them. */
export const HEAD_SIZE = 20;

export interface MemberWatermark extends IDataObject {
	/** Members at positions below this had joined by the last poll. */
	seen: number;
	/** Keys of the first members of the list (at most HEAD_SIZE), in list order. */
	head: string[];
	/** Keys of the members just before position `seen` (at most TAIL_SIZE), in list order. */
	tail: string[];
	/** Set while the first poll has not reached the end of the list (tinyEmail gave no total): read on, report nothing. */
	catchingUp?: boolean;
}

export interface MemberPollResult {
	/** Members who joined since the last poll, in join order. */
	newMembers: IDataObject[];
	watermark: MemberWatermark;
	/** Whether the list was not in join order (or the remembered members were gone) and the watermark started again. */
	resynced: boolean;
}

/**
 * The remembered members as found in `entries`: from the first of them, the following ones that are
 * remembered too, in the remembered order (gaps are members who left). Indexes into `entries`.
 */
export function findBlock(entries: Array<{ key: string }>, tail: string[]): { start: number; end: number } | undefined {
	const rank = new Map(tail.map((key, index) => [key, index]));
	const start = entries.findIndex((entry) => rank.has(entry.key));
	if (start < 0) return undefined;
	let end = start;
	for (let index = start + 1; index < entries.length; index++) {
		const next = rank.get(entries[index].key);
		if (next === undefined || next <= (rank.get(entries[end].key) as number)) break;
		end = index;
	}
	return { start, end };
}

/** The first poll: remembers where the list ends now, reports nothing. Reads page 1 and the last two pages. */
export async function baselineMembers(read: ReadMemberPage): Promise<MemberPollResult> {
	const window = new MemberWindow(read);
	await window.startAt(1);
	const head = headOf(window.entries());
	if (!window.reachedEnd() && window.total !== undefined) {
		const lastPage = Math.ceil(window.total / MEMBER_PAGE_SIZE);
		// The page before the last one too, so that the remembered tail is long enough
		if (lastPage > 2) await window.startAt(lastPage - 1);
	}
	await window.readToEnd();
	const watermark = watermarkOf(window, head);
	if (!window.reachedEnd()) watermark.catchingUp = true;
	return { newMembers: [], watermark, resynced: false };
}

/** A later poll: the members who joined since `previous`, and the watermark to keep. */
export async function pollMembers(read: ReadMemberPage, previous: MemberWatermark): Promise<MemberPollResult> {
	const window = new MemberWindow(read);
	await window.startAt(previous.seen === 0 ? 1 : pageOf(previous.seen - 1));
	// Members who left before the block shift it left, possibly onto earlier pages
	while (previous.tail.length > 0 && !findBlock(window.entries(), previous.tail) && window.first > 1 && window.canRead()) {
		const lastPage = window.total === undefined ? window.first - 1 : Math.max(1, Math.ceil(window.total / MEMBER_PAGE_SIZE));
		if (window.isEmpty() && lastPage < window.first - 1) await window.startAt(lastPage);
		else await window.extendBack();
	}
	await window.readToEnd();

	const entries = window.entries();
	const block = findBlock(entries, previous.tail);
	const after = block ? entries.slice(block.end + 1) : entries;
	if (inJoinOrder(window, entries, block, previous)) {
		// Remembered members before the window keep the tail long when the window starts with the block
		const earlier = block && block.start === 0 && window.first > 1 ? previous.tail.slice(0, previous.tail.indexOf(entries[0].key)) : [];
		const watermark = watermarkOf(window, window.first === 1 ? undefined : previous.head, earlier);
		if (previous.catchingUp) {
			if (!window.reachedEnd()) watermark.catchingUp = true;
			return { newMembers: [], watermark, resynced: false };
		}
		return { newMembers: after.map((entry) => entry.member), watermark, resynced: false };
	}

	// Not in join order, or the remembered members are gone: report what cannot be placed
	// Page 1 shows members listed ahead of the oldest remembered ones (e.g. a newest-first list)
	const firstPage = window.first === 1 || window.canRead() ? toEntries(await window.page(1)) : undefined;
	const candidates: Entry[] = [];
	if (firstPage) {
		const headAt = firstIndexOf(firstPage, previous.head);
		candidates.push(...firstPage.slice(0, headAt >= 0 ? headAt : firstPage.length));
	}
	candidates.push(...after);
	const watermark = watermarkOf(window, firstPage ? headOf(firstPage) : previous.head);
	if (previous.catchingUp) return { newMembers: [], watermark, resynced: true };
	return { newMembers: unknownOnce(candidates, new Set([...previous.head, ...previous.tail])), watermark, resynced: true };
}

/** Join order holds as far as the trigger can see: nobody ahead of the oldest members, the block where it was or earlier. */
function inJoinOrder(
	window: MemberWindow,
	entries: Entry[],
	block: { start: number; end: number } | undefined,
	previous: MemberWatermark,
): boolean {
	if (window.first === 1 && firstIndexOf(entries, previous.head) > 0) return false;
	if (previous.tail.length === 0) return previous.seen === 0;
	return block !== undefined && window.start + block.end <= previous.seen - 1;
}

function unknownOnce(candidates: Entry[], known: Set<string>): IDataObject[] {
	const reported = new Set<string>();
	const members: IDataObject[] = [];
	for (const entry of candidates) {
		if (known.has(entry.key) || reported.has(entry.key)) continue;
		reported.add(entry.key);
		members.push(entry.member);
	}
	return members;
}

function headOf(entries: Entry[]): string[] {
	return entries.slice(0, HEAD_SIZE).map((entry) => entry.key);
}

/** The watermark at the end of the window; without `head`, the window starts at page 1 and gives it. */
function watermarkOf(window: MemberWindow, head?: string[], earlierTail: string[] = []): MemberWatermark {
	const entries = window.entries();
	return {
		seen: window.end,
		head: head ?? headOf(entries),
		tail: [...earlierTail, ...entries.map((entry) => entry.key)].slice(-TAIL_SIZE),
	};
}
