// Stands in for n8n's CredentialsHelper: hands out stored credential data, tells n8n-core which
// types are OAuth2 (so it runs its real OAuth2 signing and refresh), calls the API-key
// credential's own `authenticate`, and records tokens n8n-core saves after a refresh.
import type {
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

	/** As n8n's helper does for a credential whose `authenticate` is a function: it signs the request. */
	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const authenticate = CREDENTIAL_TYPES[typeName]?.authenticate;
		if (typeof authenticate !== 'function') return requestOptions;
		return await authenticate(credentials, requestOptions);
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
