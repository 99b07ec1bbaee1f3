// Stands in for n8n's CredentialsHelper: hands out stored credential data, tells n8n-core which
// types are OAuth2 (so it runs its real OAuth2 signing and refresh), applies the API-key
// credential's own `authenticate` definition, and records tokens n8n-core saves after a refresh.
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeCredentialsDetails,
} from 'n8n-workflow';

import { TinyEmailApi } from '../../credentials/TinyEmailApi.credentials';
import { TinyEmailOAuth2Api } from '../../credentials/TinyEmailOAuth2Api.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	tinyEmailApi: new TinyEmailApi(),
	tinyEmailOAuth2Api: new TinyEmailOAuth2Api(),
};

export interface SavedToken {
	credentialType: string;
	oauthTokenData: IDataObject;
}

export class FakeCredentialsHelper {
	readonly savedTokens: SavedToken[] = [];

	/** Credential data by type; updated in place when n8n-core saves refreshed tokens. */
	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {}

	getParentTypes(name: string): string[] {
		return CREDENTIAL_TYPES[name]?.extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: INodeCredentialsDetails, type: string) {
		const data = this.store[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		// A copy, as the real helper decrypts a fresh object every time
		return structuredClone(data);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const authenticate = CREDENTIAL_TYPES[typeName]?.authenticate as IAuthenticateGeneric | undefined;
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const headers = { ...(requestOptions.headers ?? {}) };
		for (const [name, template] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = resolveCredentialTemplate(String(template), credentials);
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const oauthTokenData = structuredClone(data.oauthTokenData) as IDataObject;
		this.savedTokens.push({ credentialType: type, oauthTokenData });
		this.store[type] = { ...this.store[type], oauthTokenData };
	}

	async updateCredentials(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

/** Resolves the `={{$credentials.name}}` expressions a generic `authenticate` uses. */
function resolveCredentialTemplate(template: string, credentials: ICredentialDataDecryptedObject): string {
	const body = template.startsWith('=') ? template.slice(1) : template;
	return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_match, key: string) => String(credentials[key] ?? ''));
}
