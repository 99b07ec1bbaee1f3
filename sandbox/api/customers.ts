// Customers: GET /account/customer/{email} and the batch upsert PUT /account/customer.
import { isPlainObject, json, message, parseJsonBody } from '../http';
import { validateItems } from '../customerValidation';
import { upsertCustomer } from '../customerUpsert';
import { memberRefusal } from '../memberRefusal';
import type { ApiContext, ApiRoute } from './route';

function getCustomer({ state, params }: ApiContext) {
	const email = params[0];
	const customer = state.store.getCustomer(email);
	if (customer) return json(200, customer);
	switch (state.settings.notFoundStyle) {
		case '400':
			return message(400, `Customer with email ${email} not found`);
		case 'empty200':
			return json(200, {});
		default:
			return message(404, 'Customer not found');
	}
}

function upsertCustomers(context: ApiContext) {
	const { state } = context;
	const parsed = parseJsonBody(context.request);
	if (!parsed.ok) return parsed.reply;
	const body = parsed.value;
	if (!isPlainObject(body) || !('updateMembers' in body)) return message(400, 'Request body must be {"updateMembers":[…]}');
	const unknown = Object.keys(body).filter((key) => key !== 'updateMembers');
	if (unknown.length > 0) return message(400, `Unknown field "${unknown[0]}" in request body`);
	if (Array.isArray(body.updateMembers)) {
		const size = body.updateMembers.length;
		context.note.batchSize = size;
		if (size > state.settings.batchLimit) {
			// The contract's wording; like every refusal for the whole request, it names no customer
			return message(400, `At most ${state.settings.batchLimit} members per request`);
		}
	}
	const validated = validateItems(body.updateMembers, 'updateMembers', 'customer', state.settings.namesRefusedCustomer);
	if (!validated.ok) return message(400, validated.message);
	const refusal = memberRefusal(
		state.settings,
		'updateMembers',
		validated.items.map((item) => item.email),
	);
	if (refusal) return message(400, refusal);
	// Everything is validated before the first write, so one bad item leaves the store untouched.
	let created = 0;
	let updated = 0;
	const now = state.now();
	for (const item of validated.items) {
		if (upsertCustomer(state.store, item, now)) created++;
		else updated++;
	}
	state.store.changed();
	state.log.countCustomerWrite();
	return json(200, { numberOfCreatedMembers: created, numberOfUpdatedMembers: updated });
}

export const customerRoutes: ApiRoute[] = [
	{ method: 'GET', pattern: /^\/account\/customer\/([^/]+)$/, customerScope: true, handle: getCustomer },
	{ method: 'PUT', pattern: /^\/account\/customer$/, customerScope: true, handle: upsertCustomers },
];
