import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../transport/context';
import { tinyEmailApiRequest } from '../../transport/request';
import { asObjects } from '../../helpers/listing';

/** GET /sender-details (the response key really is "senderDetailses"). */
export async function fetchSenders(ctx: RequestContext, itemIndex?: number): Promise<IDataObject[]> {
	const body = (await tinyEmailApiRequest(ctx, 'GET', '/sender-details', { itemIndex })) as IDataObject | undefined;
	return asObjects(body?.senderDetailses ?? body?.senderDetails ?? body?.senders);
}

export function senderLabel(sender: IDataObject): string {
	const name = typeof sender.name === 'string' ? sender.name : '';
	const email = typeof sender.email === 'string' ? sender.email : '';
	if (name && email) return `${name} <${email}>`;
	return name || email || String(sender.id);
}
