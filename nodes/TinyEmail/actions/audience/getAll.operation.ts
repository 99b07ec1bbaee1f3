import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { applyLimit, readLimit, returnAllAndLimit } from '../../helpers/listing';
import { showOnlyFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { nameKey } from '../../helpers/audienceLocator';
import { fetchAudiences, type AudienceSummary } from '../../helpers/audiences';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				placeholder: 'e.g. newsletter',
				description: 'Only audiences whose name contains this text (not case-sensitive)',
			},
		],
	},
	transportOptionsProperty(),
];

export const description = showOnlyFor('audience', 'getAll', properties);

/** Lists audiences (id, name, number of members): one output item per audience, for each input item. */
export async function execute(ctx: IExecuteFunctions, _items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	let all: Promise<AudienceSummary[]> | undefined;
	await outcomes.forEachItem(async (itemIndex) => {
		// One GET /contacts per run, however many items ask
		all ??= fetchAudiences(ctx, itemIndex);
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const needle = nameKey(String(filters.nameContains ?? ''));
		const matching = (await all).filter((audience) => needle === '' || nameKey(audience.name).includes(needle));
		outcomes.succeedMany(itemIndex, applyLimit(matching, readLimit(ctx, itemIndex)));
	});
}
