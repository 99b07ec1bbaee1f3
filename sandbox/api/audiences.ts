// Audiences (called "contacts" on the read side): list, members by page (from 1), create, assign/unassign.
import { isPlainObject, json, message, noContent, parseJsonBody } from '../http';
import { validateItems, isValidEmail } from '../customerValidation';
import { upsertCustomer } from '../customerUpsert';
import { memberRefusal } from '../memberRefusal';
import { customerKey } from '../store';
import type { Customer } from '../types';
import { intQuery, type ApiContext, type ApiRoute } from './route';

const MAX_PAGE_SIZE = 1000;

function listAudiences({ state }: ApiContext) {
	const contacts = state.store.data.audiences.map(({ id, name, members }) => ({ id, name, numberOfMembers: members.length }));
	return json(200, { contacts });
}

function listMembers({ state, params, request }: ApiContext) {
	const audience = state.store.findAudience(params[0]);
	if (!audience) return message(404, `Audience ${params[0]} not found`);
	const page = intQuery(request.query, 'page', 1, 1);
	const size = intQuery(request.query, 'size', 1, 20);
	if (typeof page === 'string') return message(400, page);
	if (typeof size === 'string') return message(400, size);
	if (size > MAX_PAGE_SIZE) return message(400, `Query parameter "size" must be at most ${MAX_PAGE_SIZE}`);
	const start = (page - 1) * size;
	const content = audience.members
		.slice(start, start + size)
		.map((key) => state.store.data.customers[key])
		.filter((customer): customer is Customer => customer !== undefined);
	const totalElements = audience.members.length;
	return json(200, { members: { content, last: start + size >= totalElements, totalElements, number: page } });
}

/** Members are customers too: a member that is not yet a customer becomes one. */
function assign(context: ApiContext, members: Customer[]): string[] {
	const now = context.state.now();
	for (const member of members) upsertCustomer(context.state.store, member, now);
	return members.map((member) => customerKey(member.email));
}

function createAudience(context: ApiContext) {
	const parsed = parseJsonBody(context.request);
	if (!parsed.ok) return parsed.reply;
	const body = parsed.value;
	if (!isPlainObject(body)) return message(400, 'Request body must be a JSON object');
	const unknown = Object.keys(body).filter((key) => key !== 'name' && key !== 'members');
	if (unknown.length > 0) return message(400, `Unknown field "${unknown[0]}" in request body`);
	if (typeof body.name !== 'string' || body.name.trim() === '')
		return message(400, 'field "name" is required and must be a non-empty string');
	const validated = validateItems(body.members ?? [], 'members', 'member');
	if (!validated.ok) return message(400, validated.message);
	const refusal = memberRefusal(
		context.state.settings,
		'members',
		validated.items.map((item) => item.email),
	);
	if (refusal) return message(400, refusal);
	context.note.batchSize = validated.items.length;
	const keys = assign(context, validated.items);
	const audience = context.state.store.addAudience(body.name, keys);
	context.state.store.changed();
	return json(200, { id: audience.id });
}

function updateAudience(context: ApiContext) {
	const { state, params } = context;
	const audience = state.store.findAudience(params[0]);
	if (!audience) return message(404, `Audience ${params[0]} not found`);
	const parsed = parseJsonBody(context.request);
	if (!parsed.ok) return parsed.reply;
	const body = parsed.value;
	if (!isPlainObject(body)) return message(400, 'Request body must be a JSON object');
	const unknown = Object.keys(body).filter((key) => key !== 'assignMembers' && key !== 'unAssignMembers');
	if (unknown.length > 0) return message(400, `Unknown field "${unknown[0]}" in request body`);
	const validated = validateItems(body.assignMembers ?? [], 'assignMembers', 'member');
	if (!validated.ok) return message(400, validated.message);
	const removals: unknown = body.unAssignMembers ?? [];
	if (!Array.isArray(removals)) return message(400, '"unAssignMembers" must be an array of emails');
	for (let index = 0; index < removals.length; index++) {
		const email: unknown = removals[index];
		if (typeof email !== 'string' || !isValidEmail(email)) {
			// Like every refusal of one member, the message names it (contract)
			return message(400, `unAssignMembers[${index}]${typeof email === 'string' ? ` (${email})` : ''}: must be a valid email address`);
		}
	}
	context.note.batchSize = validated.items.length + removals.length;
	const refusal =
		memberRefusal(
			state.settings,
			'assignMembers',
			validated.items.map((item) => item.email),
		) ?? memberRefusal(state.settings, 'unAssignMembers', removals as string[]);
	if (refusal) return message(400, refusal);
	const added = assign(context, validated.items);
	const removed = new Set((removals as string[]).map(customerKey));
	audience.members = [...new Set([...audience.members, ...added])].filter((key) => !removed.has(key));
	state.store.changed();
	return noContent();
}

export const audienceRoutes: ApiRoute[] = [
	{ method: 'GET', pattern: /^\/contacts$/, customerScope: false, handle: listAudiences },
	{ method: 'GET', pattern: /^\/contacts\/([^/]+)\/members$/, customerScope: false, handle: listMembers },
	{ method: 'POST', pattern: /^\/audiences$/, customerScope: false, handle: createAudience },
	{ method: 'PUT', pattern: /^\/audiences\/([^/]+)$/, customerScope: false, handle: updateAudience },
];
