import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { nameKey } from '../helpers/audienceLocator';
import { fetchAudiences } from '../helpers/audiences';
import { fetchCampaignPage } from '../actions/campaign/campaigns';
import { fetchSenders, senderLabel } from '../actions/sender/senders';
import { apiKeyNeededError, usesOAuth2 } from '../helpers/apiKeyOnly';
import { isLastPage } from '../transport/paging';

/** The pickers list what needs the API key: the same check the operations make, before any request. */
function requireApiKey(ctx: ILoadOptionsFunctions, what: string): void {
	if (usesOAuth2(ctx)) throw apiKeyNeededError(ctx.getNode(), what);
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = nameKey(filter ?? '');
	return needle === '' || texts.some((text) => typeof text === 'string' && nameKey(text).includes(needle));
}

/** Audiences for the Audience pickers, filtered by name (or ID). */
export async function searchAudiences(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	requireApiKey(this, 'Listing audiences');
	const audiences = await fetchAudiences(this);
	const results: INodeListSearchItems[] = audiences
		.filter((audience) => matches(filter, audience.name, audience.id))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((audience) => ({ name: audience.name || audience.id, value: audience.id }));
	return { results };
}

/** Senders for the Sender picker, filtered by name or email. */
export async function searchSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	requireApiKey(this, 'Listing senders');
	const senders = await fetchSenders(this);
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
	requireApiKey(this, 'Listing campaigns');
	const page = paginationToken ? Number(paginationToken) : 0;
	const { items: content, last } = await fetchCampaignPage(this, page, CAMPAIGN_PAGE_SIZE);
	const results: INodeListSearchItems[] = content
		.map((campaign) => {
			const details = (campaign.campaign ?? {}) as IDataObject;
			const name = typeof details.name === 'string' && details.name !== '' ? details.name : String(campaign.id);
			return { campaign, name };
		})
		.filter(({ campaign, name }) => matches(filter, name, campaign.id))
		.map(({ campaign, name }) => ({ name: `${name} (${String(campaign.status ?? '').toLowerCase()})`, value: String(campaign.id) }));
	const done = isLastPage({ items: content, last }, CAMPAIGN_PAGE_SIZE, page * CAMPAIGN_PAGE_SIZE + content.length);
	return done ? { results } : { results, paginationToken: String(page + 1) };
}
