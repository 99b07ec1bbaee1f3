import type { IDataObject, INodeProperties, ResourceMapperField } from 'n8n-workflow';

import {
	checkCurrency,
	checkDate,
	checkPrice,
	checkStatus,
	checkTags,
	checkText,
	CUSTOMER_STATUSES,
	isProblem,
	isUnset,
	type Checked,
	type Problem,
} from './validation';
import { clearedValue, type EmptyValues } from './emptyValues';

/** A customer as tinyEmail stores it (email is the key). */
export interface TinyEmailCustomer extends IDataObject {
	email: string;
}

/**
 * Every writable customer field, declared once. The list drives the parameters the user sees
 * (Fields to Send of the customer writes, Customer Fields of the audience writes), the keys
 * Map Automatically takes from input items, and the request body the node sends.
 */
export interface CustomerFieldSpec {
	/** Name in tinyEmail's API and in the node's parameters. */
	name: string;
	displayName: string;
	input: 'string' | 'dateTime' | 'status';
	description?: string;
	placeholder?: string;
	check: (raw: unknown) => Checked<string | string[]>;
}

export const CUSTOMER_FIELDS: readonly CustomerFieldSpec[] = [
	{ name: 'firstName', displayName: 'First Name', input: 'string', check: checkText },
	{ name: 'lastName', displayName: 'Last Name', input: 'string', check: checkText },
	{
		name: 'source',
		displayName: 'Source',
		input: 'string',
		description: 'Where the customer came from',
		placeholder: 'e.g. Website signup',
		check: checkText,
	},
	{
		name: 'status',
		displayName: 'Status',
		input: 'status',
		description: 'Subscription status. Leave out to keep the stored one (an upsert never re-subscribes by itself).',
		check: checkStatus,
	},
	{ name: 'birthday', displayName: 'Birthday', input: 'dateTime', description: 'Sent as YYYY-MM-DD', check: checkDate },
	{
		name: 'tags',
		displayName: 'Tags',
		input: 'string',
		description: 'Comma-separated tags; an expression may also return a list. See Tags Mode for replace or add.',
		placeholder: 'e.g. vip, newsletter',
		check: checkTags,
	},
	{
		name: 'currency',
		displayName: 'Currency',
		input: 'string',
		description: 'Three-letter code',
		placeholder: 'e.g. USD',
		check: checkCurrency,
	},
	{ name: 'country', displayName: 'Country', input: 'string', placeholder: 'e.g. United States', check: checkText },
	{ name: 'province', displayName: 'Province', input: 'string', description: 'Province or state', check: checkText },
	{ name: 'city', displayName: 'City', input: 'string', check: checkText },
	{ name: 'address1', displayName: 'Address Line 1', input: 'string', check: checkText },
	{ name: 'address2', displayName: 'Address Line 2', input: 'string', check: checkText },
	{ name: 'phone', displayName: 'Phone', input: 'string', placeholder: 'e.g. +1 555 0100', check: checkText },
	{ name: 'postalCode', displayName: 'Postal Code', input: 'string', check: checkText },
	{ name: 'company', displayName: 'Company', input: 'string', check: checkText },
	{ name: 'lastPurchaseOrder', displayName: 'Last Purchase Order', input: 'string', check: checkText },
	{
		name: 'lastPurchasePrice',
		displayName: 'Last Purchase Price',
		input: 'string',
		description: 'A number; sent to tinyEmail as text',
		placeholder: 'e.g. 35.00',
		check: checkPrice,
	},
	{ name: 'latestOrderId', displayName: 'Latest Order ID', input: 'string', check: checkText },
	{ name: 'lastPurchaseDate', displayName: 'Last Purchase Date', input: 'dateTime', description: 'Sent as YYYY-MM-DD', check: checkDate },
];

/** The collection options, sorted A–Z as n8n's UI guidelines ask. */
export function customerFieldOptions(): INodeProperties[] {
	return [...CUSTOMER_FIELDS]
		.sort((a, b) => a.displayName.localeCompare(b.displayName))
		.map((field) => {
			const property: INodeProperties = {
				displayName: field.displayName,
				name: field.name,
				type: field.input === 'status' ? 'options' : field.input,
				default: field.input === 'status' ? 'Subscribed' : '',
			};
			if (field.input === 'status') {
				property.options = CUSTOMER_STATUSES.map((status) => ({ name: status, value: status }));
			}
			if (field.description) property.description = field.description;
			if (field.placeholder) property.placeholder = field.placeholder;
			return property;
		});
}

/**
 * The schema of the Fields to Send parameter (a resourceMapper): Email, the key tinyEmail matches
 * customers on, then every field A–Z, with the same inputs as the collections (Status a dropdown,
 * dates a date picker). The node's own checks (below) decide what is valid, in both mapping modes.
 */
export function customerFieldSchema(): ResourceMapperField[] {
	const email: ResourceMapperField = {
		id: 'email',
		displayName: 'Email',
		required: true,
		defaultMatch: true,
		canBeUsedToMatch: true,
		display: true,
		type: 'string',
	};
	const fields = [...CUSTOMER_FIELDS]
		.sort((a, b) => a.displayName.localeCompare(b.displayName))
		.map((field): ResourceMapperField => {
			const entry: ResourceMapperField = {
				id: field.name,
				displayName: field.displayName,
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: field.input === 'status' ? 'options' : field.input,
			};
			if (field.input === 'status') entry.options = CUSTOMER_STATUSES.map((status) => ({ name: status, value: status }));
			return entry;
		});
	return [email, ...fields];
}

/** Keys a customer item may carry: email and every writable field. */
export const CUSTOMER_KEYS: ReadonlySet<string> = new Set(['email', ...CUSTOMER_FIELDS.map((field) => field.name)]);

/** The customer key an unknown key probably meant (same letters, other case or separators), if any. */
export function likelyCustomerKey(key: string): string | undefined {
	const bare = (text: string) => text.toLowerCase().replace(/[\s_-]/g, '');
	return [...CUSTOMER_KEYS].find((known) => bare(known) === bare(key));
}

export interface FieldProblem extends Problem {
	field: CustomerFieldSpec;
	value: unknown;
}

/**
 * Turns the user's collection into the fields to send: only set fields, normalised.
 * Unknown keys are ignored. Returns the first problem instead when a value is invalid.
 * An empty value (see isUnset, or what normalises to "" or []) is left out, or with Empty Values
 * "clear" sent as the value that clears the field (a key the input does not have is never sent).
 */
export function customerFieldsFromInput(input: IDataObject, emptyValues: EmptyValues = 'keep'): { fields: IDataObject } | FieldProblem {
	const fields: IDataObject = {};
	for (const field of CUSTOMER_FIELDS) {
		if (!(field.name in input)) continue;
		const raw = input[field.name];
		let value: string | string[] | undefined;
		if (!isUnset(raw)) {
			const checked = field.check(raw);
			if (isProblem(checked)) return { ...checked, field, value: raw };
			value = checked.value;
		}
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
			value = emptyValues === 'clear' ? clearedValue(field) : undefined;
		}
		if (value !== undefined) fields[field.name] = value;
	}
	return { fields };
}

export function isFieldProblem(result: { fields: IDataObject } | FieldProblem): result is FieldProblem {
	return (result as FieldProblem).problem !== undefined;
}
