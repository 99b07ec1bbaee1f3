import type { IDataObject } from 'n8n-workflow';

import { emailKey } from './emailKey';
import { customerFieldsFromInput, isFieldProblem, type TinyEmailCustomer } from './customerFields';
import { checkEmail, isProblem, type Problem } from './validation';

/** Customer fields tinyEmail does not take on audience members. */
const NOT_ON_MEMBERS = ['status', 'lastPurchaseDate'];

export function toMember(customer: IDataObject): TinyEmailCustomer {
	const member = { ...customer } as TinyEmailCustomer;
	for (const key of NOT_ON_MEMBERS) delete member[key];
	return member;
}

/**
 * Customers given in one parameter: nothing; comma-, semicolon- or line-separated emails; a list
 * of emails; or a list of objects with an email and customer fields (e.g. `{{ $json.customers }}`).
 * `defaults` (customer fields) apply to each customer; an object's own fields win. Repeated emails
 * are merged (later fields win). Status and Last Purchase Date are left out: members do not take them.
 */
export function membersFromValue(raw: unknown, defaults: IDataObject = {}): { members: TinyEmailCustomer[] } | Problem {
	const entries: unknown[] =
		raw === undefined || raw === null || raw === ''
			? []
			: Array.isArray(raw)
				? raw
				: typeof raw === 'object'
					? [raw]
					: String(raw)
							.split(/[,;\n]/)
							.filter((part) => part.trim() !== '');
	const byEmail = new Map<string, TinyEmailCustomer>();
	for (const entry of entries) {
		let fields: IDataObject = {};
		let rawEmail: unknown = entry;
		if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
			rawEmail = (entry as IDataObject).email;
			const result = customerFieldsFromInput(entry as IDataObject);
			if (isFieldProblem(result)) {
				return { problem: `has a ${result.field.displayName} that ${result.problem}`, fix: result.fix };
			}
			fields = result.fields;
		}
		const email = checkEmail(typeof rawEmail === 'string' ? rawEmail : '');
		if (isProblem(email)) {
			const shown = typeof rawEmail === 'string' ? `"${rawEmail}"` : 'an entry without an email';
			return {
				problem: `contains ${shown}, which is not a valid email address`,
				fix: 'Give email addresses such as name@example.com, comma-separated or as a list.',
			};
		}
		const key = emailKey(email.value);
		byEmail.set(key, toMember({ ...defaults, ...(byEmail.get(key) ?? {}), ...fields, email: email.value }));
	}
	return { members: [...byEmail.values()] };
}

/** What one item asks for: these members into (or out of) this audience. */
export interface MemberChange {
	itemIndex: number;
	audienceId: string;
	members: TinyEmailCustomer[];
}

export interface MemberBatch {
	audienceId: string;
	members: TinyEmailCustomer[];
	/** The item each member comes from (same order as `members`). */
	owners: number[];
	itemIndexes: number[];
}

/**
 * Groups the changes of all items per audience (first-seen order) into batches of at most
 * `batchSize` members. The same email never appears twice in one batch, so a later item's
 * change for an email is applied after the earlier one.
 */
export function planMemberBatches(changes: MemberChange[], batchSize: number): MemberBatch[] {
	const byAudience = new Map<string, MemberChange[]>();
	for (const change of changes) {
		const list = byAudience.get(change.audienceId) ?? [];
		list.push(change);
		byAudience.set(change.audienceId, list);
	}
	const batches: MemberBatch[] = [];
	for (const [audienceId, list] of byAudience) {
		let current: MemberBatch | undefined;
		let emails = new Set<string>();
		for (const change of list) {
			for (const member of change.members) {
				const key = emailKey(member.email);
				if (!current || current.members.length >= batchSize || emails.has(key)) {
					current = { audienceId, members: [], owners: [], itemIndexes: [] };
					emails = new Set();
					batches.push(current);
				}
				current.members.push(member);
				current.owners.push(change.itemIndex);
				emails.add(key);
				if (!current.itemIndexes.includes(change.itemIndex)) current.itemIndexes.push(change.itemIndex);
			}
		}
	}
	return batches;
}
