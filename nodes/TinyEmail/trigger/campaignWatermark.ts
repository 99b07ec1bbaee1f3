import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { TERMINAL_CAMPAIGN_STATUSES } from '../helpers/campaignStatus';
import { isLastPage, type Page } from '../transport/paging';

/**
 * Finds new campaigns and status changes by reading the newest campaigns, as few pages as needed.
 *
 * tinyEmail lists campaigns newest first, pages from 0 (the contract's decision). The trigger remembers
 * the campaigns it read last time (ID and status, newest first). A campaign it does not remember is new
 * when it is listed before the first one it remembers, or when the last read covered the whole list;
 * otherwise it is an older campaign coming into view (not reported). If none of the remembered campaigns
 * is found in the pages read, every campaign read counts as new: a duplicate rather than a miss.
 *
 * It reads page 0, and more pages (at most MAX_CAMPAIGN_PAGES) only while none of the remembered
 * campaigns has been found yet, or (for status changes) while a remembered campaign whose status can
 * still change (not COMPLETED or FAILED) has not been seen yet. So status changes are watched for the
 * newest MAX_CAMPAIGN_PAGES × CAMPAIGN_PAGE_SIZE campaigns at the first poll, and every campaign
 * created since.
 */

export const CAMPAIGN_PAGE_SIZE = 100;
export const MAX_CAMPAIGN_PAGES = 3;
/** Longest campaign ID stored as is; longer ones are stored hashed, so the state stays bounded. */
const MAX_STORED_ID_LENGTH = 64;

export interface CampaignWatermark extends IDataObject {
	/** The campaigns read last time, newest first: [key, status]. */
	campaigns: Array<[string, string]>;
	/** Whether the last read reached the end of the list (then every unknown campaign is new). */
	complete: boolean;
}

export type ReadCampaignPage = (page: number, size: number) => Promise<Page<IDataObject>>;

export interface SeenCampaign {
	campaign: IDataObject;
	status: string;
	/** Whether the campaign was created since the last poll. */
	isNew: boolean;
	/** Its status at the last poll; undefined when the trigger did not know the campaign. */
	previousStatus?: string;
}

export interface CampaignPollResult {
	/** The campaigns read, oldest first (the order to report them in). */
	campaigns: SeenCampaign[];
	watermark: CampaignWatermark;
}

export function campaignKey(campaign: IDataObject): string {
	const id = String(campaign.id);
	return id.length <= MAX_STORED_ID_LENGTH ? id : `#${createHash('sha256').update(id).digest('base64url').slice(0, 16)}`;
}

export function campaignStatus(campaign: IDataObject): string {
	return typeof campaign.status === 'string' ? campaign.status.toUpperCase() : '';
}

function canStillChange(status: string): boolean {
	return !TERMINAL_CAMPAIGN_STATUSES.includes(status);
}

/**
 * Reads the newest campaigns and classifies them against `previous` (undefined: the first poll).
 * `followOpen` (status changes): the first poll reads all MAX_CAMPAIGN_PAGES pages, later polls read on
 * until every remembered campaign whose status can still change has been seen again.
 */
export async function pollCampaigns(
	read: ReadCampaignPage,
	previous: CampaignWatermark | undefined,
	followOpen: boolean,
): Promise<CampaignPollResult> {
	const known = new Map(previous?.campaigns ?? []);
	const openToSee = new Set((previous?.campaigns ?? []).filter(([, status]) => canStillChange(status)).map(([key]) => key));
	const listed: IDataObject[] = [];
	let complete = false;
	let foundKnown = false;
	for (let page = 0; page < MAX_CAMPAIGN_PAGES; page++) {
		const answer = await read(page, CAMPAIGN_PAGE_SIZE);
		const content = answer.items.filter((campaign) => campaign.id !== undefined && campaign.id !== null);
		listed.push(...content);
		for (const campaign of content) {
			const key = campaignKey(campaign);
			if (known.has(key)) foundKnown = true;
			openToSee.delete(key);
		}
		if (isLastPage(answer, CAMPAIGN_PAGE_SIZE, page * CAMPAIGN_PAGE_SIZE + answer.items.length)) {
			complete = true;
			break;
		}
		const needMore = previous ? !foundKnown || (followOpen && openToSee.size > 0) : followOpen;
		if (!needMore) break;
	}

	const campaigns: SeenCampaign[] = [];
	let beforeKnown = true;
	for (const campaign of listed) {
		const key = campaignKey(campaign);
		const status = campaignStatus(campaign);
		const previousStatus = known.get(key);
		if (previousStatus !== undefined) beforeKnown = false;
		const isNew = previous !== undefined && previousStatus === undefined && (beforeKnown || previous.complete || !foundKnown);
		campaigns.push({ campaign, status, isNew, previousStatus });
	}
	return {
		campaigns: campaigns.reverse(),
		watermark: { campaigns: listed.map((campaign) => [campaignKey(campaign), campaignStatus(campaign)]), complete },
	};
}
