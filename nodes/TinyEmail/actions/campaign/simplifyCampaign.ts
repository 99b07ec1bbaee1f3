import type { IDataObject } from 'n8n-workflow';

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
