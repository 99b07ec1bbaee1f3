// POST /__sandbox/seed: checks the seed body, then seeds through SandboxControl and answers with the new ids.
import type { Customer, SandboxControl } from './types';
import type { Reply } from './http';
import { isPlainObject, json, message } from './http';

export function seed(control: SandboxControl, body: Record<string, unknown>): Reply {
	const ids: { audiences: string[]; campaigns: string[]; senders: string[] } = { audiences: [], campaigns: [], senders: [] };
	const customers = body.customers ?? [];
	if (!Array.isArray(customers) || !customers.every((customer) => isPlainObject(customer) && typeof customer.email === 'string')) {
		return message(400, '"customers" must be an array of objects with an email');
	}
	for (const key of ['audiences', 'campaigns', 'senders']) {
		const list = body[key] ?? [];
		if (!Array.isArray(list) || !list.every(isPlainObject)) return message(400, `"${key}" must be an array of objects`);
	}
	const audiences = (body.audiences ?? []) as Array<Record<string, unknown>>;
	if (!audiences.every((audience) => typeof audience.name === 'string')) return message(400, 'every audience needs a "name"');
	control.seedCustomers(customers as Customer[]);
	for (const sender of (body.senders ?? []) as Array<Record<string, unknown>>) ids.senders.push(control.seedSender(sender));
	for (const audience of audiences) {
		ids.audiences.push(control.seedAudience(audience as { id?: string; name: string; members?: string[] }));
	}
	for (const campaign of (body.campaigns ?? []) as Array<Record<string, unknown>>) ids.campaigns.push(control.seedCampaign(campaign));
	return json(200, ids);
}
