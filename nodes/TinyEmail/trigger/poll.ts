import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { endRun } from '../transport/request';
import { eventOf } from './events';
import { loadWatermark, saveWatermark } from './pollState';

/**
 * One poll of the trigger. Fetch Test Event (manual mode) shows the latest matching item and leaves the
 * watermark alone. Otherwise the event compares what tinyEmail lists now with the saved watermark; the
 * new watermark is saved only after every request succeeded, so a failed poll (shown by n8n as the
 * trigger's error) loses nothing: the next one catches up from the same place.
 */
export async function pollTrigger(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	try {
		const event = eventOf(this);
		if (this.getMode() === 'manual') return [this.helpers.returnJsonArray([await event.sample(this)])];

		const staticData = this.getWorkflowStaticData('node');
		const scope = event.scope(this);
		const previous = loadWatermark(staticData, event.option.value, scope);
		const { items, watermark } = await event.poll(this, previous);
		saveWatermark(staticData, event.option.value, scope, watermark);
		return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	} finally {
		// n8n keeps this context for the next poll: let that poll read the credential and options afresh
		endRun(this);
	}
}
