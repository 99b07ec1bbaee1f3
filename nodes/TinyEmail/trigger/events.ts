import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sentenceCase } from '../helpers/sentenceCase';
import { transportOptions } from '../helpers/transportOptions';
import { campaignStatusChanged } from './campaignStatusChanged.event';
import { newAudienceMember } from './newAudienceMember.event';
import { newCampaign } from './newCampaign.event';
import type { TriggerEvent } from './types';

/** Every event the trigger offers. A new event is one import and one entry here. */
export const EVENTS: TriggerEvent[] = [campaignStatusChanged, newAudienceMember, newCampaign];

/** The node's subtitle: the chosen event's name in sentence case ("New audience member"). */
export function triggerSubtitle(): string {
	const labels = EVENTS.map(({ option }) => `${JSON.stringify(option.value)}: ${JSON.stringify(sentenceCase(option.name))}`);
	return `={{ {${labels.join(', ')}}[$parameter["event"]] }}`;
}

/** The trigger's parameters: the API-key notice, the Event list, each event's parameters, the transport Options. */
export function triggerProperties(): INodeProperties[] {
	return [
		{
			displayName:
				'This trigger needs the tinyEmail API credential (API key): campaigns and audiences are outside the OAuth2 access, which covers customers only.',
			name: 'apiKeyNotice',
			type: 'notice',
			default: '',
		},
		// Read by the transport to choose the credential; the trigger has only the API key
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'apiKey',
		},
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			noDataExpression: true,
			required: true,
			options: EVENTS.map((event) => event.option).sort((a, b) => a.name.localeCompare(b.name)),
			default: 'campaignStatusChanged',
		},
		...EVENTS.flatMap((event) => event.properties),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: transportOptions(),
		},
	];
}

export function eventOf(ctx: IPollFunctions): TriggerEvent {
	const value = ctx.getNodeParameter('event', '') as string;
	const event = EVENTS.find((entry) => entry.option.value === value);
	if (!event) {
		throw new NodeOperationError(ctx.getNode(), `The event "${value}" is not supported`, { description: 'Pick an event from the list.' });
	}
	return event;
}
