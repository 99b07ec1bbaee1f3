import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { audienceRefsFromCollection } from '../audience/audienceLocator';

/** Reading an item's campaign parameters into what the request needs: IDs and the campaign path. */

/** A resource locator's value (or plain text). */
export function locatorValue(raw: unknown): string {
	const value = raw && typeof raw === 'object' && 'value' in raw ? (raw as IDataObject).value : raw;
	return value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
}

/** Audience IDs from an Audiences collection; names are not accepted here (campaigns take IDs). */
export function audienceIds(raw: unknown): string[] {
	return audienceRefsFromCollection(raw).map((ref) => ref.value);
}

export function campaignPath(id: string): string {
	return `/campaign/${encodeURIComponent(id)}`;
}

export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string | NodeOperationError {
	const id = locatorValue(ctx.getNodeParameter('campaign', itemIndex, ''));
	if (id === '') {
		return new NodeOperationError(ctx.getNode(), `No campaign chosen in item ${itemIndex}`, {
			itemIndex,
			description: 'Pick a campaign from the list, or give its ID.',
		});
	}
	return id;
}
