import type { IDataObject } from 'n8n-workflow';

import { isLastPage, PAGE_SIZE, type Page } from '../transport/paging';
import { toEntries, type Entry } from './memberKey';

/** Reading an audience's member list (pages from 1, oldest member first) within a poll's request budget. */

/** Members per request. */
export const MEMBER_PAGE_SIZE = PAGE_SIZE;
/** Requests one poll sends for one audience, at most. */
export const MAX_REQUESTS_PER_POLL = 3;

export type ReadMemberPage = (page: number, size: number) => Promise<Page<IDataObject>>;

/** The page (from 1) that lists the member at `position` (from 0). */
export function pageOf(position: number): number {
	return Math.floor(position / MEMBER_PAGE_SIZE) + 1;
}

/** Consecutive pages of the member list read in one poll, within MAX_REQUESTS_PER_POLL. */
export class MemberWindow {
	private readonly answers = new Map<number, Page<IDataObject>>();
	private requests = 0;
	/** Page numbers in the window, consecutive. */
	private pages: number[] = [];
	/** The latest total tinyEmail gave. */
	total?: number;

	constructor(private readonly read: ReadMemberPage) {}

	canRead(): boolean {
		return this.requests < MAX_REQUESTS_PER_POLL;
	}

	get first(): number {
		return this.pages[0];
	}

	private get lastPage(): number {
		return this.pages[this.pages.length - 1];
	}

	/** Position of the window's first member. */
	get start(): number {
		return (this.first - 1) * MEMBER_PAGE_SIZE;
	}

	/** Position after the window's last member. */
	get end(): number {
		return (this.lastPage - 1) * MEMBER_PAGE_SIZE + this.items(this.lastPage).length;
	}

	entries(): Entry[] {
		return this.pages.flatMap((page) => toEntries(this.items(page)));
	}

	reachedEnd(): boolean {
		const page = this.lastPage;
		return isLastPage(this.answers.get(page) ?? { items: [] }, MEMBER_PAGE_SIZE, (page - 1) * MEMBER_PAGE_SIZE + this.items(page).length);
	}

	isEmpty(): boolean {
		return this.pages.every((page) => this.items(page).length === 0);
	}

	/** A page's members (read if needed, counted once). */
	async page(page: number): Promise<IDataObject[]> {
		if (!this.answers.has(page)) {
			this.requests++;
			const answer = await this.read(page, MEMBER_PAGE_SIZE);
			if (answer.totalElements !== undefined) this.total = answer.totalElements;
			this.answers.set(page, answer);
		}
		return this.items(page);
	}

	async startAt(page: number): Promise<void> {
		await this.page(page);
		this.pages = [page];
	}

	async extendBack(): Promise<void> {
		await this.page(this.first - 1);
		this.pages.unshift(this.first - 1);
	}

	/** Reads the following pages up to the end of the list or of the request budget. */
	async readToEnd(): Promise<void> {
		while (!this.reachedEnd() && this.canRead()) {
			await this.page(this.lastPage + 1);
			this.pages.push(this.lastPage + 1);
		}
	}

	private items(page: number): IDataObject[] {
		return this.answers.get(page)?.items ?? [];
	}
}

/** The newest member (Fetch Test Event): the last one of the list; 1 or 2 small requests. */
export async function newestMember(read: ReadMemberPage): Promise<IDataObject | undefined> {
	const first = await read(1, 1);
	if (first.items.length === 0) return undefined;
	if (first.totalElements === undefined || first.totalElements <= 1) return first.items[0];
	const last = await read(first.totalElements, 1);
	return last.items[0] ?? first.items[0];
}
