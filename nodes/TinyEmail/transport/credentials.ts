import { nodeSetting, type RequestContext } from './context';

/** Values of the node's Authentication parameter. */
export type AuthenticationMethod = 'oAuth2' | 'apiKey';

/** The credential type the node uses for each Authentication choice (OAuth2 unless API Key is chosen). */
export function credentialTypeFor(authentication: string): string {
	return authentication === 'apiKey' ? 'tinyEmailApi' : 'tinyEmailOAuth2Api';
}

export const DEFAULT_BASE_URL = 'https://api.tinyemail.com';

export interface ResolvedCredential {
	authentication: AuthenticationMethod;
	credentialType: string;
	/** Base URL without trailing slash. */
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
	const rawBaseUrl = typeof data.baseUrl === 'string' && data.baseUrl.trim() !== '' ? data.baseUrl : DEFAULT_BASE_URL;
	return {
		authentication,
		credentialType,
		baseUrl: rawBaseUrl.trim().replace(/\/+$/, ''),
		secrets: collectSecrets(data),
	};
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
