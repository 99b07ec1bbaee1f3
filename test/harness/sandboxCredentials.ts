// Both ways of authenticating against a running sandbox, for tests that run every case with each.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEMO_API_KEY, DEMO_CLIENT } from '../../sandbox';
import type { Sandbox } from '../../sandbox/types';
import { apiKeyCredential, oAuth2Credential } from './credentials';

export type AuthChoice = 'apiKey' | 'oAuth2';

export const AUTH_CHOICES: AuthChoice[] = ['apiKey', 'oAuth2'];

export interface SandboxAuth {
	authentication: AuthChoice;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The secret strings in play (API key or tokens, client secret), to assert they never leak. */
	secrets: string[];
}

export function sandboxAuth(sandbox: Sandbox, authentication: AuthChoice): SandboxAuth {
	if (authentication === 'apiKey') {
		return {
			authentication,
			credentials: { tinyEmailApi: apiKeyCredential(sandbox.url, DEMO_API_KEY) },
			secrets: [DEMO_API_KEY],
		};
	}
	const tokens = sandbox.control.issueTokens();
	return {
		authentication,
		credentials: { tinyEmailOAuth2Api: oAuth2Credential(sandbox.url, DEMO_CLIENT, tokens) },
		secrets: [tokens.access_token, tokens.refresh_token, DEMO_CLIENT.secret],
	};
}

/** Everything a run produced, as text, for "no secret anywhere" assertions. */
export function everythingSaid(result: { output?: unknown; error?: Error & { description?: string } }): string {
	const error = result.error
		? JSON.stringify({ message: result.error.message, description: result.error.description, json: result.error })
		: '';
	return JSON.stringify(result.output ?? null) + error;
}
