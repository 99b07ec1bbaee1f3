// The OAuth 2.0 authorization server's shared pieces: endpoint paths, token and scope helpers, the issued-token shape.
// The authorize endpoint is in oauthAuthorize.ts, the token endpoint in oauthToken.ts, the /v1 bearer check in bearer.ts.
import { randomBytes } from 'node:crypto';
import type { ParsedRequest } from './http';

export const AUTHORIZE_PATH = '/api/authorization-server/oauth/authorize';
export const TOKEN_PATH = '/api/authorization-server/oauth/token';

export const randomToken = (prefix: string): string => `${prefix}_${randomBytes(24).toString('hex')}`;
export const splitScope = (scope: string): string[] => scope.split(/[\s,+]+/).filter(Boolean);

export interface IssuedTokens {
	access_token: string;
	token_type: string;
	refresh_token: string;
	expires_in: number;
	scope: string;
}

/** Query string and form body together; the body wins for a name present in both. */
export function mergedParams(request: ParsedRequest): URLSearchParams {
	const merged = new URLSearchParams(request.query);
	if (request.contentType.includes('application/x-www-form-urlencoded')) {
		for (const [key, value] of new URLSearchParams(request.rawBody)) merged.set(key, value);
	}
	return merged;
}
