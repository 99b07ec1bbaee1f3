import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Return All / Limit / Simplify parameters and the page loop shared by the Get Many style operations. */

type Show = { show: Record<string, string[]> };

export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}

export function simplifyProperty(resource: string, operations: string[]): INodeProperties {
	const displayOptions: Show = { show: { resource: [resource], operation: operations } };
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions,
	};
}

/** How many results the item asks for: undefined means all. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Math.floor(Number(ctx.getNodeParameter('limit', itemIndex, 50)));
	return Number.isFinite(limit) && limit >= 1 ? limit : 50;
}

export interface Page<T> {
	items: T[];
	last: boolean;
}

/** Largest page the node asks for; tinyEmail's own maximum is undocumented. */
export const PAGE_SIZE = 100;
/** Guard against an API that never says "last". */
const MAX_PAGES = 10000;

/**
 * Reads pages (numbered from `firstPage`) until the API says last, a page comes back empty,
 * or `limit` results are in. The page size shrinks to the limit so a small Limit costs one small request.
 */
export async function collectPages<T>(
	fetchPage: (page: number, size: number) => Promise<Page<T>>,
	firstPage: number,
	limit: number | undefined,
): Promise<T[]> {
	const size = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const results: T[] = [];
	for (let page = firstPage; page < firstPage + MAX_PAGES; page++) {
		const { items, last } = await fetchPage(page, size);
		results.push(...items);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (last || items.length === 0) break;
	}
	return results;
}

/** Client-side Return All / Limit for endpoints that answer with everything at once. */
export function applyLimit<T>(all: T[], limit: number | undefined): T[] {
	return limit === undefined ? all : all.slice(0, limit);
}

export function asObjects(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object') : [];
}
