import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { audienceLocator } from '../helpers/audienceLocator';
import { audienceNotFoundError, fetchMemberPage } from '../helpers/audiences';
import { pickedId } from '../helpers/pickedId';
import { pageMismatch } from '../transport/paging';
import { newestMember, type ReadMemberPage } from './memberPages';
import { baselineMembers, pollMembers, type MemberWatermark } from './memberWatermark';
import { showForEvent, type TriggerEvent } from './types';

const EVENT = 'newAudienceMember';

function audienceId(ctx: IPollFunctions): string {
	const id = pickedId(ctx.getNodeParameter('audience', '', { extractValue: true }));
	if (id === '') {
		throw new NodeOperationError(ctx.getNode(), 'No audience chosen', {
			description: 'Pick the audience to watch from the list, or give its ID.',
		});
	}
	return id;
}

function memberPages(ctx: IPollFunctions, audience: string): ReadMemberPage {
	return async (page, size) => {
		const answer = await fetchMemberPage(ctx, audience, page, size);
		if (!answer) throw audienceNotFoundError(ctx.getNode(), audience);
		// The watermark is a position in the list: a server that answers another page than asked cannot be trusted
		const refused = pageMismatch(answer, page, "of the audience's members");
		if (refused) throw new NodeOperationError(ctx.getNode(), refused.message, { description: refused.description });
		return answer;
	};
}

/** Someone joined the chosen audience; outputs the member as tinyEmail lists it. */
export const newAudienceMember: TriggerEvent = {
	option: { name: 'New Audience Member', value: EVENT, description: 'A customer joined an audience' },
	properties: [
		audienceLocator({
			name: 'audience',
			displayName: 'Audience',
			description: 'The audience to watch for new members',
			required: true,
			displayOptions: showForEvent(EVENT),
		}),
	],
	scope: audienceId,
	async poll(ctx, previous) {
		const read = memberPages(ctx, audienceId(ctx));
		const result = previous ? await pollMembers(read, previous as MemberWatermark) : await baselineMembers(read);
		return { items: result.newMembers, watermark: result.watermark };
	},
	async sample(ctx) {
		const audience = audienceId(ctx);
		const member: IDataObject | undefined = await newestMember(memberPages(ctx, audience));
		if (!member) {
			throw new NodeOperationError(ctx.getNode(), `The audience "${audience}" has no members to show as a test event`, {
				description: 'Add a customer to the audience in tinyEmail, then fetch the test event again.',
			});
		}
		return member;
	},
};
