import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from '../../helpers/customerFields';
import { asObjects } from '../../helpers/listing';
import type { RequestContext } from '../../transport/context';
import { tinyEmailApiRequest } from '../../transport/request';

/** The audience requests several operations and the pickers share: list all, create one. */

/** An audience as GET /contacts lists it. */
export interface AudienceSummary extends IDataObject {
	id: string;
	name: string;
	numberOfMembers?: number;
}

/** GET /contacts: every audience of the account. */
export async function fetchAudiences(ctx: RequestContext, itemIndex?: number): Promise<AudienceSummary[]> {
	const body = (await tinyEmailApiRequest(ctx, 'GET', '/contacts', { itemIndex })) as IDataObject | undefined;
	return asObjects(body?.contacts).map((contact) => ({
		...contact,
		id: String(contact.id),
		name: typeof contact.name === 'string' ? contact.name : '',
	}));
}

/**
 * POST /audiences (never repeated: a second POST would create a second audience): creates the audience
 * with these members and returns its ID. An answer without an ID is an error, since the audience may exist.
 */
export async function createAudience(
	ctx: RequestContext,
	name: string,
	members: TinyEmailCustomer[],
	itemIndex: number,
): Promise<string> {
	const body = (await tinyEmailApiRequest(ctx, 'POST', '/audiences', {
		body: { name: name.trim(), members },
		itemIndex,
		idempotent: false,
	})) as IDataObject | undefined;
	if (body?.id === undefined || body.id === null || body.id === '') {
		throw new NodeOperationError(ctx.getNode(), `tinyEmail did not return the ID of the new audience "${name}"`, {
			itemIndex,
			description: 'The audience may have been created; check tinyEmail before running again.',
		});
	}
	return String(body.id);
}

export function audiencePath(id: string): string {
	return `/audiences/${encodeURIComponent(id)}`;
}
