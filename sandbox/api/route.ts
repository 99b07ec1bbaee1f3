// How the /v1 endpoints declare themselves to the router.
import type { ParsedRequest, Reply } from '../http';
import type { SandboxState } from '../state';

export interface ApiContext {
	state: SandboxState;
	request: ParsedRequest;
	/** Decoded path parameters, in pattern order. */
	params: string[];
	/** Set by a handler that writes a batch, for the request log. */
	note: { batchSize?: number };
}

export interface ApiRoute {
	method: string;
	/** Matched against the path after /v1, with the raw (still encoded) segments captured. */
	pattern: RegExp;
	/** Whether an access token with scope import_customers may call it (otherwise only an API key). */
	customerScope: boolean;
	handle(context: ApiContext): Reply;
}

/** Reads ?name= as an integer ≥ min; undefined when absent, an error text when malformed. */
export function intQuery(query: URLSearchParams, name: string, min: number, fallback: number): number | string {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) return `Query parameter "${name}" must be an integer ≥ ${min}`;
	return value;
}
