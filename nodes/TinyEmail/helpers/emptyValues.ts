import type { INodeProperties } from 'n8n-workflow';

/**
 * Options › Empty Values of the customer writes: what an empty input value (nothing, "", only spaces,
 * an empty list) means. "keep": the field is not sent, tinyEmail keeps its stored value. "clear": the
 * field is sent empty, which clears it in tinyEmail ("" for a text or date field, [] for the tags).
 * Status cannot be cleared in tinyEmail: an empty Status is never sent.
 */
export type EmptyValues = 'keep' | 'clear';

export function emptyValuesOption(): INodeProperties {
	return {
		displayName: 'Empty Values',
		name: 'emptyValues',
		type: 'options',
		options: [
			{
				name: 'Clear the Field',
				value: 'clear',
				description:
					'An empty value clears the field in tinyEmail; empty Tags remove every tag (with Tags Mode Add to Existing they add nothing). An empty Status keeps the stored status, which cannot be cleared.',
			},
			{
				name: 'Keep Stored Value',
				value: 'keep',
				description: 'An empty value is not sent: tinyEmail keeps what it has',
			},
		],
		default: 'keep',
		description:
			'What an empty input value (empty text, null, an empty list) does to the field. With Map Each Column Manually, every field listed is sent: remove the ones not to change. With Map Automatically, input fields that are missing are never sent.',
	};
}

export function readEmptyValues(value: unknown): EmptyValues {
	return value === 'clear' ? 'clear' : 'keep';
}

/**
 * What to send for an empty value of this customer field under "clear" (undefined: send nothing). Takes
 * the field's name and input kind only, so that customerFields.ts can call it without an import cycle.
 */
export function clearedValue(field: { name: string; input: string }): string | string[] | undefined {
	if (field.input === 'status') return undefined;
	return field.name === 'tags' ? [] : '';
}
