import type { IHttpRequestOptions } from 'n8n-workflow';

import type { RequestContext } from './context';
import type { ResolvedCredential } from './credentials';
import { sendOnce, type AttemptResult } from './send';

/**
 * Sends one request; when n8n reports that tinyEmail refused to refresh the OAuth2 token, reads the
 * stored credential again and sends the request once more before giving up.
 *
 * Why: with several n8n processes (queue mode) n8n serialises refreshes with a lock, but waits for it
 * at most 10 s; past that it refreshes with the refresh token it read before. When tinyEmail rotates
 * refresh tokens, the other process has already spent that one, so it is refused ("needs to be
 * reconnected") although the other process has stored a working token by then. The second attempt
 * signs with the stored token (n8n refreshes it through its lock if that one has expired too); only
 * when that is refused as well does the credential really need reconnecting.
 */
export async function sendRecoveringRefusedRefresh(
	ctx: RequestContext,
	credential: ResolvedCredential,
	options: IHttpRequestOptions,
): Promise<AttemptResult> {
	// n8n adds the auth header to the options it is given: every attempt gets its own copy
	const first = await sendOnce(ctx, credential, { ...options });
	if (first.ok || !first.failure.refreshRefused) return first;
	const stored = await ctx.getCredentials(credential.credentialType).catch(() => undefined);
	// No token stored at all: nothing another process could have renewed
	if (!stored?.oauthTokenData) return first;
	return await sendOnce(ctx, credential, { ...options });
}
