import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { changeMembers } from './memberChange';
import { audienceProperty, customersProperty, memberOptionsProperty } from './properties';

const properties: INodeProperties[] = [
	audienceProperty('The audience to remove the customers from'),
	customersProperty(
		'Customers',
		'Email of the customer to remove, e.g. {{ $json.email }}; several emails separated by commas, or a list from an expression. The customers stay in tinyEmail; only their membership ends.',
		true,
	),
	memberOptionsProperty,
];

export const description = showOnlyFor('audience', 'removeCustomers', properties);

export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	await changeMembers(ctx, items, outcomes, 'unassign');
}
