import type { ResourceDefinition } from '../../helpers/types';
import * as addCustomers from './addCustomers.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as removeCustomers from './removeCustomers.operation';

/** Audiences (tinyEmail's lists of customers). Needs the API-key credential. */
export const audienceResource: ResourceDefinition = {
	option: { name: 'Audience', value: 'audience' },
	coveredByOAuth2: false,
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['audience'] } },
		options: [
			{
				name: 'Add Customers',
				value: 'addCustomers',
				description: 'Add customers (by email) to an audience; unknown emails become new customers',
				action: 'Add customers to an audience',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a new audience, optionally with initial customers',
				action: 'Create an audience',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List audiences with their ID, name and number of members',
				action: 'Get many audiences',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description: 'List the customers in an audience',
				action: 'Get members of an audience',
			},
			{
				name: 'Remove Customers',
				value: 'removeCustomers',
				description: 'Remove customers (by email) from an audience; the customers themselves are kept',
				action: 'Remove customers from an audience',
			},
		],
		default: 'getAll',
	},
	operations: { addCustomers, create, getAll, getMembers, removeCustomers },
};
