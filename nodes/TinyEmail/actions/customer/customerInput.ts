import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkEveryItem } from '../../helpers/checkEveryItem';
import { readEmptyValues } from '../../helpers/emptyValues';
import { CUSTOMER_KEYS, customerFieldsFromInput, isFieldProblem, likelyCustomerKey } from '../../helpers/customerFields';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { holdsExpression, parameterPerItem } from '../../helpers/parameterPerItem';
import { runsAsTool } from '../../helpers/toolRun';
import { checkEmail, isProblem, type Problem } from '../../helpers/validation';
import { shorten } from '../../transport/shorten';
import type { TagsMode, UnknownFieldsPolicy } from './properties';

/** One item's validated request: what the user asked the node to do with one customer. */
export interface CustomerInput {
	itemIndex: number;
	email: string;
	/** Normalised fields to send (only the ones the user set). */
	fields: IDataObject;
	tagsMode: TagsMode;
}

/** Get: the Email parameter of every item, checked before any request. */
export async function readEmailInputs(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcomes,
): Promise<Array<{ itemIndex: number; email: string }>> {
	return await checkEveryItem(items.length, outcomes, (itemIndex) => {
		const raw = ctx.getNodeParameter('email', itemIndex, '') as unknown;
		const email = checkEmail(raw);
		return isProblem(email) ? emailError(ctx, itemIndex, raw, email) : { itemIndex, email: email.value };
	});
}

/**
 * Map Automatically in a tool: n8n asks the agent only for the values of $fromAI() expressions, so the
 * tool's input holds no customer fields; the node says so before any request instead of guessing.
 */
function autoMapInToolError(ctx: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'Fields to Send is set to Map Automatically, which gets no customer fields in a tool', {
		description:
			'An AI agent or MCP client only fills the values defined with $fromAI(). Set Fields to Send to Map Each Column Manually and let the model define Email and each field it should fill (the ✨ button next to the field).',
	});
}

/**
 * Create, Create or Update and Update: every item's Fields to Send, checked before any request.
 * Invalid items are failed (which stops the run unless Continue On Fail is on); the valid ones are
 * returned in input order. Map Automatically takes the fields straight from each item's JSON, so it
 * resolves no expression per item; Map Each Column Manually resolves the mapped expressions per item.
 */
