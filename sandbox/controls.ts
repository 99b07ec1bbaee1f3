// The programmatic control surface: the SandboxControl object tests drive the sandbox with (HTTP twin: controlRoutes.ts).
import type { Customer, FaultRule, SandboxControl } from './types';
import type { StoredCampaign } from './store';
import type { SandboxState, Settings } from './state';
import { issueTokensDirectly } from './oauthToken';
import { validateFaultRule } from './faults';
import { refusalPatternProblem } from './memberRefusal';
import { ZERO_COUNTERS } from './api/campaigns';
import { randomUUID } from 'node:crypto';

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
		setNamesRefusedCustomer(names) {
			state.settings.namesRefusedCustomer = names;
		},
		setRefuseEmailsMatching(pattern) {
			const problem = refusalPatternProblem(pattern);
			if (problem) throw new Error(problem);
			state.settings.refuseEmailsMatching = pattern;
		},
		setRateLimit(perMinute, retryAfterHeader) {
			state.settings.rateLimitPerMinute = perMinute;
			if (retryAfterHeader !== undefined) state.settings.retryAfterHeader = retryAfterHeader;
			state.rateLimiter.reset();
		},
		setRateLimitScope(scope) {
			state.settings.rateLimitScope = scope;
			state.rateLimiter.reset();
		},
		setRefreshTokenRotation(rotate) {
			state.settings.rotateRefreshTokens = rotate;
		},
		setRefreshTokenReuseDetection(detect) {
			state.settings.refreshTokenReuseDetection = detect;
		},
		setTokenEndpointDelay(ms) {
			state.settings.tokenEndpointDelayMs = Math.max(0, ms);
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
			store.putCampaign(stored);
			store.changed();
			return stored.id;
		},
		setCampaignStatus(id, status) {
			const campaign = store.findCampaign(id);
			if (!campaign) throw new Error(`No campaign ${id}`);
			campaign.status = status;
			store.changed();
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
