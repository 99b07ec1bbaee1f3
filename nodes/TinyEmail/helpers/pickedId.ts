import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A picked ID as text: what `getNodeParameter(name, itemIndex, '', { extractValue: true })` gives for a
 * resource locator (its value, in any mode), or a plain expression result. Trimmed; '' when empty or not a
 * scalar (an expression that returned an object picks nothing).
 */
export function pickedId(value: unknown): string {
	return value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
}

/** A required top-level picker's ID for one item, or an error naming the item; `what` reads e.g. "an audience". */
export function readPickedId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, what: string): string | NodeOperationError {
	const id = pickedId(ctx.getNodeParameter(parameter, itemIndex, '', { extractValue: true }));
	if (id !== '') return id;
	return new NodeOperationError(ctx.getNode(), `No ${parameter} chosen in item ${itemIndex}`, {
		itemIndex,
		description: `Pick ${what} from the list, or give its ID.`,
	});
}
