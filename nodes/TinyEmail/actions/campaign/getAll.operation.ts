import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { readLimit, returnAllAndLimit, simplifyProperty } from '../../helpers/listing';
import { collectPages } from '../../transport/paging';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { fetchCampaignPage } from './campaigns';
import { simplifyCampaign } from './simplifyCampaign';

const properties: INodeProperties[] = [...returnAllAndLimit, simplifyProperty, transportOptionsProperty()];

export const description = showOnlyFor('campaign', 'getAll', properties);

/** Lists campaigns page by page (pages from 0); one output item per campaign. */
export async function execute(ctx: IExecuteFunctions, _items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	await outcomes.forEachItem(async (itemIndex) => {
		const campaigns = await collectPages(
			async (page, size) => await fetchCampaignPage(ctx, page, size, itemIndex),
			0,
			readLimit(ctx, itemIndex),
			itemIndex,
		);
		const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
		outcomes.succeedMany(itemIndex, simplify ? campaigns.map(simplifyCampaign) : campaigns);
	});
}
