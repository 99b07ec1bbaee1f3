// The sandbox's public surface: what tests, scripts and benchmarks may rely on.
// (Contract shared by the sandbox, the node's integration harness and the real-n8n scripts.)

export type NotFoundStyle = '404' | '400' | 'empty200';
/**
 * 400/429/5xx answer with that status and write nothing; 'drop' closes the connection without an answer
 * and writes nothing; 'hang' accepts the request and never answers (until the client gives up or the
 * sandbox stops); 'applyThenDrop' applies the request, then closes the connection before answering;
 * 'concurrentWrite' upserts `customers` as another client would, right before serving the request.
 */
export type FaultKind = 400 | 429 | 500 | 502 | 503 | 'drop' | 'hang' | 'applyThenDrop' | 'concurrentWrite';
/** Whose requests share one rate-limit budget: each API key / access token alone, or the whole account. */
export type RateLimitScope = 'key' | 'account';

export interface OAuthClient {
	id: string;
	secret: string;
	name: string;
	redirectUris: string[];
	scopes: string[];
}

export interface SandboxOptions {
	/** 0 (default) picks a free port; the server always listens on 127.0.0.1. */
	port?: number;
	/** Access-token lifetime in seconds (default 3600). */
	accessTokenLifetimeSeconds?: number;
	/** When true a used refresh token is rejected with invalid_grant (default false). */
	rotateRefreshTokens?: boolean;
	/**
	 * With rotation: presenting a refresh token that was already exchanged revokes every token of its family
	 * (the authorization it descends from), as OAuth 2.0 Security BCP's reuse detection does (default false).
	 */
	refreshTokenReuseDetection?: boolean;
	/** Requests per minute per API key or token; false turns the limit off (default 60). */
	rateLimitPerMinute?: number | false;
	/**
	 * 'key' (default): each API key and each access token has its own budget, so a refreshed token starts afresh.
	 * 'account': every key and token of the account shares one budget, and a refresh does not reset it (the contract's rule).
	 */
	rateLimitScope?: RateLimitScope;
	/** Whether a 429 carries Retry-After (default true). */
	retryAfterHeader?: boolean;
	/** Most customers a PUT /account/customer accepts (default 1000). */
	batchLimit?: number;
	/** How GET /account/customer/{email} answers an unknown email (default '404'). */
	notFoundStyle?: NotFoundStyle;
	/** Whether a 400 refusing one customer of a PUT /account/customer names its email (default true; the contract: usually). */
	namesRefusedCustomer?: boolean;
	/**
	 * Members whose email matches this regular expression (case-insensitively) are refused in
	 * PUT /account/customer, POST /audiences and PUT /audiences/{id}, as the real service refuses an address
	 * it does not accept: `400 "Email address is not accepted: a@x.co"`, naming only the first refused member
	 * of the request (none, with namesRefusedCustomer false). Default false: none.
	 */
	refuseEmailsMatching?: string | false;
	/** Latency added to every API request, in ms (default 0). */
	latencyMs?: number;
	/** The token endpoint answers after this many ms (default 0); the grant is checked when the answer is due. */
	tokenEndpointDelayMs?: number;
	/** JSON file the state is loaded from and saved to. */
	dataFile?: string;
	/** Registered OAuth clients; default: the demo client (DEMO_CLIENT). */
	clients?: OAuthClient[];
	/** Valid API keys; default: [DEMO_API_KEY]. */
	apiKeys?: string[];
	/** Clock used for every expiry (codes, tokens, rate-limit window); default Date.now. Tests inject one to expire things without sleeping. */
	now?: () => number;
	/** Seed of the PRNG that decides percentage faults, so runs are reproducible (default 1). */
	faultSeed?: number;
	/** Largest request body in bytes before 413 (default 5 MB). */
	maxBodyBytes?: number;
}

export interface Customer {
	email: string;
	firstName?: string;
	lastName?: string;
	source?: string;
	status?: 'Subscribed' | 'Unsubscribed' | 'Bounced' | 'Inactive' | 'Spam';
	birthday?: string;
	tags?: string[];
	currency?: string;
	country?: string;
	province?: string;
	city?: string;
	address1?: string;
	address2?: string;
	phone?: string;
	postalCode?: string;
	company?: string;
	lastPurchaseOrder?: string;
	lastPurchasePrice?: string;
	latestOrderId?: string;
	lastPurchaseDate?: string;
	unsubscribedAt?: string;
}

