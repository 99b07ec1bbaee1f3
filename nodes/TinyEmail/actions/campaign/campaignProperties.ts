import type { INodeProperties } from 'n8n-workflow';

import { sentenceCase } from '../../helpers/sentenceCase';
import { audiencesCollection } from '../../helpers/audienceLocator';
import { byIdMode, fromListMode } from '../../helpers/pickerModes';
import { WEEKDAYS } from './schedule';

/** Parameters shared by the Campaign operations: locators, audiences, HTML and the Schedule UI. */

export function senderLocator(required: boolean): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Sender',
		name: 'sender',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The sender identity (From name and email) the campaign is sent from',
		modes: [fromListMode('searchSenders', 'Select a sender...'), byIdMode('e.g. 12345')],
	};
	if (required) property.required = true;
	return property;
}

export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaign',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The campaign, from the list or by ID',
	modes: [fromListMode('searchCampaigns', 'Select a campaign...'), byIdMode('e.g. 5f0c6a52-7d1e-4b8e-9a49-2b0d1c3e4f5a')],
};

export const audiencesProperty: INodeProperties = audiencesCollection({
	name: 'audiences',
	displayName: 'Audiences',
	description: 'The audiences that receive the campaign',
	displayOptions: undefined,
});

export const htmlOption = {
	displayName: 'HTML',
	name: 'html',
	type: 'string' as const,
	typeOptions: { rows: 6 },
	default: '',
	placeholder: 'e.g. <h1>Spring sale</h1><p>Everything 20% off.</p>',
	description: 'The email body as HTML',
};

export const contentSourceUrlOption: INodeProperties = {
	displayName: 'Content Source URL',
	name: 'contentSourceUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/newsletter.html',
	description: 'A web page tinyEmail takes the content from',
};

export const previewTextOption: INodeProperties = {
	displayName: 'Preview Text',
	name: 'previewText',
	type: 'string',
	default: '',
	placeholder: 'e.g. 20% off everything until Sunday',
	description: 'Text shown after the subject in most inboxes',
};

/**
 * The Schedule parameter and its details. `parameter` is `schedule` on Create (None / One-Off /
 * Recurring) and `newSchedule` on Update (Keep Current / One-Off / Recurring).
 */
export function scheduleProperties(parameter: 'schedule' | 'newSchedule'): INodeProperties[] {
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
		{ ...scheduleProperty, description: 'When tinyEmail sends the campaign' },
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When to send, in the workflow time zone (or an ISO date-time with offset); sent to tinyEmail in UTC',
			displayOptions: { show: { [parameter]: ['oneOff'] } },
		},
		{
			displayName: 'Days',
			name: 'days',
			type: 'multiOptions',
			required: true,
			options: [...WEEKDAYS].map((day) => ({ name: sentenceCase(day), value: day })).sort((a, b) => a.name.localeCompare(b.name)),
			default: [],
			description: 'Days of the week to send on',
			displayOptions: { show: { [parameter]: ['recurring'] } },
		},
		{
			displayName: 'Time',
			name: 'time',
			type: 'string',
			required: true,
			default: '09:00',
			placeholder: 'e.g. 09:30',
			description:
				'Time of day to send, 24-hour HH:mm, in the workflow time zone; sent to tinyEmail in UTC (the days move with it when that crosses midnight)',
			displayOptions: { show: { [parameter]: ['recurring'] } },
		},
	];
}
