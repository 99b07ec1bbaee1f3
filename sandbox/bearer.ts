// Access tokens presented on the /v1 API: is this bearer token known, unexpired, and with which scope.
import type { SandboxState } from './state';

export type BearerCheck = { valid: true; scope: string[] } | { valid: false; description: string };

export function checkBearer(state: SandboxState, accessToken: string): BearerCheck {
	const stored = state.store.data.accessTokens[accessToken];
	if (!stored) return { valid: false, description: 'Invalid access token' };
	if (stored.expiresAt <= state.now()) return { valid: false, description: 'Access token expired' };
	return { valid: true, scope: stored.scope };
}
