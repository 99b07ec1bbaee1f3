import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { pickFields, readLimit, returnAllAndLimit, simplifyProperty } from '../../helpers/listing';
import { collectPages } from '../../transport/paging';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import { audienceNotFoundError, fetchMemberPage } from '../../helpers/audiences';
import { audienceProperty, readAudienceId } from './properties';

const properties: INodeProperties[] = [
	audienceProperty('The audience whose customers to list'),
	...returnAllAndLimit,
	simplifyProperty,
	transportOptionsProperty(),
];

export const description = showOnlyFor('audience', 'getMembers', properties);

/** The fields kept by Simplify. */
export const SIMPLE_MEMBER_FIELDS = ['email', 'firstName', 'lastName', 'status', 'tags'];

export function simplifyMember(member: IDataObject): IDataObject {
	return pickFields(member, SIMPLE_MEMBER_FIELDS);
}

/** Reads an audience's customers page by page (pages from 1); one output item per customer. */
export async function execute(ctx: IExecuteFunctions, _items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	await outcomes.forEachItem(async (itemIndex) => {
		const audienceId = readAudienceId(ctx, itemIndex);
		if (audienceId instanceof NodeOperationError) throw audienceId;
		const members = await collectPages(
			async (page, size) => {
				const answer = await fetchMemberPage(ctx, audienceId, page, size, itemIndex);
				if (!answer) throw audienceNotFoundError(ctx.getNode(), audienceId, itemIndex);
				return answer;
			},
			1,
			readLimit(ctx, itemIndex),
			itemIndex,
		);
		const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
		outcomes.succeedMany(itemIndex, simplify ? members.map(simplifyMember) : members);
	});
}
