import type { INodePropertyMode } from 'n8n-workflow';

/** A picker's From List mode: a searchable list filled by one of methods/listSearch.ts's searches. */
export function fromListMode(searchListMethod: string, placeholder: string): INodePropertyMode {
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list' as const,
		placeholder,
		typeOptions: { searchListMethod, searchable: true },
	};
}

/** A picker's By ID mode. */
export function byIdMode(placeholder: string): INodePropertyMode {
	return { displayName: 'By ID', name: 'id', type: 'string' as const, placeholder };
}
