// Credential data as n8n would hand it to the node, pointed at a running sandbox.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { OAuthClient } from '../../sandbox/types';

export function apiKeyCredential(baseUrl: string, apiKey: string): ICredentialDataDecryptedObject {
	return { apiKey, server: 'custom', baseUrl };
}

export function oAuth2Credential(
	baseUrl: string,
	client: OAuthClient,
	tokens: { access_token: string; refresh_token: string },
): ICredentialDataDecryptedObject {
	// What n8n holds after Connect: the hidden fields resolved against the Base URL
	return {
		server: 'custom',
		baseUrl,
		clientId: client.id,
		clientSecret: client.secret,
		grantType: 'authorizationCode',
		authUrl: `${baseUrl}/api/authorization-server/oauth/authorize`,
		accessTokenUrl: `${baseUrl}/api/authorization-server/oauth/token`,
		scope: 'import_customers',
		authQueryParameters: 'grant_type=authorization_code',
		authentication: 'body',
		oauthTokenData: {
			access_token: tokens.access_token,
			refresh_token: tokens.refresh_token,
			token_type: 'bearer',
		},
	};
}
