import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { changeMembers } from './memberChange';
import { audienceProperty, customersProperty, memberFieldsProperty, memberOptionsProperty } from './properties';

const properties: INodeProperties[] = [
	audienceProperty('The audience to add the customers to'),
	customersProperty(
		'Customers',
		'Email of the customer to add, e.g. {{ $json.email }}; several emails separated by commas, or a list from an expression (emails, or objects with an email and customer fields). Unknown emails become new customers. Adding starts any automation attached to the audience.',
		true,
	),
	memberFieldsProperty,
	memberOptionsProperty,
];

export const description = showOnlyFor('audience', 'addCustomers', properties);

export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	await changeMembers(ctx, items, outcomes, 'assign');
}
