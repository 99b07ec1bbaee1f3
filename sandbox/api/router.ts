// The /v1 pipeline: faults, authentication, rate limit, routing (404/405), then the endpoint.
import type { ParsedRequest, Reply } from '../http';
import { json, message } from '../http';
import type { SandboxState } from '../state';
import { checkBearer } from '../bearer';
import { SYSTEMIC_REFUSAL } from '../faults';
import { upsertCustomer } from '../customerUpsert';
import type { FaultKind } from '../types';
import { rateLimitIdentity } from '../rateLimit';
import type { ApiRoute } from './route';
import { customerRoutes } from './customers';
import { audienceRoutes } from './audiences';
import { campaignRoutes } from './campaigns';
import { senderRoutes } from './senders';

const ROUTES: ApiRoute[] = [...customerRoutes, ...audienceRoutes, ...campaignRoutes, ...senderRoutes];
export const API_PREFIX = '/v1';

/** What the server does with a /v1 request: answer it, or (an injected fault) close the connection or keep it open unanswered. */
export type ApiOutcome =
	| { kind: 'reply'; reply: Reply; batchSize?: number; fault?: FaultKind }
	| { kind: 'drop'; fault: 'drop' | 'applyThenDrop'; batchSize?: number; appliedStatus?: number }
	| { kind: 'hang' };

type Caller = { kind: 'apiKey'; identity: string } | { kind: 'bearer'; identity: string; scope: string[] };

function authenticate(state: SandboxState, request: ParsedRequest): Caller | Reply {
	const apiKey = request.headers['x-api-key'];
	if (typeof apiKey === 'string' && apiKey !== '') {
		return state.apiKeys.includes(apiKey) ? { kind: 'apiKey', identity: `key:${apiKey}` } : message(401, 'API key is missing or invalid');
	}
	const authorization = request.headers.authorization ?? '';
	const bearer = /^bearer\s+(.+)$/i.exec(authorization);
	if (bearer) {
		const token = bearer[1].trim();
		const check = checkBearer(state, token);
		if (!check.valid) {
			return json(
				401,
				{ error: 'invalid_token', error_description: check.description },
				{
					'www-authenticate': `Bearer error="invalid_token", error_description="${check.description}"`,
				},
			);
		}
		return { kind: 'bearer', identity: `token:${token}`, scope: check.scope };
	}
	return message(401, 'API key is missing or invalid');
}

export function handleApi(state: SandboxState, request: ParsedRequest): ApiOutcome {
	// Faults are decided first: a failing gateway answers before anything else happens, and nothing is written
	// (except 'applyThenDrop' and 'concurrentWrite', which go through the whole pipeline).
	const fault = state.faults.take(request.method, request.path);
	if (!fault) return serve(state, request);
	switch (fault.kind) {
		case 'drop':
			return { kind: 'drop', fault: 'drop' };
		case 'hang':
			return { kind: 'hang' };
		case 'applyThenDrop': {
			const served = serve(state, request);
			return { kind: 'drop', fault: 'applyThenDrop', batchSize: served.batchSize, appliedStatus: served.reply.status };
		}
		case 'concurrentWrite': {
			// Another client's upsert lands between the caller's last read and this request
			for (const customer of fault.customers ?? []) upsertCustomer(state.store, structuredClone(customer), state.now());
			state.store.changed();
			return { ...serve(state, request), fault: 'concurrentWrite' };
		}
		default: {
			const status = fault.kind;
			const text = status === 400 ? (fault.message ?? SYSTEMIC_REFUSAL) : status === 429 ? 'Too many requests' : `Injected fault ${status}`;
			return { kind: 'reply', reply: message(status, text), fault: status, batchSize: peekBatchSize(request) };
		}
	}
}

/** How many customers a refused write carried, for the request log (the endpoint never read it). */
function peekBatchSize(request: ParsedRequest): number | undefined {
	try {
		const body = JSON.parse(request.rawBody) as Record<string, unknown>;
		const lists = [body.updateMembers, body.assignMembers, body.unAssignMembers].filter(Array.isArray) as unknown[][];
		return lists.length > 0 ? lists.reduce((sum, list) => sum + list.length, 0) : undefined;
	} catch {
		return undefined;
	}
}

/** Authentication, rate limit, routing, scope, then the endpoint. */
function serve(state: SandboxState, request: ParsedRequest): { kind: 'reply'; reply: Reply; batchSize?: number } {
	const apiPath = request.path.slice(API_PREFIX.length) || '/';
	const caller = authenticate(state, request);
	if ('status' in caller) return { kind: 'reply', reply: caller };

	const identity = rateLimitIdentity(state.settings.rateLimitScope, caller.identity);
	const decision = state.rateLimiter.check(identity, state.settings.rateLimitPerMinute);
	if (!decision.allowed) {
		const headers = state.settings.retryAfterHeader ? { 'retry-after': String(decision.retryAfterSeconds) } : undefined;
		return { kind: 'reply', reply: json(429, { message: 'Too many requests' }, headers) };
	}

	const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(apiPath) })).filter((candidate) => candidate.match);
	if (matching.length === 0) return { kind: 'reply', reply: message(404, `No endpoint ${request.method} ${request.path}`) };
	const found = matching.find((candidate) => candidate.route.method === request.method);
	if (!found || !found.match) {
		const allow = matching.map((candidate) => candidate.route.method).join(', ');
		return { kind: 'reply', reply: json(405, { message: `Method ${request.method} not allowed on ${request.path}` }, { allow }) };
	}
	const { route, match } = found;
	if (caller.kind === 'bearer' && !(route.customerScope && caller.scope.includes('import_customers'))) {
		return {
			kind: 'reply',
			reply: json(403, {
				error: 'insufficient_scope',
				error_description:
					'This endpoint needs an API key (X-API-KEY); an access token only grants the customer endpoints with scope import_customers',
			}),
		};
	}
	let params: string[];
	try {
		params = match.slice(1).map((segment) => decodeURIComponent(segment));
	} catch {
		return { kind: 'reply', reply: message(400, 'Malformed URL encoding in path') };
	}
	const note: { batchSize?: number } = {};
	const reply = route.handle({ state, request, params, note });
	return { kind: 'reply', reply, batchSize: note.batchSize };
}
