// The OAuth 2.0 token endpoint: @node-oauth/oauth2-server's TokenHandler over an in-memory model, with tinyEmail's
// quirks mapped at the edges (client credentials in the query string, Spring-style error bodies, token_type "bearer",
// our injectable clock). Also issueTokensDirectly, for tests that skip the flow.
import OAuth2Server, { OAuthError, Request as OAuthRequest, Response as OAuthResponse } from '@node-oauth/oauth2-server';
import type { AuthorizationCodeModel, RefreshTokenModel, Client, Token } from '@node-oauth/oauth2-server';
import type { OAuthClient } from './types';
import type { ParsedRequest, Reply } from './http';
import { json } from './http';
import type { SandboxState } from './state';
import { mergedParams, randomToken, splitScope, type IssuedTokens } from './oauth';

type SandboxModel = AuthorizationCodeModel & RefreshTokenModel;

function createModel(state: SandboxState): SandboxModel {
	const { store } = state;
	const asLibraryClient = (client: OAuthClient): Client => ({
		id: client.id,
		redirectUris: client.redirectUris,
		grants: ['authorization_code', 'refresh_token'],
	});
	// The family of the tokens this request issues: a new one per authorization code, the refresh token's otherwise
	let family: string | undefined;
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
			family = randomToken('fam');
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
				family,
			};
			if (token.refreshToken) store.data.refreshTokens[token.refreshToken] = { clientId: client.id, scope, family };
			store.changed();
			return { ...token, client, user } as Token;
		},
		async getRefreshToken(refreshToken: string) {
			const stored = store.data.refreshTokens[refreshToken];
			const client = stored && state.clients.find((candidate) => candidate.id === stored.clientId);
			if (!stored || !client) return false;
			family = stored.family;
			return { refreshToken, scope: stored.scope, client: asLibraryClient(client), user: { id: 'sandbox-user' } };
		},
		async revokeToken(token) {
			// Called when a refresh rotates the token: remember it as spent, for reuse detection
			const existed = token.refreshToken in store.data.refreshTokens;
			if (existed && family) store.data.spentRefreshTokens[token.refreshToken] = family;
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
}

export async function handleToken(state: SandboxState, request: ParsedRequest): Promise<TokenOutcome> {
	const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
	const usedBasic = /^basic /i.test(authorization ?? '');
	const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>): TokenOutcome => ({
		reply: json(status, { error, error_description: description }, headers),
	});
	if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'The token endpoint accepts POST only');
	const hasForeignBody = request.rawBody.length > 0 && !request.contentType.includes('application/x-www-form-urlencoded');
	if (hasForeignBody) return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded');

	// tinyEmail's docs send everything in the query string; the library reads only the form body, so merge first.
	const params = Object.fromEntries(mergedParams(request));
	const grantType = params.grant_type;
	const reusedFamily = grantType === 'refresh_token' ? state.store.data.spentRefreshTokens[params.refresh_token ?? ''] : undefined;
	if (reusedFamily && state.settings.refreshTokenReuseDetection) {
		// Reuse detection: a spent refresh token is presented again, so it may be stolen: revoke its whole family
		state.store.revokeTokenFamily(reusedFamily);
		state.log.countFamilyRevoked();
		return {
			...oauthError(400, 'invalid_grant', 'Refresh token already used: every token of this authorization was revoked (reuse detection)'),
			grantType,
		};
	}
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
		return { reply: json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' }), grantType };
	} catch (error) {
		if (!(error instanceof OAuthError)) return { ...oauthError(500, 'server_error', 'Unexpected error'), grantType };
		let name = error.name;
		// RFC 6749 §5.2: a redirect_uri that differs from the authorize request's is invalid_grant.
		if (name === 'invalid_request' && error.message.includes('`redirect_uri`')) name = 'invalid_grant';
		const status = ERROR_STATUS[name] ?? 500;
		const headers: Record<string, string> | undefined =
			name === 'invalid_client' && usedBasic ? { 'www-authenticate': 'Basic realm="tinyEmail sandbox"' } : undefined;
		return { ...oauthError(status, name, error.message, headers), grantType };
	}
}

/** Tokens without the consent dance, for tests that are not about the flow. */
export function issueTokensDirectly(state: SandboxState, clientId?: string, scope?: string): IssuedTokens {
	const client = clientId ? state.clients.find((candidate) => candidate.id === clientId) : state.clients[0];
	if (!client) throw new Error(`Unknown OAuth client ${clientId}`);
	const scopes = scope ? splitScope(scope) : [...client.scopes];
	const access = randomToken('at');
	const refresh = randomToken('rt');
	const family = randomToken('fam');
	state.store.data.accessTokens[access] = {
		clientId: client.id,
		scope: scopes,
		expiresAt: state.now() + state.settings.accessTokenLifetimeSeconds * 1000,
		family,
	};
	state.store.data.refreshTokens[refresh] = { clientId: client.id, scope: scopes, family };
	state.store.changed();
	state.log.countTokenIssued(false);
	return {
		access_token: access,
		token_type: 'bearer',
		refresh_token: refresh,
		expires_in: state.settings.accessTokenLifetimeSeconds,
		scope: scopes.join(' '),
	};
}
