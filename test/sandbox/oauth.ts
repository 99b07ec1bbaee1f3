// The OAuth 2.0 authorization server: the authorize endpoint (consent page, codes) is ours; the token endpoint
// is @node-oauth/oauth2-server's TokenHandler over an in-memory model, with tinyEmail's quirks mapped at the edges
// (client credentials in the query string, Spring-style error bodies, token_type "bearer", our injectable clock).
import { randomBytes } from 'node:crypto';
import OAuth2Server, { OAuthError, Request as OAuthRequest, Response as OAuthResponse } from '@node-oauth/oauth2-server';
import type { AuthorizationCodeModel, RefreshTokenModel, Client, Token } from '@node-oauth/oauth2-server';
import type { OAuthClient } from './types';
import type { ParsedRequest, Reply } from './http';
import { json } from './http';
import { CODE_LIFETIME_MS, type SandboxState } from './state';
import { authorizeErrorPage, consentPage } from './consentPage';

export const AUTHORIZE_PATH = '/api/authorization-server/oauth/authorize';
export const TOKEN_PATH = '/api/authorization-server/oauth/token';

const randomToken = (prefix: string): string => `${prefix}_${randomBytes(24).toString('hex')}`;
const splitScope = (scope: string): string[] => scope.split(/[\s,+]+/).filter(Boolean);

export interface IssuedTokens {
	access_token: string;
	token_type: string;
	refresh_token: string;
	expires_in: number;
	scope: string;
}

// ---------- authorize ----------

export function handleAuthorize(state: SandboxState, request: ParsedRequest): Reply {
	if (request.method !== 'GET' && request.method !== 'POST') return { status: 405, html: authorizeErrorPage('Use GET or POST.') };
	const params = request.method === 'POST' ? mergedParams(request) : request.query;
	const client = state.clients.find((candidate) => candidate.id === params.get('client_id'));
	// Never redirect to a URI we cannot trust: unknown client or unregistered redirect URI gets an error page.
	if (!client) return { status: 400, html: authorizeErrorPage('Unknown client_id.') };
	const redirectUri = params.get('redirect_uri') ?? '';
	if (!client.redirectUris.includes(redirectUri)) {
		return { status: 400, html: authorizeErrorPage('The redirect_uri is missing or not registered for this client.') };
	}
	const stateParam = params.get('state');
	const redirectWith = (values: Record<string, string>): Reply => {
		const target = new URL(redirectUri);
		for (const [key, value] of Object.entries(values)) target.searchParams.set(key, value);
		if (stateParam !== null) target.searchParams.set('state', stateParam);
		return { status: 302, headers: { location: target.toString() } };
	};
	if (params.get('response_type') !== 'code') {
		return redirectWith({ error: 'unsupported_response_type', error_description: 'Only response_type=code is supported' });
	}
	const requested = params.get('scope');
	const scopes = requested ? splitScope(requested) : [...client.scopes];
	const unknown = scopes.filter((scope) => !client.scopes.includes(scope));
	if (unknown.length > 0 || scopes.length === 0) {
		return redirectWith({ error: 'invalid_scope', error_description: `Unknown scope: ${unknown.join(' ')}` });
	}
	if (request.method === 'GET') return { status: 200, html: consentPage(client.name, scopes, params, AUTHORIZE_PATH) };

	const decision = params.get('decision');
	if (decision === 'deny') return redirectWith({ error: 'access_denied', error_description: 'The user denied access' });
	if (decision !== 'approve') return redirectWith({ error: 'invalid_request', error_description: 'decision must be approve or deny' });
	const code = randomToken('code');
	state.codes.set(code, { clientId: client.id, redirectUri, scope: scopes, expiresAt: state.now() + CODE_LIFETIME_MS });
	return redirectWith({ code });
}

/** Query string and form body together; the body wins for a name present in both. */
function mergedParams(request: ParsedRequest): URLSearchParams {
	const merged = new URLSearchParams(request.query);
	if (request.contentType.includes('application/x-www-form-urlencoded')) {
		for (const [key, value] of new URLSearchParams(request.rawBody)) merged.set(key, value);
	}
	return merged;
}

// ---------- token ----------

type SandboxModel = AuthorizationCodeModel & RefreshTokenModel;

function createModel(state: SandboxState): SandboxModel {
	const { store } = state;
	const asLibraryClient = (client: OAuthClient): Client => ({ id: client.id, redirectUris: client.redirectUris, grants: ['authorization_code', 'refresh_token'] });
	// The library checks expiry against the real clock; translate our clock's remaining time onto it.
	const onRealClock = (expiresAt: number): Date => new Date(Date.now() + (expiresAt - state.now()));
	return {
		async getClient(clientId: string, clientSecret: string) {
			const client = state.clients.find((candidate) => candidate.id === clientId);
			if (!client || (clientSecret !== undefined && clientSecret !== client.secret)) return false;
			return asLibraryClient(client);
		},
		async getAuthorizationCode(code: string) {
			const pending = state.codes.get(code);
			const client = pending && state.clients.find((candidate) => candidate.id === pending.clientId);
			if (!pending || !client) return false;
			return {
				authorizationCode: code,
				expiresAt: onRealClock(pending.expiresAt),
				redirectUri: pending.redirectUri,
				scope: pending.scope,
				client: asLibraryClient(client),
				user: { id: 'sandbox-user' },
			};
		},
		async revokeAuthorizationCode(code) {
			return state.codes.delete(code.authorizationCode);
		},
		async generateAccessToken() {
			return randomToken('at');
		},
		async generateRefreshToken() {
			return randomToken('rt');
		},
		async saveToken(token, client, user) {
			const scope = token.scope ?? [];
			store.data.accessTokens[token.accessToken] = {
				clientId: client.id,
				scope,
				expiresAt: state.now() + state.settings.accessTokenLifetimeSeconds * 1000,
			};
			if (token.refreshToken) store.data.refreshTokens[token.refreshToken] = { clientId: client.id, scope };
			store.changed();
			return { ...token, client, user } as Token;
		},
		async getRefreshToken(refreshToken: string) {
			const stored = store.data.refreshTokens[refreshToken];
			const client = stored && state.clients.find((candidate) => candidate.id === stored.clientId);
			if (!stored || !client) return false;
			return { refreshToken, scope: stored.scope, client: asLibraryClient(client), user: { id: 'sandbox-user' } };
		},
		async revokeToken(token) {
			const existed = token.refreshToken in store.data.refreshTokens;
			delete store.data.refreshTokens[token.refreshToken];
			store.changed();
			return existed;
		},
		async validateScope(_user, _client, scope) {
			return scope ?? [];
		},
		// Codes are created by handleAuthorize, not by the library's authorize handler, which we do not use.
		async saveAuthorizationCode() {
			return false;
		},
		async verifyScope() {
			return false;
		},
		async getAccessToken() {
			return false;
		},
	} as SandboxModel;
}

