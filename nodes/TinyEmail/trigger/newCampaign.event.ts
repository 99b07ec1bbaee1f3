import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchCampaignPage } from '../actions/campaign/campaigns';
import { simplifyCampaign } from '../actions/campaign/simplifyCampaign';
import { pollCampaigns, type CampaignWatermark } from './campaignWatermark';
import { simplifyForEvent, type TriggerEvent } from './types';

const EVENT = 'newCampaign';

function output(ctx: IPollFunctions, campaign: IDataObject): IDataObject {
	return (ctx.getNodeParameter('simplify', true) as boolean) ? simplifyCampaign(campaign) : campaign;
}

/** A campaign was created (in tinyEmail's editor or through the API). */
export const newCampaign: TriggerEvent = {
	option: { name: 'New Campaign', value: EVENT, description: 'A campaign was created' },
	properties: [simplifyForEvent(EVENT)],
	scope: () => '',
	async poll(ctx, previous) {
		const read = async (page: number, size: number) => await fetchCampaignPage(ctx, page, size);
		const result = await pollCampaigns(read, previous as CampaignWatermark | undefined, false);
		const items = result.campaigns.filter((seen) => seen.isNew).map((seen) => output(ctx, seen.campaign));
		return { items, watermark: result.watermark };
	},
	async sample(ctx) {
		const [newest] = (await fetchCampaignPage(ctx, 0, 1)).items;
		if (!newest) {
			throw new NodeOperationError(ctx.getNode(), 'There is no campaign in tinyEmail to show as a test event', {
				description: 'Create a campaign in tinyEmail, then fetch the test event again.',
			});
		}
		return output(ctx, newest);
	},
};
