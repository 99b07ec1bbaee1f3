import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperties, insecureUrlProblem, TEST_REQUEST_BASE_URL } from './baseUrl';

/** What the Test button shows when tinyEmail refuses the key (it answers 401, sometimes 403). */
const KEY_REFUSED =
	'tinyEmail did not accept the API key: copy it again from tinyEmail (My account > API keys). API access needs the Enterprise plan.';

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
		...baseUrlProperties(),
	];

	/**
	 * Adds the X-API-KEY header, but never to an http:// URL on another computer: n8n calls this for every
	 * request with the key (the node's, the Test button's, an HTTP Request node's), so nothing sends it in clear.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const target = requestTarget(requestOptions);
		const problem = insecureUrlProblem(target);
		if (problem) throw new Error(`The tinyEmail API key was not sent: the request URL ${problem}`);
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-API-KEY': credentials.apiKey as string } };
	}

	// The sender list answers 2xx for any valid key, whatever data the account holds
	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_REQUEST_BASE_URL,
			url: '/sender-details',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: KEY_REFUSED },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: KEY_REFUSED },
			},
		],
	};
}

/** The absolute URL a request goes to (n8n keeps `baseURL` and `url` apart until it sends). */
function requestTarget({ baseURL, url }: IHttpRequestOptions): string {
	if (!baseURL || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
	return `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
