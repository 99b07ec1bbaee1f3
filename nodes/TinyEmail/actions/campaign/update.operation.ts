import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { tinyEmailApiRequest } from '../../transport/request';
import { audiencesCollection } from '../../helpers/audienceLocator';
import { UNCHANGEABLE_CAMPAIGN_STATUSES } from '../../helpers/campaignStatus';
import { checkEveryItem } from '../../helpers/checkEveryItem';
import type { ItemOutcomes } from '../../helpers/itemOutcomes';
import { showOnlyFor } from '../../helpers/showFor';
import { transportOptionsProperty } from '../../helpers/transportOptions';
import {
	campaignLocator,
	contentSourceUrlOption,
	htmlOption,
	previewTextOption,
	scheduleProperties,
	senderLocator,
} from './campaignProperties';
import { audienceIds, campaignPath, locatorValue, readCampaignId } from './campaignRequest';
import { readSchedule } from './schedule';

const properties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others keep their value',
		options: [
			audiencesCollection({
				name: 'audiences',
				displayName: 'Audiences',
				description: 'The audiences that receive the campaign (replaces the current ones)',
				displayOptions: undefined,
			}),
			contentSourceUrlOption,
			htmlOption,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Spring sale announcement',
				description: 'Internal name of the campaign',
			},
			previewTextOption,
			senderLocator(false),
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				placeholder: 'e.g. Our spring sale starts today',
				description: 'Subject line of the email',
			},
		],
	},
	...scheduleProperties('newSchedule'),
	transportOptionsProperty(),
];

export const description = showOnlyFor('campaign', 'update', properties);

/** The PUT body from Update Fields and Schedule; only what the user set. */
export function updateBody(fields: IDataObject, schedule: IDataObject | undefined): IDataObject {
	const body: IDataObject = {};
	const text = (key: string) => (fields[key] === undefined ? '' : String(fields[key]).trim());
	const details: IDataObject = {};
	for (const key of ['name', 'subject', 'previewText']) if (text(key) !== '') details[key] = text(key);
	if (Object.keys(details).length > 0) body.campaign = details;
	const senderId = locatorValue(fields.sender);
	if (senderId !== '') body.senderId = senderId;
	if (text('html') !== '') body.template = { html: fields.html as string };
	if (fields.audiences !== undefined) {
		const ids = audienceIds(fields.audiences);
		if (ids.length > 0) body.contactIds = ids;
	}
	if (text('contentSourceUrl') !== '') body.contentSourceUrl = text('contentSourceUrl');
	if (schedule) body.schedule = schedule;
	return body;
}

/** One item's checked update: the campaign and the PUT body. */
interface PlannedUpdate {
	itemIndex: number;
	id: string;
	body: IDataObject;
}

function readItem(ctx: IExecuteFunctions, itemIndex: number): PlannedUpdate | NodeOperationError {
	const id = readCampaignId(ctx, itemIndex);
	if (id instanceof NodeOperationError) return id;
	const schedule = readSchedule(ctx, itemIndex, 'newSchedule');
	if (schedule instanceof NodeOperationError) return schedule;
	const body = updateBody(ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, schedule);
	if (Object.keys(body).length === 0) {
		return new NodeOperationError(ctx.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one field under Update Fields, or choose a Schedule.',
		});
	}
	return { itemIndex, id, body };
}

/**
 * Updates one campaign per item (PUT /campaign/{id}, only the fields set). Every item is read and
 * checked before the first PUT, so a bad item stops the run before anything changes (without
 * Continue On Fail). tinyEmail refuses changes to launched, completed and failed campaigns with a
 * 400 whose wording is undocumented; when a PUT gets a 400 the node reads the campaign's status
 * (one GET, only on failure) to say so plainly.
 */
export async function execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void> {
	const planned = await checkEveryItem(items.length, outcomes, (itemIndex) => readItem(ctx, itemIndex));
	for (const { itemIndex, id, body } of planned) {
		await outcomes.attempt(
			itemIndex,
			async () => {
				await tinyEmailApiRequest(ctx, 'PUT', campaignPath(id), { body, itemIndex, idempotent: true });
				outcomes.succeed(itemIndex, { id, updated: true, ...body });
			},
			async (error) => await explainRefusal(ctx, id, itemIndex, error),
		);
	}
}

async function explainRefusal(ctx: IExecuteFunctions, id: string, itemIndex: number, error: unknown): Promise<unknown> {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return error;
	let campaign: IDataObject | undefined;
	try {
		campaign = (await tinyEmailApiRequest(ctx, 'GET', campaignPath(id), { itemIndex, notFoundAsUndefined: true })) as
			IDataObject | undefined;
	} catch {
		return error;
	}
	const status = String(campaign?.status ?? '').toUpperCase();
	if (!UNCHANGEABLE_CAMPAIGN_STATUSES.includes(status)) return error;
	const name = ((campaign?.campaign ?? {}) as IDataObject).name;
	return new NodeOperationError(
		ctx.getNode(),
		`The campaign ${typeof name === 'string' && name !== '' ? `"${name}" ` : ''}(ID ${id}) is ${status.toLowerCase()} and can no longer be changed (item ${itemIndex})`,
		{
			itemIndex,
			description:
				'tinyEmail only lets draft, scheduled and paused campaigns be updated. To send changed content, create a new campaign (Campaign > Create).',
		},
	);
}