export interface RequestLogEntry {
	method: string;
	/** Path without query string secrets (client_secret, refresh_token, code are redacted). */
	path: string;
	auth: 'apiKey' | 'bearer' | 'basic' | 'none';
	/** The status answered; 0 when no answer was sent (a dropped or hung connection). */
	status: number;
	/** Number of items in a PUT /account/customer or audience write, when there is one. */
	batchSize?: number;
	/** The OAuth grant type for token requests. */
	grantType?: string;
	/** The injected fault that shaped this request, when one did. */
	fault?: FaultKind;
	/** With 'applyThenDrop': the status the request was served with before its connection was dropped. */
	appliedStatus?: number;
	/** When the request arrived (the sandbox's clock, ms). */
	at: number;
	/** When the answer was sent; absent for a dropped connection. */
	answeredAt?: number;
}

export interface SandboxCounters {
	requests: number;
	/** Requests per status code, e.g. { '200': 10, '429': 2 }. */
	byStatus: Record<string, number>;
	tokenIssued: number;
	/** Successful refresh_token grants. */
	refreshes: number;
	/** Token families revoked because a spent refresh token was presented again (reuse detection). */
	familiesRevoked: number;
	customerWrites: number;
}

export interface FaultRule {
	kind: FaultKind;
	/** Fail the next `count` matching requests… */
	count?: number;
	/** …or this percentage (0–100) of matching requests, until cleared. */
	percentage?: number;
	/** Only requests whose path starts with this (default: every /v1 request). */
	pathPrefix?: string;
	/** Only this method. */
	method?: string;
	/** With kind 400: the refusal's message (default: one naming no customer, as a refusal for an account-wide reason). */
	message?: string;
	/** With kind 'concurrentWrite': the customers another client writes right before the matching request. */
	customers?: Customer[];
}

export interface SandboxControl {
	expireAllAccessTokens(): void;
	/** Revoke one refresh token, or every refresh token when none is given. */
	revokeRefreshTokens(refreshToken?: string): void;
	/** Issue tokens directly (skips the consent page) for tests that do not exercise the flow. */
	issueTokens(
		clientId?: string,
		scope?: string,
	): { access_token: string; refresh_token: string; expires_in: number; token_type: string; scope: string };
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	setLatency(ms: number): void;
	setBatchLimit(limit: number): void;
	setNotFoundStyle(style: NotFoundStyle): void;
	setNamesRefusedCustomer(names: boolean): void;
	/** Refuse members whose email matches (a regular expression), one name per 400; false: none. */
	setRefuseEmailsMatching(pattern: string | false): void;
	setRateLimit(perMinute: number | false, retryAfterHeader?: boolean): void;
	/** Per key/token or per account; starts a fresh window. */
	setRateLimitScope(scope: RateLimitScope): void;
	/** Whether each refresh issues a new refresh token and invalidates the used one. */
	setRefreshTokenRotation(rotate: boolean): void;
	/** Whether a spent refresh token presented again revokes its whole family (needs rotation to matter). */
	setRefreshTokenReuseDetection(detect: boolean): void;
	setTokenEndpointDelay(ms: number): void;
	seedCustomers(customers: Customer[]): void;
	seedAudience(audience: { id?: string; name: string; members?: string[] }): string;
	/** Adds a campaign as the newest (or replaces the one with the same ID, keeping its place in the list). */
	seedCampaign(campaign: Record<string, unknown>): string;
	/** Moves a campaign to another status, as tinyEmail does when it launches, completes or fails one. */
	setCampaignStatus(id: string, status: string): void;
	seedSender(sender: Record<string, unknown>): string;
	/** Back to the initial state: no customers, audiences, campaigns (the demo senders stay), no faults, fresh log. */
	reset(): void;
	getCustomer(email: string): Customer | undefined;
	listCustomers(): Customer[];
	listAudiences(): Array<{ id: string; name: string; members: string[] }>;
	requestLog(): RequestLogEntry[];
	clearRequestLog(): void;
	counters(): SandboxCounters;
}

export interface Sandbox {
	url: string;
	control: SandboxControl;
	stop(): Promise<void>;
}
