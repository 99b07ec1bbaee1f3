import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { emailKey } from '../../helpers/emailKey';
import { tinyEmailApiRequest } from '../../transport/request';

/**
 * Reads customers by email, and remembers what this run wrote.
 * - Get uses find(): each email is read at most once per run.
 * - The write operations use read(): a customer this run has written is known as written (no read);
 *   any other is read from tinyEmail right then, never from an earlier read, since the node reads a
 *   batch's customers right before it writes that batch.
 */
export class CustomerLookup {
	private readonly known = new Map<string, Promise<TinyEmailCustomer | undefined>>();
	private readonly written = new Map<string, TinyEmailCustomer>();

	constructor(private readonly ctx: IExecuteFunctions) {}

	/** The stored customer, or undefined when tinyEmail does not know the email (read once per run). */
	async find(email: string, itemIndex: number): Promise<TinyEmailCustomer | undefined> {
		const key = emailKey(email);
		const written = this.written.get(key);
		if (written) return written;
		let pending = this.known.get(key);
		if (!pending) {
			pending = this.fetch(email, itemIndex);
			this.known.set(key, pending);
			// A failed read is not remembered: the next item with this email may try again
			pending.catch(() => this.known.delete(key));
		}
		return await pending;
	}

	/** The customer as this run wrote it, else as tinyEmail has it now (a fresh read). */
	async read(email: string, itemIndex: number): Promise<TinyEmailCustomer | undefined> {
		return this.written.get(emailKey(email)) ?? (await this.fetch(email, itemIndex));
	}

	/** Call once tinyEmail took a write (not before: a refused write changed nothing). */
	remember(customer: TinyEmailCustomer): void {
		this.written.set(emailKey(customer.email), customer);
	}

	/** A write whose result the node does not fully know (it sent some fields, read nothing): read it again next time. */
	forget(email: string): void {
		this.written.delete(emailKey(email));
	}

	private async fetch(email: string, itemIndex: number): Promise<TinyEmailCustomer | undefined> {
		const body = await tinyEmailApiRequest(this.ctx, 'GET', `/account/customer/${encodeURIComponent(email)}`, {
			itemIndex,
			notFoundAsUndefined: true,
		});
		// Some servers answer an unknown email with 200 and an empty object
		if (!body || typeof body !== 'object' || typeof (body as { email?: unknown }).email !== 'string') return undefined;
		return body as TinyEmailCustomer;
	}
}

/** The error of Get and Update when tinyEmail does not know the email. */
export function customerNotFoundError(node: INode, email: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `No customer with email "${email}" exists in tinyEmail (item ${itemIndex})`, {
		itemIndex,
		description: 'Check the email address, or use Create or Update to add the customer.',
	});
}

/** What the node knows about a customer after writing `sent` over `stored` (a field sent as "" is cleared). */
export function mergeCustomer(stored: TinyEmailCustomer | undefined, sent: TinyEmailCustomer): TinyEmailCustomer {
	const merged: TinyEmailCustomer = { ...(stored ?? {}), ...sent };
	if (sent.status !== undefined && sent.status !== 'Unsubscribed') delete merged.unsubscribedAt;
	for (const [field, value] of Object.entries(sent)) if (value === '') delete merged[field];
	return merged;
}

/** Leaves out of `customer` the clears (Empty Values "clear") of fields `stored` does not have: they change nothing. */
export function withoutIdleClears(customer: TinyEmailCustomer, stored: TinyEmailCustomer): TinyEmailCustomer {
	const kept: TinyEmailCustomer = { ...customer };
	for (const [field, value] of Object.entries(customer)) {
		const clears = value === '' || (Array.isArray(value) && value.length === 0);
		const has = Array.isArray(stored[field])
			? (stored[field] as unknown[]).length > 0
			: stored[field] !== undefined && stored[field] !== '';
		if (clears && !has) delete kept[field];
	}
	return kept;
}

/** Stored tags plus the new ones, stored order first, no repeats. */
export function addTags(stored: TinyEmailCustomer | undefined, added: string[]): string[] {
	const existing = Array.isArray(stored?.tags) ? (stored.tags as unknown[]).map(String) : [];
	return [...existing, ...added.filter((tag) => !existing.includes(tag))];
}
