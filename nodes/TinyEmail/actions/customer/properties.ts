import type { INodeProperties } from 'n8n-workflow';

import { batchSizeOption, type BatchSizeLimits } from '../../helpers/batchSize';
import { emptyValuesOption } from '../../helpers/emptyValues';
import { transportOptionsProperty } from '../../helpers/transportOptions';

/** Parameter builders shared by the customer operations, so each name means the same everywhere. */

export function emailProperty(description: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@example.com',
		required: true,
		default: '',
		description,
	};
}

/** The Create, Create or Update and Update operations, with the resourceMapper mode that fits each. */
export type CustomerWriteOperation = 'create' | 'upsert' | 'update';

const MAPPER_MODE = { create: 'add', upsert: 'upsert', update: 'update' } as const;

/**
 * Fields to Send, n8n's resourceMapper as in its database and Airtable nodes: Map Automatically takes
 * each field from the input item's key of the same name (no expression per item, so it is fast);
 * Map Each Column Manually sets each one, usually with an expression. The schema comes from
 * methods/resourceMapping.ts (the customer field list); tinyEmail always matches customers on Email.
 */
export function customerColumnsProperty(operation: CustomerWriteOperation): INodeProperties {
	return {
		displayName: 'Fields to Send',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: 'getCustomerFields',
				mode: MAPPER_MODE[operation],
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Customer to Match',
					description: 'tinyEmail identifies each customer by email',
				},
			},
		},
		description: 'Only the fields given are sent; tinyEmail keeps its stored value for the others',
	};
}

/**
 * In the tool variant only (n8n's `@tool` display option): Map Automatically would get no customer fields
 * from the agent, so the panel says what to do (the run says it too, see customerInput.ts). It cannot depend
 * on the mapping mode: n8n 1.x cannot resolve a display condition on `columns.mappingMode` (activation fails
 * with "Could not resolve parameter dependencies").
 */
export const toolAutoMapNotice: INodeProperties = {
	displayName:
		'In a tool, set Fields to Send to Map Each Column Manually and let the model define Email and each field it should fill (✨ next to the field): Map Automatically gets no fields from the AI agent',
	name: 'toolAutoMapNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
};

export type TagsMode = 'replace' | 'add';

export const tagsModeProperty: INodeProperties = {
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
			description: "The tags given become the customer's only tags",
		},
	],
	default: 'replace',
	description: 'What happens to the stored tags when Tags is set',
};

export const CUSTOMER_BATCH_SIZE: BatchSizeLimits = { default: 1000, max: 1000 };

export type UnknownFieldsPolicy = 'ignore' | 'warn' | 'error';

function unknownFieldsOption(): INodeProperties {
	return {
		displayName: 'Unknown Input Fields',
		name: 'unknownFields',
		type: 'options',
		options: [
			{
				name: 'Fail the Item',
				value: 'error',
				description: 'An item with such a field fails with an error naming it, and is not sent',
			},
			{
				name: 'Ignore',
				value: 'ignore',
				description: 'They are left out silently',
			},
			{
				name: 'Warn',
				value: 'warn',
				description: 'They are left out and named once in a hint on the node after the run',
			},
		],
		default: 'ignore',
		description:
			'With Map Automatically: what to do with input fields that are not tinyEmail customer fields (e.g. "first_name" instead of "firstName")',
	};
}

export const writeOptionsProperty: INodeProperties = transportOptionsProperty([
	batchSizeOption(CUSTOMER_BATCH_SIZE, 'How many customers to send to tinyEmail in one request'),
	emptyValuesOption(),
	unknownFieldsOption(),
]);
