import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchCampaignPage } from '../actions/campaign/campaigns';
import { simplifyCampaign } from '../actions/campaign/simplifyCampaign';
import { CAMPAIGN_STATUSES } from '../helpers/campaignStatus';
import { sentenceCase } from '../helpers/sentenceCase';
import { CAMPAIGN_PAGE_SIZE, pollCampaigns, type CampaignWatermark, type SeenCampaign } from './campaignWatermark';
import { showForEvent, simplifyForEvent, type TriggerEvent } from './types';

const EVENT = 'campaignStatusChanged';

function wantedStatuses(ctx: IPollFunctions): string[] {
	const chosen = ctx.getNodeParameter('statuses', []) as unknown;
	return Array.isArray(chosen) ? chosen.map((status) => String(status).toUpperCase()) : [];
}

/**
 * Whether the campaign's status changed since the last poll. A campaign created since then counts as
 * changed from none unless it is still a draft (scheduled or sent between two polls, it is not missed).
 */
function changed(seen: SeenCampaign): boolean {
	if (seen.previousStatus !== undefined) return seen.previousStatus !== seen.status;
	return seen.isNew && seen.status !== 'DRAFT';
}

function output(ctx: IPollFunctions, seen: SeenCampaign, previousStatus: string | null): IDataObject {
	const campaign = (ctx.getNodeParameter('simplify', true) as boolean) ? simplifyCampaign(seen.campaign) : seen.campaign;
	return { ...campaign, previousStatus, newStatus: seen.status };
}

/** A campaign moved to another status (e.g. SCHEDULED → LAUNCHED → COMPLETED), optionally only into chosen statuses. */
export const campaignStatusChanged: TriggerEvent = {
	option: { name: 'Campaign Status Changed', value: EVENT, description: "A campaign's status changed, e.g. it was launched or completed" },
	properties: [
		{
			displayName: 'Only Into Statuses',
			name: 'statuses',
			type: 'multiOptions',
			default: [],
			description: 'Report only changes into these statuses; none chosen reports every change',
			options: CAMPAIGN_STATUSES.map((status) => ({ name: sentenceCase(status), value: status })),
			displayOptions: showForEvent(EVENT),
		},
		simplifyForEvent(EVENT),
	],
	scope: () => '',
	async poll(ctx, previous) {
		const read = async (page: number, size: number) => await fetchCampaignPage(ctx, page, size);
		const result = await pollCampaigns(read, previous as CampaignWatermark | undefined, true);
		const wanted = wantedStatuses(ctx);
		const items = result.campaigns
			.filter((seen) => changed(seen) && (wanted.length === 0 || wanted.includes(seen.status)))
			.map((seen) => output(ctx, seen, seen.previousStatus ?? null));
		return { items, watermark: result.watermark };
	},
	async sample(ctx) {
		const wanted = wantedStatuses(ctx);
		const { items } = await fetchCampaignPage(ctx, 0, CAMPAIGN_PAGE_SIZE);
		const newest = items.find((campaign) => wanted.length === 0 || wanted.includes(String(campaign.status).toUpperCase()));
		if (!newest) {
			const which = wanted.length === 0 ? '' : ` in status ${wanted.join(' or ')}`;
			throw new NodeOperationError(
				ctx.getNode(),
				`There is no campaign${which} among tinyEmail's newest ${CAMPAIGN_PAGE_SIZE} to show as a test event`,
				{
					description: 'Fetch the test event again once a campaign has reached one of the chosen statuses, or choose other statuses.',
				},
			);
		}
		return output(ctx, { campaign: newest, status: String(newest.status).toUpperCase(), isNew: false }, null);
	},
};
