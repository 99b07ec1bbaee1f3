// Setting refuseEmailsMatching: members whose email matches are refused, as the real service refuses an
// address it does not accept. Like it, the 400 names only the first refused member of the request (in the
// request's order), so a request with many refused members is refused once for each, one name at a time.
import type { Settings } from './state';

export const NOT_ACCEPTED = 'Email address is not accepted';

/** Checks a setting's value: a regular expression (matched case-insensitively), or false for none. */
export function refusalPatternProblem(value: unknown): string | undefined {
	if (value === false) return undefined;
	if (typeof value !== 'string' || value === '') return 'refuseEmailsMatching must be a regular expression (a non-empty string) or false';
	try {
		new RegExp(value, 'i');
	} catch {
		return `refuseEmailsMatching "${value}" is not a valid regular expression`;
	}
	return undefined;
}

/**
 * The 400's message for a list of members with a refused one: "Email address is not accepted: a@x.co"
 * naming the first; with namesRefusedCustomer off, "updateMembers[3]: email address is not accepted".
 * Undefined when none is refused.
 */
export function memberRefusal(settings: Settings, listName: string, emails: string[]): string | undefined {
	if (settings.refuseEmailsMatching === false) return undefined;
	const pattern = new RegExp(settings.refuseEmailsMatching, 'i');
	const index = emails.findIndex((email) => pattern.test(email));
	if (index < 0) return undefined;
	return settings.namesRefusedCustomer ? `${NOT_ACCEPTED}: ${emails[index]}` : `${listName}[${index}]: ${NOT_ACCEPTED.toLowerCase()}`;
}
