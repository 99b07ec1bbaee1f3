/** tinyEmail treats emails case-insensitively (contract), so the node does too when it groups or remembers them. */
export function emailKey(email: string): string {
	return email.trim().toLowerCase();
}
