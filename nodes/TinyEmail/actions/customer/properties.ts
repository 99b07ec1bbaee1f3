import type { INodeProperties } from 'n8n-workflow';

import { customerFieldOptions } from '../../helpers/customerFields';
import { batchSizeOption, type BatchSizeLimits } from '../../helpers/batchSize';
import { showFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';

/** Parameter builders shared by the customer operations, so each name means the same everywhere. */

export function emailProperty(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@example.com',
		required: true,
		default: '',
		description,
		displayOptions: showFor('customer', operation),
	};
}

export function customerFieldsProperty(
	operation: string,
	name: 'additionalFields' | 'updateFields',
	displayName: 'Additional Fields' | 'Update Fields',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent; tinyEmail keeps its stored value for the others',
		options: customerFieldOptions(),
		displayOptions: showFor('customer', operation),
	};
}

export type TagsMode = 'replace' | 'add';

export function tagsModeProperty(operation: string): INodeProperties {
	return {
		displayName: 'Tags Mode',
		name: 'tagsMode',
		type: 'options',
		options: [
			{
				name: 'Add to Existing',
				value: 'add',
				description: 'Keep the tags tinyEmail already has and add the new ones (reads the customer first)',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'The tags given become the customer\'s only tags',
			},
		],
		default: 'replace',
		description: 'What happens to the stored tags when Tags is set',
		displayOptions: showFor('customer', operation),
	};
}

export const CUSTOMER_BATCH_SIZE: BatchSizeLimits = { default: 100, max: 1000 };

export function writeOptionsProperty(operation: string): INodeProperties {
	return transportOptionsProperty('customer', operation, [
		batchSizeOption(CUSTOMER_BATCH_SIZE, 'How many customers to send to tinyEmail in one request'),
	]);
}
