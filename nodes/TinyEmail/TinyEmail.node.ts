import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties, subtitleExpression } from './actions/resources';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';

export class TinyEmail implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'tinyEmail',
		name: 'tinyEmail',
		icon: { light: 'file:tinyemail.svg', dark: 'file:tinyemail.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(),
		description: 'Sync tinyEmail customers, audiences and campaigns, and list senders',
		defaults: {
			name: 'tinyEmail',
		},
		// What an AI agent (tool description) and n8n's AI workflow builder (search hint) should know up front
		usableAsTool: {
			replacements: {
				description:
					'Create, update and read tinyEmail customers by email; with the API-key credential also audiences, campaigns and senders. Create or Update is an upsert: it creates the customer or changes only the fields it is given. Nothing can be deleted. tinyEmail allows 60 requests a minute per account.',
			},
		},
		builderHint: {
			searchHint:
				'tinyEmail email marketing: create or update (upsert) customers by email, add them to audiences, create and schedule campaigns, list senders. No delete operations. At most 60 requests a minute per tinyEmail account. OAuth2 covers customers only; everything else needs the API-key credential.',
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'tinyEmailOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			{
				name: 'tinyEmailApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'OAuth2',
						value: 'oAuth2',
					},
					{
						name: 'API Key',
						value: 'apiKey',
					},
				],
				default: 'oAuth2',
			},
			...resourceProperties(),
		],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
