import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES } from './resources';

/** The Resource parameter and, for each resource, its Operation parameter and operation parameters. */
export function resourceProperties(): INodeProperties[] {
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map((resource) => resource.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'customer',
	};
	const perResource = RESOURCES.flatMap((resource) => [
		resource.operationProperty,
		...Object.values(resource.operations).flatMap((operation) => operation.description),
	]);
	return [resourceProperty, ...perResource];
}
