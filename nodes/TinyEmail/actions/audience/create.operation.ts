import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { checkEveryItem } from '../../helpers/checkEveryItem';
import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { createAudience } from '../../helpers/audiences';
import { planMemberBatches } from '../../helpers/audienceMembers';
import { sendMemberBatches } from '../../helpers/memberSender';
import { customersProperty, memberFieldsProperty, MEMBER_BATCH_SIZE, readMembers } from './properties';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Spring sale 2025',
		description: 'Name of the new audience (tinyEmail allows several audiences with the same name)',
	},
	customersProperty(
		'Initial Customers',
		'Customers to put in the new audience: emails separated by commas, or a list from an expression (emails, or objects with an email and customer fields such as firstName). Leave empty for an empty audience.',
		false,
	),
	memberFieldsProperty,
	transportOptionsProperty(),
];

export const description = showOnlyFor('audience', 'create', properties);

/** One item's checked request: the new audience's name and its initial customers. */
interface PlannedAudience {
	itemIndex: number;
	name: string;
	members: TinyEmailCustomer[];
}

function readItem(ctx: IExecuteFunctions, itemIndex: number): PlannedAudience | NodeOperationError {
	const name = String(ctx.getNodeParameter('name', itemIndex, '') ?? '').trim();
	if (name === '') {
		return new NodeOperationError(ctx.getNode(), `The audience name in item ${itemIndex} is empty`, {
			itemIndex,
			description: 'Set Name to the name the new audience should have.',
		});
	}
	const members = readMembers(ctx, itemIndex, 'Initial Customers', true);
	if (members instanceof NodeOperationError) return members;
	return { itemIndex, name, members };
}

/**
 * Creates one audience per input item (POST /audiences, never repeated), with its initial customers.
 * Every item is read and checked before the first POST, so a bad item stops the run before anything
 * is created (without Continue On Fail) and a re-run does not duplicate audiences.
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const planned = await checkEveryItem(items.length, outcomes, (itemIndex) => readItem(ctx, itemIndex));
	for (const { itemIndex, name, members } of planned) {
		// tinyEmail's limit on one request is undocumented: create with the first batch, add the rest afterwards
		const first = members.slice(0, MEMBER_BATCH_SIZE.max);
		const id = await outcomes.attempt(itemIndex, async () => await createAudience(ctx, name, first, itemIndex));
		if (id === undefined) continue;
		const rest = members.slice(MEMBER_BATCH_SIZE.max);
		if (rest.length > 0) {
			const batches = planMemberBatches([{ itemIndex, audienceId: id, members: rest }], MEMBER_BATCH_SIZE.max);
			const failed = await sendMemberBatches(
				ctx,
				batches,
				'assign',
				outcomes,
				(error) =>
					new NodeOperationError(
						ctx.getNode(),
						`The audience "${name}" was created (ID ${id}), but adding its customers beyond the first ${MEMBER_BATCH_SIZE.max} failed (item ${itemIndex}): ${asItemError(ctx.getNode(), error).message}`,
						{ itemIndex, description: 'Use Audience > Add Customers with this ID to add the remaining customers.' },
					),
			);
			if (failed.has(itemIndex)) continue;
		}
		outcomes.succeed(itemIndex, { id, name, numberOfMembers: members.length });
	}
}
