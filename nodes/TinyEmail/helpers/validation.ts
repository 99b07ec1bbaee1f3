/**
 * Pure checks and conversions of user input. Each returns the normalised value or a
 * `Problem` saying what is wrong and how to fix it; callers turn problems into errors
 * that name the item and the field.
 */
export interface Problem {
	problem: string;
	fix: string;
}

export type Checked<T> = { value: T } | Problem;

export function isProblem<T>(checked: Checked<T>): checked is Problem {
	return (checked as Problem).problem !== undefined;
}

// Deliberately simple: one @, no spaces, a dot in the domain. tinyEmail has the final word.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function checkEmail(raw: unknown): Checked<string> {
	const email = typeof raw === 'string' ? raw.trim() : '';
	if (email === '') {
		return { problem: 'is missing', fix: "Set Email to the customer's email address, e.g. name@example.com." };
	}
	if (!EMAIL_PATTERN.test(email)) {
		return { problem: 'is not valid', fix: 'Use an address of the form name@example.com.' };
	}
	return { value: email };
}

export const CUSTOMER_STATUSES = ['Bounced', 'Inactive', 'Spam', 'Subscribed', 'Unsubscribed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export function checkStatus(raw: unknown): Checked<CustomerStatus> {
	const text = String(raw).trim().toLowerCase();
	const match = CUSTOMER_STATUSES.find((status) => status.toLowerCase() === text);
	return match ? { value: match } : { problem: 'is not a tinyEmail status', fix: `Use one of: ${CUSTOMER_STATUSES.join(', ')}.` };
}

const DATE_FIX = 'Use a date such as 1990-05-04, or an ISO date-time such as 1990-05-04T00:00:00.';

/**
 * Accepts YYYY-MM-DD, ISO date-times (the date part is kept as written, not shifted to UTC),
 * Date objects and Luxon DateTime objects (what `{{ $now }}` gives). Returns YYYY-MM-DD.
 */
export function checkDate(raw: unknown): Checked<string> {
	let text: string;
	if (raw instanceof Date) {
		if (isNaN(raw.getTime())) return { problem: 'is not a valid date', fix: DATE_FIX };
		text = raw.toISOString();
	} else if (raw && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
		text = String((raw as { toISO: () => string | null }).toISO() ?? '');
	} else {
		text = String(raw).trim();
	}
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	if (!match) return { problem: 'is not a valid date', fix: DATE_FIX };
	const [, year, month, day] = match;
	const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) {
		return { problem: 'is not a valid date', fix: DATE_FIX };
	}
	return { value: `${year}-${month}-${day}` };
}

/** Tags from a list (array) or a comma-separated string; trimmed, empties and repeats dropped. */
export function checkTags(raw: unknown): Checked<string[]> {
	const parts = Array.isArray(raw) ? raw : String(raw).split(',');
	const tags: string[] = [];
	for (const part of parts) {
		if (part !== null && typeof part === 'object') {
			return { problem: 'contains something that is not text', fix: 'Give tags as text, e.g. vip, newsletter, or as a list of texts.' };
		}
		const tag = String(part ?? '').trim();
		if (tag !== '' && !tags.includes(tag)) tags.push(tag);
	}
	return { value: tags };
}

/** A price given as a number or a numeric string; tinyEmail stores it as a string. */
export function checkPrice(raw: unknown): Checked<string> {
	const text = typeof raw === 'number' ? String(raw) : String(raw).trim();
	if (typeof raw === 'number' ? !Number.isFinite(raw) : !/^-?\d+(\.\d+)?$/.test(text)) {
		return { problem: 'is not a number', fix: 'Use a number without currency sign, e.g. 35.00.' };
	}
	return { value: text };
}

export function checkCurrency(raw: unknown): Checked<string> {
	const code = String(raw).trim().toUpperCase();
	return /^[A-Z]{3}$/.test(code)
		? { value: code }
		: { problem: 'is not a currency code', fix: 'Use a three-letter ISO 4217 code, e.g. USD or EUR.' };
}

export function checkText(raw: unknown): Checked<string> {
	if (raw !== null && typeof raw === 'object') {
		return { problem: 'is not text', fix: 'Give a text value (check the expression).' };
	}
	return { value: String(raw).trim() };
}

/** "Not set": nothing, or an empty text / empty list. Such fields are never sent. */
export function isUnset(raw: unknown): boolean {
	if (raw === undefined || raw === null) return true;
	if (typeof raw === 'string') return raw.trim() === '';
	if (Array.isArray(raw)) return raw.length === 0;
	return false;
}
