import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { applyLimit, readLimit, returnAllAndLimit } from '../../helpers/listing';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { fetchSenders } from './senders';

const properties: INodeProperties[] = [...returnAllAndLimit, transportOptionsProperty()];

export const description = showOnlyFor('sender', 'getAll', properties);

/** Lists the sender identities (ID, name, email, confirmation): one output item per sender. */
export async function execute(ctx: IExecuteFunctions, _items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	let all: ReturnType<typeof fetchSenders> | undefined;
	await outcomes.forEachItem(async (itemIndex) => {
		all ??= fetchSenders(ctx, itemIndex);
		outcomes.succeedMany(itemIndex, applyLimit(await all, readLimit(ctx, itemIndex)));
	});
}
