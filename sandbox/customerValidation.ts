// Validation of customer and audience-member items, shared by the customer and audience endpoints.
// Unknown fields are rejected (not ignored), so a typo in the node shows up as a clear 400 instead of lost data.
import type { Customer } from './types';
import { isPlainObject } from './http';

export const CUSTOMER_STATUSES = ['Subscribed', 'Unsubscribed', 'Bounced', 'Inactive', 'Spam'] as const;

const STRING_FIELDS = [
	'email',
	'firstName',
	'lastName',
	'source',
	'status',
	'birthday',
	'currency',
	'country',
	'province',
	'city',
	'address1',
	'address2',
	'phone',
	'postalCode',
	'company',
	'lastPurchaseOrder',
	'lastPurchasePrice',
	'latestOrderId',
	'lastPurchaseDate',
] as const;
const MEMBER_EXCLUDED = ['status', 'lastPurchaseDate'];
const DATE_FIELDS = ['birthday', 'lastPurchaseDate'];

/** A customer field sent as "" or null is cleared (the contract's decision); the key and the status cannot be. */
export const isClearing = (value: unknown): boolean => value === '' || value === null;
const CANNOT_CLEAR = ['email', 'status'];

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isValidEmail = (value: string): boolean => value.length <= 254 && EMAIL_PATTERN.test(value);

/** A real calendar date written YYYY-MM-DD (2023-02-30 is rejected). */
export function isValidDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export type ItemKind = 'customer' | 'member';

/** Checks one item; returns the problem in words, or undefined when the item is fine. */
function itemProblem(item: Record<string, unknown>, kind: ItemKind): string | undefined {
	const allowed: string[] = [...STRING_FIELDS, 'tags'].filter((field) => kind === 'customer' || !MEMBER_EXCLUDED.includes(field));
	for (const field of Object.keys(item)) {
		if (!allowed.includes(field)) {
			return kind === 'member' && MEMBER_EXCLUDED.includes(field)
				? `field "${field}" is not allowed on an audience member`
				: `unknown field "${field}"`;
		}
	}
	if (typeof item.email !== 'string' || item.email.trim() === '') return 'field "email" is required and must be a string';
	if (!isValidEmail(item.email)) return 'field "email" is not a valid email address';
	const clears = (field: string) => kind === 'customer' && !CANNOT_CLEAR.includes(field) && isClearing(item[field]);
	if (kind === 'customer' && 'status' in item && isClearing(item.status)) {
		return `field "status" cannot be cleared; send one of ${CUSTOMER_STATUSES.join(', ')}, or leave it out`;
	}
	for (const field of STRING_FIELDS) {
		if (field in item && !clears(field) && typeof item[field] !== 'string') return `field "${field}" must be a string`;
	}
	if ('status' in item && !(CUSTOMER_STATUSES as readonly string[]).includes(item.status as string)) {
		return `field "status" must be one of ${CUSTOMER_STATUSES.join(', ')}`;
	}
	for (const field of DATE_FIELDS) {
		if (field in item && !clears(field) && !isValidDate(item[field] as string))
			return `field "${field}" must be a real date written YYYY-MM-DD`;
	}
	if ('tags' in item && !(Array.isArray(item.tags) && item.tags.every((tag) => typeof tag === 'string'))) {
		return 'field "tags" must be an array of strings';
	}
	return undefined;
}

/**
 * Validates a whole batch; the first bad item makes the batch fail with a message naming the list,
 * the item's index, its email (when it has one and `namesEmail`) and the field.
 */
export function validateItems(
	items: unknown,
	listName: string,
	kind: ItemKind,
	namesEmail = true,
): { ok: true; items: Customer[] } | { ok: false; message: string } {
	if (!Array.isArray(items)) return { ok: false, message: `"${listName}" must be an array` };
	for (let index = 0; index < items.length; index++) {
		const item: unknown = items[index];
		if (!isPlainObject(item)) return { ok: false, message: `${listName}[${index}]: must be a JSON object` };
		const problem = itemProblem(item, kind);
		if (problem) {
			const email = typeof item.email === 'string' && namesEmail ? ` (${item.email})` : '';
			return { ok: false, message: `${listName}[${index}]${email}: ${problem}` };
		}
	}
	return { ok: true, items: items as Customer[] };
}
