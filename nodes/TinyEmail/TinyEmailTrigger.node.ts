import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchAudiences } from './methods/listSearch';
import { triggerProperties, triggerSubtitle } from './trigger/events';
import { pollTrigger } from './trigger/poll';

export class TinyEmailTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'tinyEmail Trigger',
		name: 'tinyEmailTrigger',
		icon: { light: 'file:tinyemail.svg', dark: 'file:tinyemail.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggerSubtitle(),
		description: 'Starts the workflow when a tinyEmail campaign changes status, a campaign is created or someone joins an audience',
		defaults: {
			name: 'tinyEmail Trigger',
		},
		// What n8n's AI workflow builder should know up front
		builderHint: {
			searchHint:
				'tinyEmail polling trigger: starts a workflow when a tinyEmail campaign changes status (e.g. launched, completed), a campaign is created, or a customer joins an audience. Needs the tinyEmail API-key credential.',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'tinyEmailApi',
				required: true,
			},
		],
		properties: triggerProperties(),
	};

	methods = { listSearch: { searchAudiences } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger.call(this);
	}
}
