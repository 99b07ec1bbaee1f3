import type { ResourceDefinition } from '../../helpers/types';
import * as getAll from './getAll.operation';

/** Sender identities (the From of a campaign). Needs the API-key credential. */
export const senderResource: ResourceDefinition = {
	option: { name: 'Sender', value: 'sender' },
	coveredByOAuth2: false,
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sender'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the sender identities (name and email) campaigns can be sent from',
				action: 'Get many senders',
			},
		],
		default: 'getAll',
	},
	operations: { getAll },
};
