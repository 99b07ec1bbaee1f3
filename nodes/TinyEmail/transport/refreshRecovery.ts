import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { RequestContext } from './context';
import type { ResolvedCredential } from './credentials';
import { sendOnce, type AttemptResult } from './send';

/**
 * Sends one request; when n8n reports that tinyEmail refused to refresh the OAuth2 token, sends it once
 * more only if the stored credential now holds a different refresh token than the one that was refused.
 *
 * Why: with several n8n processes (queue mode) n8n serialises refreshes with a lock, but waits for it
 * at most 10 s; past that it refreshes with the refresh token it read before. When tinyEmail rotates
 * refresh tokens, the other process has already spent that one, so it is refused ("needs to be
 * reconnected") although the other process has stored a working token by then. The second attempt
 * signs with that stored token (n8n refreshes it through its lock if it has expired too).
 *
 * When the stored refresh token is the refused one (revoked, expired), nothing is sent again: presenting
 * a refused refresh token a second time is pointless, and servers with refresh-token reuse detection
 * revoke every token of the grant when they see a used one again. The first refusal asks to reconnect.
 */
export async function sendRecoveringRefusedRefresh(
	ctx: RequestContext,
	credential: ResolvedCredential,
	options: IHttpRequestOptions,
): Promise<AttemptResult> {
	// n8n signs each attempt with the credential as stored when it starts: this is the refresh token it would offer
	const offered = credential.authentication === 'oAuth2' ? await storedRefreshToken(ctx, credential) : undefined;
	// n8n adds the auth header to the options it is given: every attempt gets its own copy
	const first = await sendOnce(ctx, credential, { ...options });
	if (first.ok || !first.failure.refreshRefused) return first;
	const stored = await storedRefreshToken(ctx, credential);
	// No refresh token stored, or still the refused one: nothing another process could have renewed
	if (stored === undefined || stored === offered) return first;
	return await sendOnce(ctx, credential, { ...options });
}

/** The refresh token of the credential as stored now (n8n reads it from its database on every call). */
async function storedRefreshToken(ctx: RequestContext, credential: ResolvedCredential): Promise<string | undefined> {
	const data = await ctx.getCredentials(credential.credentialType).catch(() => undefined);
	const token = (data?.oauthTokenData as IDataObject | undefined)?.refresh_token;
	return typeof token === 'string' && token !== '' ? token : undefined;
}
