// The test-facing control surface: SandboxControl in code, and the same operations over HTTP under /__sandbox/.
import type { Customer, FaultRule, NotFoundStyle, SandboxControl } from './types';
import type { ParsedRequest, Reply } from './http';
import { isPlainObject, json, message, parseJsonBody } from './http';
import type { StoredCampaign } from './store';
import type { SandboxState, Settings } from './state';
import { issueTokensDirectly } from './oauth';
import { validateFaultRule } from './faults';
import { ZERO_COUNTERS } from './api/campaigns';
import { randomUUID } from 'node:crypto';

export const CONTROL_PREFIX = '/__sandbox';
const NOT_FOUND_STYLES: NotFoundStyle[] = ['404', '400', 'empty200'];

export function createControl(state: SandboxState): SandboxControl {
	// reset() returns to the settings the sandbox was started with.
	const initialSettings: Settings = { ...state.settings };
	const { store } = state;
	return {
		expireAllAccessTokens() {
			const expired = state.now() - 1;
			for (const token of Object.values(store.data.accessTokens)) token.expiresAt = expired;
			store.changed();
		},
		revokeRefreshTokens(refreshToken) {
			if (refreshToken === undefined) store.data.refreshTokens = {};
			else delete store.data.refreshTokens[refreshToken];
			store.changed();
		},
		issueTokens(clientId, scope) {
			return issueTokensDirectly(state, clientId, scope);
		},
		addFault(rule: FaultRule) {
			const problem = validateFaultRule(rule);
			if (problem) throw new Error(`Invalid fault rule: ${problem}`);
			state.faults.add(rule);
		},
		clearFaults() {
			state.faults.clear();
		},
		setLatency(ms) {
			state.settings.latencyMs = Math.max(0, ms);
		},
		setBatchLimit(limit) {
			state.settings.batchLimit = limit;
		},
		setNotFoundStyle(style) {
			state.settings.notFoundStyle = style;
		},
		setRateLimit(perMinute, retryAfterHeader) {
			state.settings.rateLimitPerMinute = perMinute;
			if (retryAfterHeader !== undefined) state.settings.retryAfterHeader = retryAfterHeader;
			state.rateLimiter.reset();
		},
		seedCustomers(customers: Customer[]) {
			for (const customer of customers) store.putCustomer({ ...customer, tags: customer.tags ? [...customer.tags] : customer.tags });
			store.changed();
		},
		seedAudience({ id, name, members }) {
			const audience = store.addAudience(name, members ?? [], id);
			for (const key of audience.members) {
				if (!store.data.customers[key]) store.putCustomer({ email: key });
			}
			store.changed();
			return audience.id;
		},
		seedCampaign(campaign) {
			const stored: StoredCampaign = {
				status: 'DRAFT',
				contactIds: [],
				...ZERO_COUNTERS,
				...campaign,
				id: typeof campaign.id === 'string' ? campaign.id : randomUUID(),
			} as StoredCampaign;
			store.data.campaigns = store.data.campaigns.filter((existing) => existing.id !== stored.id);
			store.data.campaigns.push(stored);
			store.changed();
			return stored.id;
		},
		seedSender(sender) {
			const id = sender.id === undefined ? randomUUID() : String(sender.id);
			store.data.senders = store.data.senders.filter((existing) => String(existing.id) !== id);
			store.data.senders.push({ emailConfirmed: true, dkimSigned: true, defaults: false, ...sender, id });
			store.changed();
			return id;
		},
		reset() {
			store.reset();
			state.faults.clear();
			state.log.clear();
			state.rateLimiter.reset();
			state.codes.clear();
			Object.assign(state.settings, initialSettings);
		},
		getCustomer(email) {
			const customer = store.getCustomer(email);
			return customer && structuredClone(customer);
		},
		listCustomers() {
			return structuredClone(Object.values(store.data.customers));
		},
		listAudiences() {
			return structuredClone(store.data.audiences);
		},
		requestLog() {
			return state.log.list();
		},
		clearRequestLog() {
			state.log.clear();
		},
		counters() {
			return state.log.counters();
		},
	};
}

/** Applies a partial settings object (HTTP /settings); returns a problem text when a value is wrong. */
function applySettings(control: SandboxControl, state: SandboxState, body: Record<string, unknown>): string | undefined {
	const known = ['latencyMs', 'batchLimit', 'notFoundStyle', 'rateLimitPerMinute', 'retryAfterHeader', 'accessTokenLifetimeSeconds', 'rotateRefreshTokens'];
	const unknown = Object.keys(body).find((key) => !known.includes(key));
	if (unknown) return `Unknown setting "${unknown}"; known: ${known.join(', ')}`;
	const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
	if (body.latencyMs !== undefined && !isCount(body.latencyMs)) return 'latencyMs must be an integer ≥ 0';
	if (body.batchLimit !== undefined && !(isCount(body.batchLimit) && body.batchLimit > 0)) return 'batchLimit must be an integer ≥ 1';
	if (body.notFoundStyle !== undefined && !NOT_FOUND_STYLES.includes(body.notFoundStyle as NotFoundStyle)) return `notFoundStyle must be one of ${NOT_FOUND_STYLES.join(', ')}`;
	if (body.rateLimitPerMinute !== undefined && body.rateLimitPerMinute !== false && !isCount(body.rateLimitPerMinute)) return 'rateLimitPerMinute must be an integer ≥ 0 or false';
	if (body.retryAfterHeader !== undefined && typeof body.retryAfterHeader !== 'boolean') return 'retryAfterHeader must be a boolean';
	if (body.accessTokenLifetimeSeconds !== undefined && !(isCount(body.accessTokenLifetimeSeconds) && body.accessTokenLifetimeSeconds > 0)) return 'accessTokenLifetimeSeconds must be an integer ≥ 1';
	if (body.rotateRefreshTokens !== undefined && typeof body.rotateRefreshTokens !== 'boolean') return 'rotateRefreshTokens must be a boolean';
	if (body.latencyMs !== undefined) control.setLatency(body.latencyMs as number);
	if (body.batchLimit !== undefined) control.setBatchLimit(body.batchLimit as number);
	if (body.notFoundStyle !== undefined) control.setNotFoundStyle(body.notFoundStyle as NotFoundStyle);
	if (body.rateLimitPerMinute !== undefined || body.retryAfterHeader !== undefined) {
		control.setRateLimit(body.rateLimitPerMinute !== undefined ? (body.rateLimitPerMinute as number | false) : state.settings.rateLimitPerMinute, body.retryAfterHeader as boolean | undefined);
	}
	if (body.accessTokenLifetimeSeconds !== undefined) state.settings.accessTokenLifetimeSeconds = body.accessTokenLifetimeSeconds as number;
	if (body.rotateRefreshTokens !== undefined) state.settings.rotateRefreshTokens = body.rotateRefreshTokens as boolean;
	return undefined;
}

