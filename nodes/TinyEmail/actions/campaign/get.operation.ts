import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tinyEmailApiRequest } from '../../transport/request';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { simplifyProperty } from '../../helpers/listing';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { campaignLocator } from './campaignProperties';
import { campaignPath, readCampaignId } from './campaignRequest';
import { simplifyCampaign } from './simplifyCampaign';

const properties: INodeProperties[] = [campaignLocator, simplifyProperty, transportOptionsProperty()];

export const description = showOnlyFor('campaign', 'get', properties);

/** Reads one campaign per item: status, content, schedule and counters. */
export async function execute(ctx: IExecuteFunctions, _items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	await outcomes.forEachItem(async (itemIndex) => {
		const id = readCampaignId(ctx, itemIndex);
		if (id instanceof NodeOperationError) throw id;
		const campaign = (await tinyEmailApiRequest(ctx, 'GET', campaignPath(id), { itemIndex, notFoundAsUndefined: true })) as
			IDataObject | undefined;
		if (!campaign || typeof campaign !== 'object' || campaign.id === undefined) {
			throw new NodeOperationError(ctx.getNode(), `No campaign with ID "${id}" exists in tinyEmail (item ${itemIndex})`, {
				itemIndex,
				description: 'Check the ID, or pick the campaign from the list.',
			});
		}
		const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
		outcomes.succeed(itemIndex, simplify ? simplifyCampaign(campaign) : campaign);
	});
}
