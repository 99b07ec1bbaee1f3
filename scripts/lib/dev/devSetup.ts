// Brings a running n8n into the state a developer (or a benchmark) needs: owner logged in, the tinyEmail
// OAuth2 credential created and connected through n8n's real OAuth2 flow, an API-key credential, and the
// example workflow. Every step reuses what already exists, so it is safe to run on each start.
import type { N8nClient, OwnerAccount } from '../n8n/n8nApi';
import { approveOnSandbox } from './sandboxConsent';
import { log } from '../proc';
import {
	API_KEY_CREDENTIAL_TYPE,
	EXAMPLE_WORKFLOW_NAME,
	OAUTH2_CREDENTIAL_TYPE,
	exampleWorkflow,
	type CredentialRef,
} from '../n8n/workflows';

export const OAUTH2_CREDENTIAL_NAME = 'tinyEmail sandbox (OAuth2)';
export const API_KEY_CREDENTIAL_NAME = 'tinyEmail sandbox (API key)';

export interface SandboxLogin {
	url: string;
	clientId: string;
	clientSecret: string;
	apiKey: string;
}

export interface DevSetupResult {
	owner: 'created' | 'logged-in';
	oauth2: CredentialRef;
	apiKey: CredentialRef;
	workflowId: string;
}

/** Whether a value from `GET /rest/credentials/<id>?includeData=true` is n8n's mask for a secret (not comparable). */
function isMasked(value: unknown): boolean {
	return typeof value === 'string' && /^__n8n_(BLANK|EMPTY)_VALUE_/.test(value);
}

/**
 * Finds the credential by name and type, or creates it. An existing one whose visible fields (e.g. `baseUrl`
 * after SANDBOX_DEV_PORT changed) differ from `data` is updated in place; n8n keeps its stored OAuth tokens.
 */
async function ensureCredential(
	client: N8nClient,
	name: string,
	type: string,
	data: Record<string, unknown>,
): Promise<{ ref: CredentialRef; created: boolean; updated: string[] }> {
	const existing = (await client.listCredentials()).find((c) => c.name === name && c.type === type);
	if (!existing) {
		const id = await client.createCredential(name, type, data);
		return { ref: { id, name }, created: true, updated: [] };
	}
	const stored = (await client.getCredential(existing.id, true)).data ?? {};
	const changed = Object.keys(data).filter((key) => !isMasked(stored[key]) && stored[key] !== data[key]);
	if (changed.length) await client.updateCredential(existing.id, name, type, data);
	return { ref: { id: existing.id, name }, created: false, updated: changed };
}

function describe(name: string, result: { ref: CredentialRef; created: boolean; updated: string[] }): string {
	if (result.created) return `Created credential "${name}" (id ${result.ref.id})`;
	if (result.updated.length) return `Updated credential "${name}" (id ${result.ref.id}): ${result.updated.join(', ')}`;
	return `Reusing credential "${name}" (id ${result.ref.id})`;
}

export async function devSetup(
	client: N8nClient,
	owner: OwnerAccount,
	sandbox: SandboxLogin,
	opts: { forceReconnect?: boolean } = {},
): Promise<DevSetupResult> {
	const ownerState = await client.setupOrLogin(owner);
	log(ownerState === 'created' ? `Created the n8n owner account ${owner.email}` : `Logged in to n8n as ${owner.email}`);

	const oauth = await ensureCredential(client, OAUTH2_CREDENTIAL_NAME, OAUTH2_CREDENTIAL_TYPE, {
		server: 'custom',
		baseUrl: sandbox.url,
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
	});
	log(describe(OAUTH2_CREDENTIAL_NAME, oauth));
	if (opts.forceReconnect || !(await client.credentialConnected(oauth.ref.id))) {
		log("Connecting it through n8n's OAuth2 flow (authorize → sandbox consent → n8n callback)");
		await client.connectOAuth2(oauth.ref.id, approveOnSandbox);
		log('OAuth2 credential connected: n8n stored the tokens');
	} else {
		log('OAuth2 credential already connected');
	}

	const apiKey = await ensureCredential(client, API_KEY_CREDENTIAL_NAME, API_KEY_CREDENTIAL_TYPE, {
		apiKey: sandbox.apiKey,
		server: 'custom',
		baseUrl: sandbox.url,
	});
	log(describe(API_KEY_CREDENTIAL_NAME, apiKey));

	const existing = (await client.listWorkflows()).find((w) => w.name === EXAMPLE_WORKFLOW_NAME);
	let workflowId: string;
	if (existing) {
		workflowId = existing.id;
		log(`Reusing the example workflow (id ${workflowId})`);
	} else {
		workflowId = (await client.createWorkflow(exampleWorkflow(oauth.ref) as unknown as Record<string, unknown>)).id;
		log(`Imported the example workflow (id ${workflowId})`);
	}
	return { owner: ownerState, oauth2: oauth.ref, apiKey: apiKey.ref, workflowId };
}
