import type { IDataObject, INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

import { pickedId } from './pickedId';
import { fromListMode } from './pickerModes';

/** How an audience was picked: from the list or by ID (both give the ID), or by name (looked up). */
export interface AudienceRef {
	mode: 'id' | 'name';
	value: string;
}

const ID_MODE = {
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: 'e.g. 5f0c6a52-7d1e-4b8e-9a49-2b0d1c3e4f5a',
	validation: [
		{
			type: 'regex',
			properties: { regex: '\\S+', errorMessage: 'Enter the ID of an audience' },
		} as INodePropertyModeValidation,
	],
};

const LIST_MODE = fromListMode('searchAudiences', 'Select an audience...');

const NAME_MODE = {
	displayName: 'By Name',
	name: 'name',
	type: 'string' as const,
	placeholder: 'e.g. Newsletter',
};

/** The Audience picker: From List (searchable) or By ID; `withName` adds By Name. */
export function audienceLocator(options: {
	name: string;
	displayName: string;
	description: string;
	required?: boolean;
	withName?: boolean;
	displayOptions?: INodeProperties['displayOptions'];
}): INodeProperties {
	const property: INodeProperties = {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: options.description,
		modes: options.withName ? [LIST_MODE, ID_MODE, NAME_MODE] : [LIST_MODE, ID_MODE],
	};
	if (options.required) property.required = true;
	if (options.displayOptions) property.displayOptions = options.displayOptions;
	return property;
}

/**
 * Several audiences: a list of pickers. (A resource locator holds one value, so the
 * multiple values live in a fixed collection, one picker per entry.)
 */
export function audiencesCollection(options: {
	name: string;
	displayName: string;
	description: string;
	withName?: boolean;
	displayOptions: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Audience',
		default: {},
		description: options.description,
		displayOptions: options.displayOptions,
		options: [
			{
				displayName: 'Audience',
				name: 'audience',
				values: [
					audienceLocator({
						name: 'audience',
						displayName: 'Audience',
						description: options.withName ? 'The audience: from the list, by ID, or by name' : 'The audience: from the list or by ID',
						withName: options.withName,
					}),
				],
			},
		],
	};
}

/**
 * A picker inside an Audiences collection (or a plain text from an expression) as a reference; undefined
 * when empty. Read whole, not with extractValue, because By Name needs the mode as well as the value.
 */
export function toAudienceRef(raw: unknown): AudienceRef | undefined {
	let mode = 'id';
	let value: unknown = raw;
	if (raw && typeof raw === 'object' && 'value' in raw) {
		mode = String((raw as IDataObject).mode ?? 'id');
		value = (raw as IDataObject).value;
	}
	const text = pickedId(value);
	if (text === '') return undefined;
	return { mode: mode === 'name' ? 'name' : 'id', value: text };
}

/** The references in an audiences fixed collection, in order, without repeats. */
export function audienceRefsFromCollection(raw: unknown): AudienceRef[] {
	const entries = raw && typeof raw === 'object' ? (raw as IDataObject).audience : undefined;
	const list = Array.isArray(entries) ? entries : entries ? [entries] : [];
	const refs: AudienceRef[] = [];
	for (const entry of list) {
		const ref = toAudienceRef(entry && typeof entry === 'object' ? (entry as IDataObject).audience : undefined);
		if (ref && !refs.some((known) => known.mode === ref.mode && sameName(known.value, ref.value, ref.mode))) refs.push(ref);
	}
	return refs;
}

function sameName(a: string, b: string, mode: AudienceRef['mode']): boolean {
	return mode === 'name' ? nameKey(a) === nameKey(b) : a === b;
}

/** Names are matched trimmed and case-insensitively. */
export function nameKey(name: string): string {
	return name.trim().toLowerCase();
}
