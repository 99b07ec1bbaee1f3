import type { IDataObject } from 'n8n-workflow';

import { asObjects } from '../../helpers/listing';
import type { RequestContext } from '../../transport/context';
import { lastFlag, type Page } from '../../transport/paging';
import { tinyEmailApiRequest } from '../../transport/request';

/** GET /campaign: one page of campaigns (pages from 0, newest first), as Get Many, the picker and the trigger read them. */
export async function fetchCampaignPage(ctx: RequestContext, page: number, size: number, itemIndex?: number): Promise<Page<IDataObject>> {
	const body = (await tinyEmailApiRequest(ctx, 'GET', '/campaign', { qs: { page, size }, itemIndex })) as IDataObject | undefined;
	const slice = (body?.campaigns ?? {}) as IDataObject;
	return { items: asObjects(slice.content), last: lastFlag(slice.last) };
}
