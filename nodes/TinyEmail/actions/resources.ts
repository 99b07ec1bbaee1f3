import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../helpers/types';
import { audienceResource } from './audience/Audience.resource';
import { campaignResource } from './campaign/Campaign.resource';
import { customerResource } from './customer/Customer.resource';
import { senderResource } from './sender/Sender.resource';

/** Every resource the node offers. A new resource is one import and one entry here. */
export const RESOURCES: ResourceDefinition[] = [customerResource, audienceResource, campaignResource, senderResource];

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
