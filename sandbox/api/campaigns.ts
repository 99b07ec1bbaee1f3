// Campaigns: list by page (from 0, newest first), get, create (DRAFT or SCHEDULED), update (not once launched/finished).
import { randomUUID } from 'node:crypto';
import { isPlainObject, json, message, noContent, parseJsonBody } from '../http';
import type { StoredCampaign } from '../store';
import type { SandboxState } from '../state';
import { intQuery, type ApiContext, type ApiRoute } from './route';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const FIELDS = ['campaign', 'senderId', 'template', 'contactIds', 'schedule', 'contentSourceUrl'];
const FINAL_STATUSES = ['LAUNCHED', 'COMPLETED', 'FAILED'];
const MAX_PAGE_SIZE = 1000;

export const ZERO_COUNTERS = { sent: 0, delivered: 0, open: 0, clicked: 0, bounced: 0, unsubscribed: 0, spam: 0 };

/** Validates the fields present in a create or update body; `required` lists those that must be there. */
function campaignProblem(state: SandboxState, body: Record<string, unknown>, required: string[]): string | undefined {
	const unknown = Object.keys(body).find((key) => !FIELDS.includes(key));
	if (unknown) return `Unknown field "${unknown}" in request body`;
	const missing = required.find((key) => body[key] === undefined);
	if (missing) return `field "${missing}" is required`;
	if ('campaign' in body) {
		const details = body.campaign;
		if (!isPlainObject(details)) return 'field "campaign" must be an object with name, subject and previewText';
		const extra = Object.keys(details).find((key) => !['name', 'subject', 'previewText'].includes(key));
		if (extra) return `Unknown field "campaign.${extra}"`;
		for (const key of ['name', 'subject']) {
			if (required.length > 0 && (typeof details[key] !== 'string' || (details[key] as string).trim() === ''))
				return `field "campaign.${key}" is required and must be a non-empty string`;
		}
		for (const key of ['name', 'subject', 'previewText']) {
			if (key in details && typeof details[key] !== 'string') return `field "campaign.${key}" must be a string`;
		}
	}
	if ('senderId' in body) {
		const senderId = body.senderId;
		if (typeof senderId !== 'string' && typeof senderId !== 'number') return 'field "senderId" must be a string';
		if (!state.store.findSender(String(senderId))) return `Sender ${senderId} not found`;
	}
	if ('template' in body) {
		if (!isPlainObject(body.template) || typeof body.template.html !== 'string') return 'field "template" must be {"html":"…"}';
	}
	if ('contactIds' in body) {
		const ids = body.contactIds;
		if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return 'field "contactIds" must be an array of audience ids';
		const missingAudience = ids.find((id) => !state.store.findAudience(id));
		if (missingAudience) return `Audience ${missingAudience} not found`;
	}
	if ('contentSourceUrl' in body && typeof body.contentSourceUrl !== 'string') return 'field "contentSourceUrl" must be a string';
	return 'schedule' in body ? scheduleProblem(body.schedule) : undefined;
}

function scheduleProblem(schedule: unknown): string | undefined {
	if (!isPlainObject(schedule)) return 'field "schedule" must be an object';
	const extra = Object.keys(schedule).find((key) => !['dateTime', 'days', 'time'].includes(key));
	if (extra) return `Unknown field "schedule.${extra}"`;
	if (schedule.dateTime !== undefined) {
		if (typeof schedule.dateTime !== 'string' || Number.isNaN(Date.parse(schedule.dateTime)))
			return 'field "schedule.dateTime" must be an ISO 8601 date-time';
		return undefined;
	}
	const days = schedule.days;
	if (!Array.isArray(days) || days.length === 0 || !days.every((day) => WEEKDAYS.includes(day as string))) {
		return `A schedule needs "dateTime", or "days" (${WEEKDAYS.join(', ')}) with "time"`;
	}
	if (typeof schedule.time !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(schedule.time))
		return 'field "schedule.time" must be HH:mm:ss';
	return undefined;
}

function listCampaigns({ state, request }: ApiContext) {
	const page = intQuery(request.query, 'page', 0, 0);
	const size = intQuery(request.query, 'size', 1, 20);
	if (typeof page === 'string') return message(400, page);
	if (typeof size === 'string') return message(400, size);
	if (size > MAX_PAGE_SIZE) return message(400, `Query parameter "size" must be at most ${MAX_PAGE_SIZE}`);
	// Stored in creation order; listed newest first (the contract's decision)
	const all = [...state.store.data.campaigns].reverse();
	const start = page * size;
	return json(200, { campaigns: { content: all.slice(start, start + size), last: start + size >= all.length } });
}

function getCampaign({ state, params }: ApiContext) {
	const campaign = state.store.findCampaign(params[0]);
	return campaign ? json(200, campaign) : message(404, `Campaign ${params[0]} not found`);
}

function createCampaign({ state, request }: ApiContext) {
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed.reply;
	const body = parsed.value;
	if (!isPlainObject(body)) return message(400, 'Request body must be a JSON object');
	const problem = campaignProblem(state, body, ['campaign', 'senderId', 'template']);
	if (problem) return message(400, problem);
	const campaign: StoredCampaign = {
		id: randomUUID(),
		status: body.schedule ? 'SCHEDULED' : 'DRAFT',
		...body,
		contactIds: body.contactIds ?? [],
		...ZERO_COUNTERS,
		createdAt: new Date(state.now()).toISOString(),
	};
	state.store.data.campaigns.push(campaign);
	state.store.changed();
	return json(200, { id: campaign.id, status: campaign.status });
}

function updateCampaign({ state, params, request }: ApiContext) {
	const campaign = state.store.findCampaign(params[0]);
	if (!campaign) return message(404, `Campaign ${params[0]} not found`);
	if (FINAL_STATUSES.includes(campaign.status)) return message(400, `Campaign ${campaign.id} is ${campaign.status} and cannot be updated`);
	const parsed = parseJsonBody(request);
	if (!parsed.ok) return parsed.reply;
	const body = parsed.value;
	if (!isPlainObject(body)) return message(400, 'Request body must be a JSON object');
	const problem = campaignProblem(state, body, []);
	if (problem) return message(400, problem);
	const details = isPlainObject(body.campaign) ? { ...(campaign.campaign as object), ...body.campaign } : campaign.campaign;
	Object.assign(campaign, body, { campaign: details });
	if (body.schedule && campaign.status === 'DRAFT') campaign.status = 'SCHEDULED';
	state.store.changed();
	return noContent();
}

export const campaignRoutes: ApiRoute[] = [
	{ method: 'GET', pattern: /^\/campaign$/, customerScope: false, handle: listCampaigns },
	{ method: 'POST', pattern: /^\/campaign$/, customerScope: false, handle: createCampaign },
	{ method: 'GET', pattern: /^\/campaign\/([^/]+)$/, customerScope: false, handle: getCampaign },
	{ method: 'PUT', pattern: /^\/campaign\/([^/]+)$/, customerScope: false, handle: updateCampaign },
];
