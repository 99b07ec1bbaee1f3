import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../transport/context';
import { authenticationOf } from '../transport/credentials';
import { API_KEY_NEEDED_DESCRIPTION, API_KEY_NEEDED_MESSAGE } from '../transport/errors';
import type { ItemOutcomes } from './itemOutcomes';

/**
 * Audiences, campaigns and senders need the API key (the OAuth2 scope covers customers only). The
 * node checks this before sending anything: the answer is known, nothing is written half-way, and no
 * request of the rate limit is spent. The words are the transport's (transport/errors.ts), which
 * answers a 403 insufficient_scope with the same message.
 */

export function usesOAuth2(ctx: RequestContext): boolean {
	return authenticationOf(ctx) === 'oAuth2';
}

export function apiKeyNeededError(node: INode, what: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `${what}: ${API_KEY_NEEDED_MESSAGE}`, {
		itemIndex,
		description: API_KEY_NEEDED_DESCRIPTION,
	});
}

/** Fails every item when OAuth2 is selected; returns whether the operation may go on. */
export function requireApiKey(ctx: RequestContext, itemCount: number, outcomes: ItemOutcomes, what: string): boolean {
	if (!usesOAuth2(ctx)) return true;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		outcomes.fail(itemIndex, apiKeyNeededError(ctx.getNode(), what, itemIndex));
	}
	return false;
}
