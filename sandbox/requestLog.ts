// What the sandbox saw: every request (secrets redacted) and running counters.
import type { RequestLogEntry, SandboxCounters } from './types';

/** Query parameters whose values are secrets and never appear in the log. */
const SECRET_PARAMS = ['code', 'client_secret', 'refresh_token', 'access_token', 'api_key', 'apikey', 'token', 'state'];
const MAX_ENTRIES = 10_000;

export function redactPath(pathWithQuery: string): string {
	const questionMark = pathWithQuery.indexOf('?');
	if (questionMark < 0) return pathWithQuery;
	const params = new URLSearchParams(pathWithQuery.slice(questionMark + 1));
	for (const key of [...params.keys()]) {
		if (SECRET_PARAMS.includes(key.toLowerCase())) params.set(key, 'REDACTED');
	}
	// URLSearchParams encodes "REDACTED" plainly; keep the rest readable.
	return `${pathWithQuery.slice(0, questionMark)}?${params.toString()}`;
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private totals: SandboxCounters = emptyCounters();

	record(entry: RequestLogEntry): void {
		this.entries.push(entry);
		// Bounded memory for long-running CLI sessions.
		if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
		this.totals.requests++;
		const status = String(entry.status);
		this.totals.byStatus[status] = (this.totals.byStatus[status] ?? 0) + 1;
	}

	countTokenIssued(isRefresh: boolean): void {
		this.totals.tokenIssued++;
		if (isRefresh) this.totals.refreshes++;
	}

	countFamilyRevoked(): void {
		this.totals.familiesRevoked++;
	}

	countCustomerWrite(): void {
		this.totals.customerWrites++;
	}

	list(): RequestLogEntry[] {
		return this.entries.map((entry) => ({ ...entry }));
	}

	clear(): void {
		this.entries = [];
		this.totals = emptyCounters();
	}

	counters(): SandboxCounters {
		return { ...this.totals, byStatus: { ...this.totals.byStatus } };
	}
}

function emptyCounters(): SandboxCounters {
	return { requests: 0, byStatus: {}, tokenIssued: 0, refreshes: 0, familiesRevoked: 0, customerWrites: 0 };
}