export async function readCustomerInputs(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcomes,
	withTagsMode = false,
): Promise<CustomerInput[]> {
	const autoMap = ctx.getNodeParameter('columns.mappingMode', 0, 'defineBelow') === 'autoMapInputData';
	if (autoMap && runsAsTool(ctx.getNode())) throw autoMapInToolError(ctx);
	const tagsMode = withTagsMode ? parameterPerItem<TagsMode>(ctx, 'tagsMode', 'replace') : () => 'replace' as const;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const unknownKeys = new UnknownKeys(autoMap ? unknownFieldsPolicy(options.unknownFields) : 'ignore');
	const emptyValues = readEmptyValues(options.emptyValues);
	const mapped = autoMap ? undefined : manualMapping(ctx);

	const inputs = await checkEveryItem(items.length, outcomes, (itemIndex): CustomerInput | NodeOperationError => {
		const values = mapped ? mapped(itemIndex) : items[itemIndex].json;
		if (values instanceof NodeOperationError) return values;
		const unknown = unknownKeys.check(values);
		if (unknown) return unknownFieldsError(ctx, itemIndex, unknown);
		if (autoMap && values.email === undefined) {
			return new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no "email" field`, {
				itemIndex,
				description:
					'Map Automatically takes each customer field from the input field of the same name (email, firstName, …). Add or rename the field before this node, e.g. with an Edit Fields node, or choose Map Each Column Manually.',
			});
		}
		const email = checkEmail(values.email);
		if (isProblem(email)) return emailError(ctx, itemIndex, values.email, email);
		const result = customerFieldsFromInput(values, emptyValues);
		if (isFieldProblem(result)) {
			return new NodeOperationError(
				ctx.getNode(),
				`The ${result.field.displayName} "${describe(result.value)}" in item ${itemIndex} ${result.problem}`,
				{ itemIndex, description: result.fix },
			);
		}
		const itemTagsMode = tagsMode(itemIndex);
		// Add to Existing never removes a tag: an empty list (cleared under Empty Values "clear") adds nothing
		if (itemTagsMode === 'add' && Array.isArray(result.fields.tags) && result.fields.tags.length === 0) delete result.fields.tags;
		return { itemIndex, email: email.value, fields: result.fields, tagsMode: itemTagsMode };
	});
	unknownKeys.reportOnce(ctx);
	return inputs;
}

/**
 * Map Each Column Manually: each item's mapped values. Fixed values are taken once; only fields holding an
 * expression are resolved per item, one by one ("columns.value.<field>"). That costs just the expressions,
 * and skips n8n's type conversion of "columns.value" (which would, e.g., turn the date 2023-02-30 into
 * March 2): the node's own checks decide, the same way in both modes.
 */
function manualMapping(ctx: IExecuteFunctions): (itemIndex: number) => IDataObject | NodeOperationError {
	const stored = ((ctx.getNode().parameters.columns as IDataObject | undefined)?.value ?? {}) as IDataObject;
	const fixed: IDataObject = {};
	const expressions: string[] = [];
	for (const [key, value] of Object.entries(stored)) {
		if (!CUSTOMER_KEYS.has(key)) continue;
		if (holdsExpression(value)) expressions.push(key);
		else fixed[key] = value;
	}
	return (itemIndex) => {
		const values: IDataObject = { ...fixed };
		try {
			for (const key of expressions) values[key] = ctx.getNodeParameter(`columns.value.${key}`, itemIndex) as IDataObject[string];
		} catch (error) {
			const { message, description } = error as { message?: string; description?: string };
			return new NodeOperationError(ctx.getNode(), message ?? String(error), { itemIndex, description });
		}
		return values;
	};
}

function emailError(ctx: IExecuteFunctions, itemIndex: number, raw: unknown, problem: Problem): NodeOperationError {
	const shown = typeof raw === 'string' && raw.trim() !== '' ? ` "${raw}"` : '';
	return new NodeOperationError(ctx.getNode(), `The email${shown} in item ${itemIndex} ${problem.problem}`, {
		itemIndex,
		description: problem.fix,
	});
}

function unknownFieldsPolicy(value: unknown): UnknownFieldsPolicy {
	return value === 'warn' || value === 'error' ? value : 'ignore';
}

/** Input keys Map Automatically leaves out, and what the Unknown Input Fields option does about them. */
class UnknownKeys {
	/** Items per unknown key, for the one hint of "Warn". */
	private readonly seen = new Map<string, number>();

	constructor(private readonly policy: UnknownFieldsPolicy) {}

	/** The item's unknown keys when they make it fail ("Fail the Item"), else undefined. */
	check(values: IDataObject): string[] | undefined {
		if (this.policy === 'ignore') return undefined;
		const unknown = Object.keys(values).filter((key) => !CUSTOMER_KEYS.has(key));
		if (unknown.length === 0) return undefined;
		if (this.policy === 'error') return unknown;
		for (const key of unknown) this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
		return undefined;
	}

	reportOnce(ctx: IExecuteFunctions): void {
		if (this.seen.size === 0) return;
		const named = [...this.seen].map(([key, items]) => `${unknownFieldLabel(key)} (${items} item${items === 1 ? '' : 's'})`);
		ctx.addExecutionHints({
			message: `Map Automatically left out input fields that are not tinyEmail customer fields: ${named.join(', ')}. Rename them before this node (e.g. with an Edit Fields node) to send them.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
}

function unknownFieldsError(ctx: IExecuteFunctions, itemIndex: number, keys: string[]): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Item ${itemIndex} has input fields that are not tinyEmail customer fields: ${keys.map(unknownFieldLabel).join(', ')}`,
		{
			itemIndex,
			description:
				'Rename or remove them before this node (e.g. with an Edit Fields node), or set Options › Unknown Input Fields to Ignore.',
		},
	);
}

function unknownFieldLabel(key: string): string {
	const meant = likelyCustomerKey(key);
	return meant ? `"${key}" (did you mean "${meant}"?)` : `"${key}"`;
}

function describe(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return shorten(text);
}
