import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { fetchAudiences, nameKey } from '../actions/audience/audienceLocator';
import { apiKeyNeededError, usesOAuth2 } from '../actions/apiKeyOnly';
import { asObjects, isLastPage, lastFlag } from '../actions/listing';
import { fetchSenders, senderLabel } from '../actions/sender/senders';
import { tinyEmailApiRequest } from '../transport/request';

/**
 * The transport is written for an execution context; a load-options context has the same
 * credential and HTTP helpers. Only getNodeParameter differs (no item index): this adapter
 * maps it, preferring the values currently shown in the editor.
 */
function requestContext(ctx: ILoadOptionsFunctions): IExecuteFunctions {
	const getNodeParameter = (name: string, _itemIndex: number, fallback?: unknown) =>
		ctx.getCurrentNodeParameter(name) ?? ctx.getNodeParameter(name, fallback);
	return new Proxy(ctx, {
		get(target, property, receiver) {
			if (property === 'getNodeParameter') return getNodeParameter;
			return Reflect.get(target, property, receiver);
		},
	}) as unknown as IExecuteFunctions;
}

/** The request context for a picker, after the same API-key check the operations make. */
function apiKeyRequestContext(ctx: ILoadOptionsFunctions, what: string): IExecuteFunctions {
	const requestCtx = requestContext(ctx);
	if (usesOAuth2(requestCtx)) throw apiKeyNeededError(ctx.getNode(), what);
	return requestCtx;
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = nameKey(filter ?? '');
	return needle === '' || texts.some((text) => typeof text === 'string' && nameKey(text).includes(needle));
}

/** Audiences for the Audience pickers, filtered by name (or ID). */
export async function searchAudiences(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const audiences = await fetchAudiences(apiKeyRequestContext(this, 'Listing audiences'));
	const results: INodeListSearchItems[] = audiences
		.filter((audience) => matches(filter, audience.name, audience.id))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((audience) => ({ name: audience.name || audience.id, value: audience.id }));
	return { results };
}

/** Senders for the Sender picker, filtered by name or email. */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const senders = await fetchSenders(apiKeyRequestContext(this, 'Listing senders'));
	const results: INodeListSearchItems[] = senders
		.filter((sender) => matches(filter, sender.name, sender.email))
		.map((sender) => ({ name: senderLabel(sender), value: String(sender.id) }));
	return { results };
}

const CAMPAIGN_PAGE_SIZE = 50;

/** Campaigns for the Campaign picker, one page at a time (the editor asks for more as the user scrolls). */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const requestCtx = apiKeyRequestContext(this, 'Listing campaigns');
	const page = paginationToken ? Number(paginationToken) : 0;
	const body = (await tinyEmailApiRequest(requestCtx, 'GET', '/campaign', {
		qs: { page, size: CAMPAIGN_PAGE_SIZE },
	})) as IDataObject | undefined;
	const slice = (body?.campaigns ?? {}) as IDataObject;
	const content = asObjects(slice.content);
	const results: INodeListSearchItems[] = content
		.map((campaign) => {
			const details = (campaign.campaign ?? {}) as IDataObject;
			const name = typeof details.name === 'string' && details.name !== '' ? details.name : String(campaign.id);
			return { campaign, name };
		})
		.filter(({ campaign, name }) => matches(filter, name, campaign.id))
		.map(({ campaign, name }) => ({ name: `${name} (${String(campaign.status ?? '').toLowerCase()})`, value: String(campaign.id) }));
	const done = isLastPage({ items: content, last: lastFlag(slice.last) }, CAMPAIGN_PAGE_SIZE, page * CAMPAIGN_PAGE_SIZE + content.length);
	return done ? { results } : { results, paginationToken: String(page + 1) };
}
