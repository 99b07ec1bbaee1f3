import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { customerFieldsFromInput, isFieldProblem } from '../../helpers/customerFields';
import { checkEmail, isProblem } from '../../helpers/validation';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import type { TagsMode } from './properties';

/** One item's validated request: what the user asked the node to do with one customer. */
export interface CustomerInput {
	itemIndex: number;
	email: string;
	/** Normalised fields to send (only the ones the user set). */
	fields: IDataObject;
	tagsMode: TagsMode;
}

/**
 * Reads and validates every item before any request is made. Invalid items are failed
 * (which stops the run unless Continue On Fail is on); the valid ones are returned in input order.
 */
export function readCustomerInputs(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcomes,
	fieldsParameter?: 'additionalFields' | 'updateFields',
	withTagsMode = false,
): CustomerInput[] {
	const inputs: CustomerInput[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = readOne(ctx, itemIndex, fieldsParameter, withTagsMode);
		if (input instanceof NodeOperationError) outcomes.fail(itemIndex, input);
		else inputs.push(input);
	}
	return inputs;
}

function readOne(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fieldsParameter: 'additionalFields' | 'updateFields' | undefined,
	withTagsMode: boolean,
): CustomerInput | NodeOperationError {
	const rawEmail = ctx.getNodeParameter('email', itemIndex, '') as unknown;
	const email = checkEmail(rawEmail);
	if (isProblem(email)) {
		const shown = typeof rawEmail === 'string' && rawEmail.trim() !== '' ? ` "${rawEmail}"` : '';
		return new NodeOperationError(ctx.getNode(), `The email${shown} in item ${itemIndex} ${email.problem}`, {
			itemIndex,
			description: email.fix,
		});
	}
	let fields: IDataObject = {};
	if (fieldsParameter) {
		const collection = ctx.getNodeParameter(fieldsParameter, itemIndex, {}) as IDataObject;
		const result = customerFieldsFromInput(collection);
		if (isFieldProblem(result)) {
			return new NodeOperationError(
				ctx.getNode(),
				`The ${result.field.displayName} "${describe(result.value)}" in item ${itemIndex} ${result.problem}`,
				{ itemIndex, description: result.fix },
			);
		}
		fields = result.fields;
	}
	const tagsMode = withTagsMode ? (ctx.getNodeParameter('tagsMode', itemIndex, 'replace') as TagsMode) : 'replace';
	return { itemIndex, email: email.value, fields, tagsMode };
}

function describe(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
