// Everything one running sandbox knows: its settings, data, registered clients and keys, and observers.
import type { NotFoundStyle, OAuthClient, RateLimitScope, SandboxOptions } from './types';
import { Store } from './store';
import { RequestLog } from './requestLog';
import { SlidingWindowRateLimiter } from './rateLimit';
import { FaultInjector } from './faults';
import { DEMO_API_KEY, DEMO_CLIENT } from './demo';

export interface Settings {
	accessTokenLifetimeSeconds: number;
	rotateRefreshTokens: boolean;
	refreshTokenReuseDetection: boolean;
	rateLimitPerMinute: number | false;
	rateLimitScope: RateLimitScope;
	retryAfterHeader: boolean;
	batchLimit: number;
	notFoundStyle: NotFoundStyle;
	namesRefusedCustomer: boolean;
	refuseEmailsMatching: string | false;
	latencyMs: number;
	tokenEndpointDelayMs: number;
	maxBodyBytes: number;
}

export interface PendingCode {
	clientId: string;
	redirectUri: string;
	scope: string[];
	expiresAt: number;
}

export interface SandboxState {
	settings: Settings;
	store: Store;
	clients: OAuthClient[];
	apiKeys: string[];
	now: () => number;
	log: RequestLog;
	rateLimiter: SlidingWindowRateLimiter;
	faults: FaultInjector;
	/** Authorization codes live only in memory: they expire after 60 s anyway. */
	codes: Map<string, PendingCode>;
}

export const CODE_LIFETIME_MS = 60_000;

export function createState(options: SandboxOptions): SandboxState {
	const now = options.now ?? Date.now;
	return {
		settings: {
			accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
			rotateRefreshTokens: options.rotateRefreshTokens ?? false,
			refreshTokenReuseDetection: options.refreshTokenReuseDetection ?? false,
			rateLimitPerMinute: options.rateLimitPerMinute ?? 60,
			rateLimitScope: options.rateLimitScope ?? 'key',
			retryAfterHeader: options.retryAfterHeader ?? true,
			batchLimit: options.batchLimit ?? 1000,
			notFoundStyle: options.notFoundStyle ?? '404',
			namesRefusedCustomer: options.namesRefusedCustomer ?? true,
			refuseEmailsMatching: options.refuseEmailsMatching ?? false,
			latencyMs: options.latencyMs ?? 0,
			tokenEndpointDelayMs: options.tokenEndpointDelayMs ?? 0,
			maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
		},
		store: new Store(options.dataFile),
		clients: (options.clients ?? [DEMO_CLIENT]).map((client) => ({
			...client,
			redirectUris: [...client.redirectUris],
			scopes: [...client.scopes],
		})),
		apiKeys: [...(options.apiKeys ?? [DEMO_API_KEY])],
		now,
		log: new RequestLog(),
		rateLimiter: new SlidingWindowRateLimiter(now),
		faults: new FaultInjector(options.faultSeed ?? 1),
		codes: new Map(),
	};
}
