import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isProblem } from '../../helpers/validation';
import { audienceRefsFromCollection, audiencesCollection } from '../audience/audienceLocator';
import { toDays, toTime, toUtcIso, WEEKDAYS } from './schedule';

/** Parameters shared by Campaign > Create and Update, and the mapping to tinyEmail's campaign body. */

export function showFor(operation: string, extra: Record<string, string[]> = {}) {
	return { show: { resource: ['campaign'], operation: [operation], ...extra } };
}

export function senderLocator(required: boolean, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Sender',
		name: 'sender',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The sender identity (From name and email) the campaign is sent from',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a sender...',
				typeOptions: { searchListMethod: 'searchSenders', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 12345' },
		],
	};
	if (required) property.required = true;
	if (displayOptions) property.displayOptions = displayOptions;
	return property;
}

export function campaignLocator(operation: string): INodeProperties {
	return {
		displayName: 'Campaign',
		name: 'campaign',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The campaign, from the list or by ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign...',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 5f0c6a52-7d1e-4b8e-9a49-2b0d1c3e4f5a' },
		],
		displayOptions: showFor(operation),
	};
}

export function audiencesProperty(operation: string): INodeProperties {
	return audiencesCollection({
		name: 'audiences',
		displayName: 'Audiences',
		description: 'The audiences that receive the campaign',
		displayOptions: showFor(operation),
	});
}

export const htmlOption = {
	displayName: 'HTML',
	name: 'html',
	type: 'string' as const,
	typeOptions: { rows: 6 },
	default: '',
	placeholder: 'e.g. <h1>Spring sale</h1><p>Everything 20% off.</p>',
	description: 'The email body as HTML',
};

/**
 * The Schedule parameter and its details. `parameter` is `schedule` on Create (None / One-Off /
 * Recurring) and `newSchedule` on Update (Keep Current / One-Off / Recurring).
 */
export function scheduleProperties(operation: string, parameter: 'schedule' | 'newSchedule'): INodeProperties[] {
	const keep =
		parameter === 'schedule'
			? { name: 'None (Draft)', value: 'none', description: 'Save the campaign as a draft; send it later from tinyEmail' }
			: { name: 'Keep Current', value: 'keep', description: 'Leave the schedule as it is' };
	const options = [
		keep,
		{ name: 'One-Off', value: 'oneOff', description: 'Send once, at a date and time' },
		{ name: 'Recurring', value: 'recurring', description: 'Send every week on the chosen days at a time' },
	].sort((a, b) => a.name.localeCompare(b.name));
	const scheduleProperty: INodeProperties =
		parameter === 'schedule'
			? { displayName: 'Schedule', name: parameter, type: 'options', options, default: 'none' }
			: { displayName: 'Schedule', name: parameter, type: 'options', options, default: 'keep' };
	return [
		{ ...scheduleProperty, description: 'When tinyEmail sends the campaign', displayOptions: showFor(operation) },
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When to send, in the workflow time zone (or an ISO date-time with offset); sent to tinyEmail in UTC',
			displayOptions: showFor(operation, { [parameter]: ['oneOff'] }),
		},
		{
			displayName: 'Days',
			name: 'days',
			type: 'multiOptions',
			required: true,
			options: [...WEEKDAYS]
				.map((day) => ({ name: day.charAt(0) + day.slice(1).toLowerCase(), value: day }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: [],
			description: 'Days of the week to send on',
			displayOptions: showFor(operation, { [parameter]: ['recurring'] }),
		},
		{
			displayName: 'Time',
			name: 'time',
			type: 'string',
			required: true,
			default: '09:00',
			placeholder: 'e.g. 09:30',
			description: 'Time of day to send, 24-hour HH:mm',
			displayOptions: showFor(operation, { [parameter]: ['recurring'] }),
		},
	];
}

function inputError(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string, fix: string) {
	return new NodeOperationError(ctx.getNode(), `The ${field} in item ${itemIndex} ${problem}`, { itemIndex, description: fix });
}

/** The schedule body for one item, undefined for none / keep current. */
export function readSchedule(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: 'schedule' | 'newSchedule',
): IDataObject | undefined | NodeOperationError {
	const kind = ctx.getNodeParameter(parameter, itemIndex) as string;
	if (kind === 'oneOff') {
		const sendAt = toUtcIso(ctx.getNodeParameter('sendAt', itemIndex, '') as unknown, ctx.getTimezone());
		if (isProblem(sendAt)) return inputError(ctx, itemIndex, 'Send At', sendAt.problem, sendAt.fix);
		return { dateTime: sendAt.value };
	}
	if (kind === 'recurring') {
		const days = toDays(ctx.getNodeParameter('days', itemIndex, []) as unknown);
		if (isProblem(days)) return inputError(ctx, itemIndex, 'Days', days.problem, days.fix);
		const time = toTime(ctx.getNodeParameter('time', itemIndex, '') as unknown);
		if (isProblem(time)) return inputError(ctx, itemIndex, 'Time', time.problem, time.fix);
		return { days: days.value, time: time.value };
	}
	return undefined;
}

/** A resource locator's value (or plain text). */
export function locatorValue(raw: unknown): string {
	const value = raw && typeof raw === 'object' && 'value' in raw ? (raw as IDataObject).value : raw;
	return value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
}

/** Audience IDs from an Audiences collection; names are not accepted here (campaigns take IDs). */
export function audienceIds(raw: unknown): string[] {
	return audienceRefsFromCollection(raw).map((ref) => ref.value);
}

/** The fields Simplify keeps (ten), with the details flattened. */
export function simplifyCampaign(campaign: IDataObject): IDataObject {
	const details = (campaign.campaign ?? {}) as IDataObject;
	return {
		id: campaign.id,
		name: details.name,
		subject: details.subject,
		status: campaign.status,
		senderId: campaign.senderId,
		audienceIds: campaign.contactIds,
		schedule: campaign.schedule,
		sent: campaign.sent,
		open: campaign.open,
		clicked: campaign.clicked,
	};
}

export function campaignPath(id: string): string {
	return `/campaign/${encodeURIComponent(id)}`;
}

export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string | NodeOperationError {
	const id = locatorValue(ctx.getNodeParameter('campaign', itemIndex, ''));
	if (id === '') {
		return new NodeOperationError(ctx.getNode(), `No campaign chosen in item ${itemIndex}`, {
			itemIndex,
			description: 'Pick a campaign from the list, or give its ID.',
		});
	}
	return id;
}
