import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from './itemOutcomes';

/**
 * tinyEmail's OAuth2 scope (import_customers) reaches only the customer endpoints; audiences,
 * campaigns and senders answer a bearer token with 403 insufficient_scope. The node checks this
 * before sending anything: the answer is known, nothing is written half-way, and no request of the
 * rate limit is spent. Should tinyEmail widen the OAuth2 scope one day, this file is the one place
 * to change (the transport still maps a 403 insufficient_scope to the same message).
 */
export const API_KEY_NEEDED_MESSAGE =
	'This operation needs the tinyEmail API credential (API key); the OAuth2 scope import_customers only covers customers';
export const API_KEY_NEEDED_DESCRIPTION =
	'Set Authentication to API Key and select a tinyEmail API credential (tinyEmail: My account > API keys).';

export function usesOAuth2(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('authentication', 0, 'oAuth2') !== 'apiKey';
}

export function apiKeyNeededError(node: INode, what: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `${what}: ${API_KEY_NEEDED_MESSAGE}`, {
		itemIndex,
		description: API_KEY_NEEDED_DESCRIPTION,
	});
}

/** Fails every item when OAuth2 is selected; returns whether the operation may go on. */
export function requireApiKey(ctx: IExecuteFunctions, itemCount: number, outcomes: ItemOutcomes, what: string): boolean {
	if (!usesOAuth2(ctx)) return true;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		outcomes.fail(itemIndex, apiKeyNeededError(ctx.getNode(), what, itemIndex));
	}
	return false;
}
