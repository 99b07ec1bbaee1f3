import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty } from './baseUrlProperty';

/** tinyEmail API key (My account > API keys), sent as the X-API-KEY header. */
export class TinyEmailApi implements ICredentialType {
	name = 'tinyEmailApi';

	displayName = 'tinyEmail API';

	icon: Icon = { light: 'file:tinyemail.svg', dark: 'file:tinyemail.dark.svg' };

	documentationUrl = 'https://docs.tinyemail.com/docs/tiny-email/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		baseUrlProperty(),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	// The sender list answers 2xx for any valid key, whatever data the account holds
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v1',
			url: '/sender-details',
			method: 'GET',
		},
	};
}
