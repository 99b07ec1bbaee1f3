import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { emailKey } from '../helpers/emailKey';

/** How the member trigger tells members apart without keeping their email addresses. */

/** A member's key: 66 bits of SHA-256 of its lower-cased email (of the whole record if it has none). */
export function memberKey(member: IDataObject): string {
	const identity = typeof member.email === 'string' ? emailKey(member.email) : JSON.stringify(member);
	return createHash('sha256').update(identity).digest('base64url').slice(0, 11);
}

/** A listed member with its key. */
export interface Entry {
	key: string;
	member: IDataObject;
}

export function toEntries(members: IDataObject[]): Entry[] {
	return members.map((member) => ({ key: memberKey(member), member }));
}

/** Where the first of `keys` is listed in `entries`; -1 when none is. */
export function firstIndexOf(entries: Entry[], keys: string[]): number {
	const wanted = new Set(keys);
	return entries.findIndex((entry) => wanted.has(entry.key));
}
