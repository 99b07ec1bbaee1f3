// The HTTP control surface under /__sandbox/: each route calls the SandboxControl (controls.ts).
import type { FaultRule, SandboxControl } from './types';
import type { ParsedRequest, Reply } from './http';
import { isPlainObject, json, message, parseJsonBody } from './http';
import type { SandboxState } from './state';
import { validateFaultRule } from './faults';
import { applySettings } from './settings';
import { seed } from './seeding';

export const CONTROL_PREFIX = '/__sandbox';

export function handleControl(control: SandboxControl, state: SandboxState, request: ParsedRequest): Reply {
	const route = request.path.slice(CONTROL_PREFIX.length);
	const { method } = request;
	const readObject = (): { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply } => {
		if (request.rawBody.trim() === '') return { ok: true, value: {} };
		const parsed = parseJsonBody(request);
		if (!parsed.ok) return parsed;
		return isPlainObject(parsed.value)
			? { ok: true, value: parsed.value }
			: { ok: false, reply: message(400, 'Body must be a JSON object') };
	};
	const only = (allowed: string, run: () => Reply): Reply =>
		method === allowed ? run() : json(405, { message: `Use ${allowed} for ${request.path}` }, { allow: allowed });
	const withBody = (allowed: string, run: (body: Record<string, unknown>) => Reply): Reply =>
		only(allowed, () => {
			const body = readObject();
			return body.ok ? run(body.value) : body.reply;
		});
	const done = (): Reply => json(200, { ok: true });

	const customerMatch = /^\/customers\/([^/]+)$/.exec(route);
	if (customerMatch) {
		return only('GET', () => {
			let email: string;
			try {
				email = decodeURIComponent(customerMatch[1]);
			} catch {
				return message(400, 'Malformed URL encoding');
			}
			const customer = control.getCustomer(email);
			return customer ? json(200, customer) : message(404, `No customer ${email}`);
		});
	}
	const statusMatch = /^\/campaigns\/([^/]+)\/status$/.exec(route);
	if (statusMatch) {
		return withBody('POST', (body) => {
			let id: string;
			try {
				id = decodeURIComponent(statusMatch[1]);
			} catch {
				return message(400, 'Malformed URL encoding');
			}
			const campaign = state.store.findCampaign(id);
			if (!campaign) return message(404, `No campaign ${id}`);
			if (typeof body.status !== 'string' || body.status.trim() === '') return message(400, '"status" must be a non-empty string');
			control.setCampaignStatus(campaign.id, body.status);
			return done();
		});
	}
	switch (route) {
		case '/expire-tokens':
			return only('POST', () => (control.expireAllAccessTokens(), done()));
		case '/revoke-refresh-tokens':
			return withBody('POST', (body) => {
				control.revokeRefreshTokens(typeof body.refreshToken === 'string' ? body.refreshToken : undefined);
				return done();
			});
		case '/issue-tokens':
			return withBody('POST', (body) => {
				const clientId = typeof body.clientId === 'string' ? body.clientId : undefined;
				if (clientId && !state.clients.some((client) => client.id === clientId)) return message(400, `Unknown client ${clientId}`);
				return json(200, control.issueTokens(clientId, typeof body.scope === 'string' ? body.scope : undefined));
			});
		case '/faults':
			if (method === 'DELETE') return (control.clearFaults(), done());
			return withBody('POST', (body) => {
				const problem = validateFaultRule(body);
				if (problem) return message(400, problem);
				control.addFault(body as unknown as FaultRule);
				return done();
			});
		case '/settings':
			if (method === 'GET') return json(200, state.settings);
			return withBody('POST', (body) => {
				const problem = applySettings(control, state, body);
				return problem ? message(400, problem) : json(200, state.settings);
			});
		case '/seed':
			return withBody('POST', (body) => seed(control, body));
		case '/reset':
			return only('POST', () => (control.reset(), done()));
		case '/customers':
			return only('GET', () => json(200, { customers: control.listCustomers() }));
		case '/audiences':
			return only('GET', () => json(200, { audiences: control.listAudiences() }));
		case '/requests':
			if (method === 'DELETE') return (control.clearRequestLog(), done());
			return only('GET', () => json(200, { requests: control.requestLog() }));
		case '/counters':
			return only('GET', () => json(200, control.counters()));
		default:
			return message(404, `No control route ${request.path}`);
	}
}
