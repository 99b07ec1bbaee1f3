import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { baseUrlProperties, oAuth2UrlExpression } from './baseUrl';

/**
 * tinyEmail OAuth2 (authorization-code grant). The hidden URLs are derived from the visible
 * Base URL because n8n ignores stored values of hidden fields: this is the only way to point
 * the credential at a test server such as the local sandbox.
 */
export class TinyEmailOAuth2Api implements ICredentialType {
	name = 'tinyEmailOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'tinyEmail OAuth2 API';

	icon: Icon = { light: 'file:tinyemail.svg', dark: 'file:tinyemail.dark.svg' };

	documentationUrl = 'https://docs.tinyemail.com/docs/tiny-email/authentication';

	properties: INodeProperties[] = [
		...baseUrlProperties(),
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: oAuth2UrlExpression('/api/authorization-server/oauth/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: oAuth2UrlExpression('/api/authorization-server/oauth/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'import_customers',
		},
		{
			// tinyEmail's documented authorize URL carries this parameter; servers that do not need it ignore it
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'grant_type=authorization_code',
		},
		{
			// tinyEmail's docs send client_id and client_secret as parameters, not as HTTP Basic
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
