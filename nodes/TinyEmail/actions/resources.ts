import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../helpers/types';
import { audienceResource } from './audience/Audience.resource';
import { campaignResource } from './campaign/Campaign.resource';
import { customerResource } from './customer/Customer.resource';
import { senderResource } from './sender/Sender.resource';

/** Every resource the node offers. A new resource is one import and one entry here. */
export const RESOURCES: ResourceDefinition[] = [customerResource, audienceResource, campaignResource, senderResource];

/**
 * The Resource parameter and, for each resource, its Operation parameter and operation parameters.
 * With OAuth2 the Resource list holds only what the scope covers (customers), a notice says why, and
 * the other resources' parameters are hidden; the operations still check it when they run.
 */
export function resourceProperties(): INodeProperties[] {
	const perResource = RESOURCES.flatMap((resource) => {
		const properties = [resource.operationProperty, ...Object.values(resource.operations).flatMap((operation) => operation.description)];
		return resource.coveredByOAuth2 ? properties : properties.map(withApiKeyOnly);
	});
	return [
		{
			displayName: 'With OAuth2, tinyEmail allows customers only. Audiences, campaigns and senders need Authentication "API Key".',
			name: 'oAuth2Notice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['oAuth2'] } },
		},
		resourceProperty(RESOURCES, 'apiKey'),
		resourceProperty(
			RESOURCES.filter((resource) => resource.coveredByOAuth2),
			'oAuth2',
		),
		...perResource,
	];
}

/** One Resource parameter per Authentication choice (n8n shows the one whose displayOptions match). */
function resourceProperty(resources: ResourceDefinition[], authentication: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { authentication: [authentication] } },
		options: resources.map((resource) => resource.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'customer',
	};
}

function withApiKeyOnly(property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, authentication: ['apiKey'] } },
	};
}

/**
 * The node's subtitle on the canvas: the chosen operation's action ("Create or update a customer"), as a
 * lookup the editor evaluates; an unknown pair falls back to the raw values.
 */
export function subtitleExpression(): string {
	const actions: Record<string, string> = {};
	for (const resource of RESOURCES) {
		for (const option of resource.operationProperty.options ?? []) {
			if ('action' in option && typeof option.action === 'string')
				actions[`${resource.option.value}:${String(option.value)}`] = option.action;
		}
	}
	return `={{${JSON.stringify(actions)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"]}}`;
}
