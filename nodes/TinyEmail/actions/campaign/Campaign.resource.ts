import type { ResourceDefinition } from '../../helpers/types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Email campaigns. Needs the API-key credential. */
export const campaignResource: ResourceDefinition = {
	option: { name: 'Campaign', value: 'campaign' },
	coveredByOAuth2: false,
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an email campaign as a draft, scheduled once, or recurring weekly',
				action: 'Create a campaign',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a campaign by ID with its status, schedule and counters (sent, opens, clicks)',
				action: 'Get a campaign',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List campaigns with their status and counters',
				action: 'Get many campaigns',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a draft, scheduled or paused campaign (content, sender, audiences, schedule)',
				action: 'Update a campaign',
			},
		],
		default: 'getAll',
	},
	operations: { create, get, getAll, update },
};
