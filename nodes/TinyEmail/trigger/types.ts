import type { IDataObject, INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
import { simplifyPropertyShown } from '../helpers/listing';

/** One event of the trigger (`<name>.event.ts`): its entry in the Event list, its parameters and how it polls. */
export interface TriggerEvent {
	option: INodePropertyOptions & { value: string };
	/** Parameters shown for this event (with their displayOptions). */
	properties: INodeProperties[];
	/** What the watermark is about (the audience ID); when it changes, the next poll starts over with a baseline. */
	scope(ctx: IPollFunctions): string;
	/**
	 * What changed since `previous` (undefined on the first poll: record a baseline, report nothing),
	 * oldest first, and the watermark to save. Throws when tinyEmail cannot be read; nothing is saved then.
	 */
	poll(ctx: IPollFunctions, previous: IDataObject | undefined): Promise<{ items: IDataObject[]; watermark: IDataObject }>;
	/** Fetch Test Event: the latest item the event would report, read without touching the watermark. */
	sample(ctx: IPollFunctions): Promise<IDataObject>;
}

/** displayOptions showing a parameter for one event. */
export function showForEvent(event: string) {
	return { show: { event: [event] } };
}

/** The Simplify switch of the campaign events (as in Campaign Get). */
export function simplifyForEvent(event: string): INodeProperties {
	return simplifyPropertyShown(showForEvent(event));
}