function seed(control: SandboxControl, body: Record<string, unknown>): Reply {
	const ids: { audiences: string[]; campaigns: string[]; senders: string[] } = { audiences: [], campaigns: [], senders: [] };
	const customers = body.customers ?? [];
	if (!Array.isArray(customers) || !customers.every((customer) => isPlainObject(customer) && typeof customer.email === 'string')) {
		return message(400, '"customers" must be an array of objects with an email');
	}
	for (const key of ['audiences', 'campaigns', 'senders']) {
		const list = body[key] ?? [];
		if (!Array.isArray(list) || !list.every(isPlainObject)) return message(400, `"${key}" must be an array of objects`);
	}
	const audiences = (body.audiences ?? []) as Array<Record<string, unknown>>;
	if (!audiences.every((audience) => typeof audience.name === 'string')) return message(400, 'every audience needs a "name"');
	control.seedCustomers(customers as Customer[]);
	for (const sender of (body.senders ?? []) as Array<Record<string, unknown>>) ids.senders.push(control.seedSender(sender));
	for (const audience of audiences) {
		ids.audiences.push(control.seedAudience(audience as { id?: string; name: string; members?: string[] }));
	}
	for (const campaign of (body.campaigns ?? []) as Array<Record<string, unknown>>) ids.campaigns.push(control.seedCampaign(campaign));
	return json(200, ids);
}

export function handleControl(control: SandboxControl, state: SandboxState, request: ParsedRequest): Reply {
	const route = request.path.slice(CONTROL_PREFIX.length);
	const { method } = request;
	const readObject = (): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } => {
		if (request.rawBody.trim() === '') return { ok: true, value: {} };
		const parsed = parseJsonBody(request);
		if (!parsed.ok) return parsed;
		return isPlainObject(parsed.value) ? { ok: true, value: parsed.value } : { ok: false, reply: message(400, 'Body must be a JSON object') };
	};
	const only = (allowed: string, run: () => Reply): Reply =>
		method === allowed ? run() : json(405, { message: `Use ${allowed} for ${request.path}` }, { allow: allowed });
	const withBody = (allowed: string, run: (body: Record<string, unknown>) => Reply): Reply =>
		only(allowed, () => {
			const body = readObject();
			return body.ok ? run(body.value) : body.reply;
		});
	const done = (): Reply => json(200, { ok: true });

	const customerMatch = /^\/customers\/([^/]+)$/.exec(route);
	if (customerMatch) {
		return only('GET', () => {
			let email: string;
			try {
				email = decodeURIComponent(customerMatch[1]);
			} catch {
				return message(400, 'Malformed URL encoding');
			}
			const customer = control.getCustomer(email);
			return customer ? json(200, customer) : message(404, `No customer ${email}`);
		});
	}
	switch (route) {
		case '/expire-tokens':
			return only('POST', () => (control.expireAllAccessTokens(), done()));
		case '/revoke-refresh-tokens':
			return withBody('POST', (body) => {
				control.revokeRefreshTokens(typeof body.refreshToken === 'string' ? body.refreshToken : undefined);
				return done();
			});
		case '/issue-tokens':
			return withBody('POST', (body) => {
				const clientId = typeof body.clientId === 'string' ? body.clientId : undefined;
				if (clientId && !state.clients.some((client) => client.id === clientId)) return message(400, `Unknown client ${clientId}`);
				return json(200, control.issueTokens(clientId, typeof body.scope === 'string' ? body.scope : undefined));
			});
		case '/faults':
			if (method === 'DELETE') return (control.clearFaults(), done());
			return withBody('POST', (body) => {
				const problem = validateFaultRule(body);
				if (problem) return message(400, problem);
				control.addFault(body as unknown as FaultRule);
				return done();
			});
		case '/settings':
			if (method === 'GET') return json(200, state.settings);
			return withBody('POST', (body) => {
				const problem = applySettings(control, state, body);
				return problem ? message(400, problem) : json(200, state.settings);
			});
		case '/seed':
			return withBody('POST', (body) => seed(control, body));
		case '/reset':
			return only('POST', () => (control.reset(), done()));
		case '/customers':
			return only('GET', () => json(200, { customers: control.listCustomers() }));
		case '/audiences':
			return only('GET', () => json(200, { audiences: control.listAudiences() }));
		case '/requests':
			if (method === 'DELETE') return (control.clearRequestLog(), done());
			return only('GET', () => json(200, { requests: control.requestLog() }));
		case '/counters':
			return only('GET', () => json(200, control.counters()));
		default:
			return message(404, `No control route ${request.path}`);
	}
}
