import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { customerFieldOptions, customerFieldsFromInput, isFieldProblem, type TinyEmailCustomer } from '../../helpers/customerFields';
import { batchSizeOption, type BatchSizeLimits } from '../../helpers/batchSize';
import { readPickedId } from '../../helpers/pickedId';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { audienceLocator } from '../../helpers/audienceLocator';
import { membersFromValue } from '../../helpers/audienceMembers';

export function audienceProperty(description: string): INodeProperties {
	return audienceLocator({ name: 'audience', displayName: 'Audience', description, required: true });
}

export function customersProperty(displayName: string, description: string, required: boolean): INodeProperties {
	return {
		displayName,
		name: 'customers',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. ann@example.com, bob@example.com',
		description,
	};
}

/** Customer fields a member may carry (all but Status and Last Purchase Date). */
export const memberFieldsProperty: INodeProperties = {
	displayName: 'Customer Fields',
	name: 'customerFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Fields saved with each customer given as a plain email (tinyEmail creates customers it does not know yet)',
	options: customerFieldOptions().filter((option) => option.name !== 'status' && option.name !== 'lastPurchaseDate'),
};

export const MEMBER_BATCH_SIZE: BatchSizeLimits = { default: 500, max: 1000 };

export const memberOptionsProperty: INodeProperties = transportOptionsProperty([
	batchSizeOption(MEMBER_BATCH_SIZE, 'How many customers to send to tinyEmail in one request; items for the same audience share requests'),
]);

/** The Audience picker's ID for one item (From List and By ID both give the ID), or an error naming the item. */
export function readAudienceId(ctx: IExecuteFunctions, itemIndex: number): string | NodeOperationError {
	return readPickedId(ctx, itemIndex, 'audience', 'an audience');
}

/** The Customers parameter (plus Customer Fields, when the operation has them) for one item. */
export function readMembers(
	ctx: IExecuteFunctions,
	itemIndex: number,
	displayName: string,
	withFields: boolean,
): TinyEmailCustomer[] | NodeOperationError {
	let defaults: IDataObject = {};
	if (withFields) {
		const fields = customerFieldsFromInput(ctx.getNodeParameter('customerFields', itemIndex, {}) as IDataObject);
		if (isFieldProblem(fields)) {
			return new NodeOperationError(ctx.getNode(), `The ${fields.field.displayName} in item ${itemIndex} ${fields.problem}`, {
				itemIndex,
				description: fields.fix,
			});
		}
		defaults = fields.fields;
	}
	const result = membersFromValue(ctx.getNodeParameter('customers', itemIndex, '') as unknown, defaults);
	if ('problem' in result) {
		return new NodeOperationError(ctx.getNode(), `${displayName} in item ${itemIndex} ${result.problem}`, {
			itemIndex,
			description: result.fix,
		});
	}
	return result.members;
}
