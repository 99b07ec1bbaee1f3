import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBatchSize } from '../../helpers/batchSize';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { planMemberBatches, type MemberChange } from '../../helpers/audienceMembers';
import { sendMemberBatches, type MemberAction } from '../../helpers/memberSender';
import { MEMBER_BATCH_SIZE, readAudienceId, readMembers } from './properties';

/**
 * Add Customers and Remove Customers: read every item first, then send the changes of all items
 * grouped per audience in batches (PUT /audiences/{id}), then one output per item.
 */
export async function changeMembers(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcomes,
	action: MemberAction,
): Promise<void> {
	const changes: MemberChange[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const audienceId = readAudienceId(ctx, itemIndex);
		if (audienceId instanceof NodeOperationError) {
			outcomes.fail(itemIndex, audienceId);
			continue;
		}
		const members = readMembers(ctx, itemIndex, 'Customers', action === 'assign');
		if (members instanceof NodeOperationError) {
			outcomes.fail(itemIndex, members);
			continue;
		}
		if (members.length === 0) {
			outcomes.fail(
				itemIndex,
				new NodeOperationError(ctx.getNode(), `No customer email given in item ${itemIndex}`, {
					itemIndex,
					description: 'Set Customers to an email such as {{ $json.email }}, several emails separated by commas, or a list.',
				}),
			);
			continue;
		}
		changes.push({ itemIndex, audienceId, members });
	}

	const failed = await sendMemberBatches(ctx, planMemberBatches(changes, readBatchSize(ctx, MEMBER_BATCH_SIZE)), action, outcomes);
	for (const change of changes) {
		if (failed.has(change.itemIndex)) continue;
		outcomes.succeed(change.itemIndex, {
			audienceId: change.audienceId,
			emails: change.members.map((member) => member.email),
			[action === 'assign' ? 'added' : 'removed']: true,
		});
	}
}
