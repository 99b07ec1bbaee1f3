import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TinyEmailCustomer } from './customerFields';
import { asObjects } from './listing';
import type { RequestContext } from '../transport/context';
import { lastFlag, pageNumber, totalCount, type Page } from '../transport/paging';
import { tinyEmailApiRequest } from '../transport/request';

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
 * GET /contacts/{id}/members: one page of an audience's members (pages from 1, oldest member first), with
 * the total and the page number tinyEmail answered. Undefined when tinyEmail does not know the audience.
 */
export async function fetchMemberPage(
	ctx: RequestContext,
	audienceId: string,
	page: number,
	size: number,
	itemIndex?: number,
): Promise<Page<IDataObject> | undefined> {
	const body = (await tinyEmailApiRequest(ctx, 'GET', `/contacts/${encodeURIComponent(audienceId)}/members`, {
		qs: { page, size },
		itemIndex,
		notFoundAsUndefined: true,
	})) as IDataObject | undefined;
	if (body === undefined) return undefined;
	const slice = (body.members ?? {}) as IDataObject;
	return {
		items: asObjects(slice.content),
		last: lastFlag(slice.last),
		totalElements: totalCount(slice.totalElements),
		number: pageNumber(slice.number),
	};
}

/** The error for an audience ID tinyEmail does not know (deleted, or a wrong ID). */
export function audienceNotFoundError(node: INode, audienceId: string, itemIndex?: number): NodeOperationError {
	const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
	return new NodeOperationError(node, `The audience "${audienceId}" was not found in tinyEmail${where}`, {
		itemIndex,
		description: 'It may have been deleted. Check the ID, or pick the audience from the list.',
	});
}

/**
 * POST /audiences (never repeated: a second POST would create a second audience): creates the audience
 * with these members and returns its ID. An answer without an ID is an error, since the audience may exist.
 */
export async function createAudience(ctx: RequestContext, name: string, members: TinyEmailCustomer[], itemIndex: number): Promise<string> {
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
