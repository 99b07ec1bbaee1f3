import type { INodeProperties } from 'n8n-workflow';

/** The Base URL field both tinyEmail credentials share (a fresh object each, as n8n may extend it); only a test server needs another value. */
export function baseUrlProperty(): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: 'https://api.tinyemail.com',
		description: 'Change only to point the credential at a test server, such as the local tinyEmail sandbox',
	};
}
