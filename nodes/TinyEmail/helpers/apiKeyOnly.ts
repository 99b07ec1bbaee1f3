import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../transport/context';
import { authenticationOf } from '../transport/credentials';
import { API_KEY_NEEDED_DESCRIPTION, API_KEY_NEEDED_MESSAGE } from '../transport/errors';
import type { ItemOutcomes } from './itemOutcomes';
import { forEachYielding } from './yieldEvery';
import type { ResourceDefinition } from './types';

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

/**
 * With OAuth2, fails every item of a run on a resource the scope does not cover. The editor offers those
 * resources only with the API key, and n8n drops the hidden parameters (the operation too) when it loads the
 * workflow; this is the run-time line behind that. Returns whether the run may go on.
 */
export async function requireApiKeyFor(
	ctx: RequestContext,
	resource: ResourceDefinition,
	itemCount: number,
	outcomes: ItemOutcomes,
): Promise<boolean> {
	if (resource.coveredByOAuth2 || !usesOAuth2(ctx)) return true;
	await forEachYielding(itemCount, (itemIndex) => {
		outcomes.fail(itemIndex, apiKeyNeededError(ctx.getNode(), `The ${resource.option.name} resource`, itemIndex));
	});
	return false;
}
