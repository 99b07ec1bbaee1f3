import { NodeOperationError } from 'n8n-workflow';

import { credentialBaseUrl, insecureUrlProblem } from '../../../credentials/baseUrl';
import { nodeSetting, type RequestContext } from './context';

/** Values of the node's Authentication parameter. */
export type AuthenticationMethod = 'oAuth2' | 'apiKey';

/** The credential type the node uses for each Authentication choice (OAuth2 unless API Key is chosen). */
export function credentialTypeFor(authentication: string): string {
	return authentication === 'apiKey' ? 'tinyEmailApi' : 'tinyEmailOAuth2Api';
}

export interface ResolvedCredential {
	authentication: AuthenticationMethod;
	credentialType: string;
	/** Base URL without trailing slash and without tinyEmail's /v1 (the transport adds it). */
	baseUrl: string;
	/** Secret values of the credential, used only to scrub them out of error messages. */
	secrets: string[];
}

/** The node's Authentication choice: OAuth2 unless API Key is chosen. */
export function authenticationOf(ctx: RequestContext): AuthenticationMethod {
	return nodeSetting(ctx, 'authentication', 'oAuth2') === 'apiKey' ? 'apiKey' : 'oAuth2';
}

export async function resolveCredential(ctx: RequestContext): Promise<ResolvedCredential> {
	const authentication = authenticationOf(ctx);
	const credentialType = credentialTypeFor(authentication);
	const data = await ctx.getCredentials(credentialType);
	const baseUrl = credentialBaseUrl(data);
	// Before anything is sent: an http:// URL to another computer would carry the key or token in clear
	const problem = insecureUrlProblem(baseUrl);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `The credential's Custom URL ${problem}`, {
			description: 'Open the tinyEmail credential and correct its Custom URL, or choose Base URL "tinyEmail (api.tinyemail.com)".',
		});
	}
	return { authentication, credentialType, baseUrl, secrets: collectSecrets(data) };
}

/** Credential fields whose values must never be shown (URLs such as accessTokenUrl are not secrets). */
const SECRET_FIELD = /^(apiKey|clientSecret|access_?token|refresh_?token|id_?token)$/i;

function collectSecrets(data: object): string[] {
	const secrets: string[] = [];
	const visit = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			if (SECRET_FIELD.test(key) && value.length >= 6) secrets.push(value);
		} else if (value && typeof value === 'object') {
			for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
		}
	};
	visit(data, '');
	return secrets;
}
