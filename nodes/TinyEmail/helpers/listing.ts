import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Return All / Limit / Simplify parameters of the Get Many style operations, and reading their answers. */

export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** The Simplify switch, shown where `displayOptions` says (the trigger shows it per event). */
export function simplifyPropertyShown(displayOptions: IDisplayOptions): INodeProperties {
	return { ...simplifyProperty, displayOptions };
}

/** What Simplify keeps of a record: the given fields, where present. */
export function pickFields(record: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const key of fields) if (record[key] !== undefined) simple[key] = record[key];
	return simple;
}

/** How many results the item asks for: undefined means all. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Math.floor(Number(ctx.getNodeParameter('limit', itemIndex, 50)));
	return Number.isFinite(limit) && limit >= 1 ? limit : 50;
}

/** Client-side Return All / Limit for endpoints that answer with everything at once. */
export function applyLimit<T>(all: T[], limit: number | undefined): T[] {
	return limit === undefined ? all : all.slice(0, limit);
}

/** The objects of a list in an answer; anything else (absent, not a list, non-objects in it) is left out. */
export function asObjects(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object') : [];
}
