import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tinyEmailApiRequest } from '../../transport/request';
import { checkEveryItem } from '../../helpers/checkEveryItem';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { pickedId } from '../../helpers/pickedId';
import { showOnlyFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import {
	audiencesProperty,
	contentSourceUrlOption,
	htmlOption,
	previewTextOption,
	scheduleProperties,
	senderLocator,
} from './campaignProperties';
import { audienceIds } from './campaignRequest';
import { readSchedule } from './schedule';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Spring sale announcement',
		description: 'Internal name of the campaign (recipients do not see it)',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Our spring sale starts today',
		description: 'Subject line of the email',
	},
	senderLocator(true),
	{ ...htmlOption, required: true },
	audiencesProperty,
	...scheduleProperties('schedule'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [contentSourceUrlOption, previewTextOption],
	},
	transportOptionsProperty(),
];

export const description = showOnlyFor('campaign', 'create', properties);

function required(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string | NodeOperationError {
	const value =
		name === 'sender'
			? pickedId(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }))
			: String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		return new NodeOperationError(ctx.getNode(), `The ${label} in item ${itemIndex} is empty`, {
			itemIndex,
			description: `Set ${label}; a campaign needs a name, a subject, a sender and HTML.`,
		});
	}
	return value;
}

/** One item's checked campaign: the POST body and what to output once it is created. */
interface PlannedCampaign {
	itemIndex: number;
	body: IDataObject;
	output: IDataObject;
}

function readItem(ctx: IExecuteFunctions, itemIndex: number): PlannedCampaign | NodeOperationError {
	const name = required(ctx, itemIndex, 'name', 'Name');
	const subject = required(ctx, itemIndex, 'subject', 'Subject');
	const senderId = required(ctx, itemIndex, 'sender', 'Sender');
	const html = required(ctx, itemIndex, 'html', 'HTML');
	const schedule = readSchedule(ctx, itemIndex, 'schedule');
	const problem = [name, subject, senderId, html, schedule].find((value) => value instanceof NodeOperationError);
	if (problem) return problem as NodeOperationError;
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const details: IDataObject = { name, subject };
	if (String(additional.previewText ?? '').trim() !== '') details.previewText = String(additional.previewText).trim();
	const body: IDataObject = {
		campaign: details,
		senderId,
		template: { html },
		contactIds: audienceIds(ctx.getNodeParameter('audiences', itemIndex, {})),
	};
	if (schedule) body.schedule = schedule as IDataObject;
	if (String(additional.contentSourceUrl ?? '').trim() !== '') body.contentSourceUrl = String(additional.contentSourceUrl).trim();
	const output: IDataObject = {
		name: details.name,
		subject: details.subject,
		senderId,
		audienceIds: body.contactIds,
		...(schedule ? { schedule: schedule as IDataObject } : {}),
	};
	return { itemIndex, body, output };
}

/**
 * Creates one campaign per item (POST /campaign, never repeated): a draft, or scheduled. Every item
 * is read and checked before the first POST, so a bad item stops the run before anything is created
 * (without Continue On Fail) and a re-run does not duplicate campaigns.
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const planned = await checkEveryItem(items.length, outcomes, (itemIndex) => readItem(ctx, itemIndex));
	for (const { itemIndex, body, output } of planned) {
		await outcomes.attempt(itemIndex, async () => {
			const created = (await tinyEmailApiRequest(ctx, 'POST', '/campaign', { body, itemIndex, idempotent: false })) as
				IDataObject | undefined;
			// Without an ID nothing can refer to the campaign, although it may exist: an error, never `id: undefined`
			if (created?.id === undefined || created.id === null || created.id === '') {
				throw new NodeOperationError(
					ctx.getNode(),
					`tinyEmail did not return the ID of the new campaign "${output.name}" (item ${itemIndex})`,
					{
						itemIndex,
						description: 'The campaign may have been created; check the campaigns in tinyEmail before running again.',
					},
				);
			}
			outcomes.succeed(itemIndex, { id: created.id, status: created.status, ...output });
		});
	}
}
