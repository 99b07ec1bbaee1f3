import type { ResourceDefinition } from '../../helpers/types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as subscribe from './subscribe.operation';
import * as unsubscribe from './unsubscribe.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** Customers: account-level contacts keyed by email. */
export const customerResource: ResourceDefinition = {
	option: { name: 'Customer', value: 'customer' },
	coveredByOAuth2: true,
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a new customer; fails if the email already exists',
				action: 'Create a new customer',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a customer by email',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a customer by email',
				action: 'Get a customer by email',
			},
			{
				name: 'Subscribe',
				value: 'subscribe',
				description:
					'Set customers to Subscribed by email (new emails are added); Bounced or Spam customers stay as they are unless allowed in the options',
				action: 'Subscribe a customer',
			},
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description:
					'Set customers to Unsubscribed by email; an email tinyEmail does not know yet is added as Unsubscribed, so it is never mailed',
				action: 'Unsubscribe a customer',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update an existing customer; fails if the email does not exist',
				action: 'Update an existing customer',
			},
		],
		default: 'upsert',
	},
	operations: { create, upsert, get, update, subscribe, unsubscribe },
};
