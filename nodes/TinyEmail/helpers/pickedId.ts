/**
 * A picked ID as text: what `getNodeParameter(name, itemIndex, '', { extractValue: true })` gives for a
 * resource locator (its value, in any mode), or a plain expression result. Trimmed; '' when empty or not a
 * scalar (an expression that returned an object picks nothing).
 */
export function pickedId(value: unknown): string {
	return value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
}
