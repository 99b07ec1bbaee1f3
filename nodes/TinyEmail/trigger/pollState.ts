import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between polls, in the workflow's static data (node scope, which n8n saves
 * with the workflow): the watermark of one event for one scope (the audience, for New Audience Member).
 * Another event or scope starts over with a new baseline. Each event keeps its watermark bounded
 * (memberWatermark.ts, campaignWatermark.ts): a few kilobytes whatever the account's size (the trigger
 * integration tests measure it against 64 KiB).
 */

const STATE_KEY = 'tinyEmailTrigger';
const STATE_VERSION = 1;

interface SavedWatermark extends IDataObject {
	version: number;
	event: string;
	scope: string;
	watermark: IDataObject;
}

/** The saved watermark of this event and scope; undefined before the first poll, or after the event or scope changed. */
export function loadWatermark(staticData: IDataObject, event: string, scope: string): IDataObject | undefined {
	const saved = staticData[STATE_KEY] as SavedWatermark | undefined;
	if (!saved || typeof saved !== 'object') return undefined;
	if (saved.version !== STATE_VERSION || saved.event !== event || saved.scope !== scope) return undefined;
	// A plain copy: n8n's static data is a proxy that records changes, and the poll may fail before saving
	return saved.watermark && typeof saved.watermark === 'object' ? (JSON.parse(JSON.stringify(saved.watermark)) as IDataObject) : undefined;
}

/** Replaces the saved watermark (n8n notices the change and saves the static data). */
export function saveWatermark(staticData: IDataObject, event: string, scope: string, watermark: IDataObject): void {
	const saved: SavedWatermark = { version: STATE_VERSION, event, scope, watermark };
	staticData[STATE_KEY] = saved;
}
