import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pickedId, readPickedId } from '../../helpers/pickedId';
import { audienceRefsFromCollection } from '../../helpers/audienceLocator';

/** Reading an item's campaign parameters into what the request needs: IDs and the campaign path. */

/**
 * The value of a picker inside a collection (Update Fields > Sender), which comes whole ({ mode, value })
 * with the collection; a top-level picker is read with extractValue instead.
 */
export function locatorValue(raw: unknown): string {
	return pickedId(raw && typeof raw === 'object' && 'value' in raw ? (raw as IDataObject).value : raw);
}

/** Audience IDs from an Audiences collection; names are not accepted here (campaigns take IDs). */
export function audienceIds(raw: unknown): string[] {
	return audienceRefsFromCollection(raw).map((ref) => ref.value);
}

export function campaignPath(id: string): string {
	return `/campaign/${encodeURIComponent(id)}`;
}

/** The Campaign picker's ID for one item (From List and By ID both give the ID), or an error naming the item. */
export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string | NodeOperationError {
	return readPickedId(ctx, itemIndex, 'campaign', 'a campaign');
}