const ERROR_STATUS: Record<string, number> = {
	invalid_client: 401,
	invalid_grant: 400,
	invalid_request: 400,
	invalid_scope: 400,
	unauthorized_client: 400,
	unsupported_grant_type: 400,
};

export interface TokenOutcome {
	reply: Reply;
	grantType?: string;
	usedBasic: boolean;
}

export async function handleToken(state: SandboxState, request: ParsedRequest): Promise<TokenOutcome> {
	const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
	const usedBasic = /^basic /i.test(authorization ?? '');
	const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>): TokenOutcome => ({
		reply: json(status, { error, error_description: description }, headers),
		usedBasic,
	});
	if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint accepts POST only');
	const hasForeignBody = request.rawBody.length > 0 && !request.contentType.includes('application/x-www-form-urlencoded');
	if (hasForeignBody) return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded');

	// tinyEmail's docs send everything in the query string; the library reads only the form body, so merge first.
	const params = Object.fromEntries(mergedParams(request));
	const grantType = params.grant_type;
	const formText = new URLSearchParams(params).toString();
	const libraryRequest = new OAuthRequest({
		method: 'POST',
		query: {},
		body: params,
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': String(Buffer.byteLength(formText)),
			...(authorization ? { authorization } : {}),
		},
	});
	const server = new OAuth2Server({ model: createModel(state) });
	try {
		const token = await server.token(libraryRequest, new OAuthResponse(), {
			accessTokenLifetime: state.settings.accessTokenLifetimeSeconds,
			refreshTokenLifetime: 10 * 365 * 24 * 3600,
			alwaysIssueNewRefreshToken: state.settings.rotateRefreshTokens,
		});
		const isRefresh = grantType === 'refresh_token';
		state.log.countTokenIssued(isRefresh);
		const body: IssuedTokens = {
			access_token: token.accessToken,
			token_type: 'bearer',
			// Without rotation the library issues no new refresh token: answer with the one that is still valid.
			refresh_token: token.refreshToken ?? params.refresh_token,
			expires_in: state.settings.accessTokenLifetimeSeconds,
			scope: (Array.isArray(token.scope) ? token.scope : []).join(' '),
		};
		return { reply: json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' }), grantType, usedBasic };
	} catch (error) {
		if (!(error instanceof OAuthError)) return { ...oauthError(500, 'server_error', 'Unexpected error'), grantType };
		let name = error.name;
		// RFC 6749 §5.2: a redirect_uri that differs from the authorize request's is invalid_grant.
		if (name === 'invalid_request' && error.message.includes('`redirect_uri`')) name = 'invalid_grant';
		const status = ERROR_STATUS[name] ?? 500;
		const headers: Record<string, string> | undefined = name === 'invalid_client' && usedBasic ? { 'www-authenticate': 'Basic realm="tinyEmail sandbox"' } : undefined;
		return { ...oauthError(status, name, error.message, headers), grantType };
	}
}

// ---------- tokens used on the API ----------

export type BearerCheck = { valid: true; scope: string[] } | { valid: false; description: string };

export function checkBearer(state: SandboxState, accessToken: string): BearerCheck {
	const stored = state.store.data.accessTokens[accessToken];
	if (!stored) return { valid: false, description: 'Invalid access token' };
	if (stored.expiresAt <= state.now()) return { valid: false, description: 'Access token expired' };
	return { valid: true, scope: stored.scope };
}

/** Tokens without the consent dance, for tests that are not about the flow. */
export function issueTokensDirectly(state: SandboxState, clientId?: string, scope?: string): IssuedTokens {
	const client = clientId ? state.clients.find((candidate) => candidate.id === clientId) : state.clients[0];
	if (!client) throw new Error(`Unknown OAuth client ${clientId}`);
	const scopes = scope ? splitScope(scope) : [...client.scopes];
	const access = randomToken('at');
	const refresh = randomToken('rt');
	state.store.data.accessTokens[access] = { clientId: client.id, scope: scopes, expiresAt: state.now() + state.settings.accessTokenLifetimeSeconds * 1000 };
	state.store.data.refreshTokens[refresh] = { clientId: client.id, scope: scopes };
	state.store.changed();
	state.log.countTokenIssued(false);
	return { access_token: access, token_type: 'bearer', refresh_token: refresh, expires_in: state.settings.accessTokenLifetimeSeconds, scope: scopes.join(' ') };
}
