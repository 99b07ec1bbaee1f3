import { sleep } from 'n8n-workflow';

/** The most items one synchronous slice of a loop handles before the event loop gets a turn. */
export const ITEMS_PER_SLICE = 2000;
/** A slice also ends once it has taken this long (items with expressions take about 1 ms each). */
export const SLICE_MS = 50;

/**
 * Runs `work` for every index from 0 to count − 1, in order, one at a time, and lets the event loop run
 * between slices of at most ITEMS_PER_SLICE items or about SLICE_MS of work, whichever ends first.
 *
 * n8n runs the node on its process's one event loop: a loop over 100,000 items done in one go holds it for
 * seconds (over a minute with expressions per item), while nothing else of that process runs — in queue mode
 * the worker then cannot renew its job's lock (every 10 s, lost after 60 s) and the job is declared stalled.
 * Every loop of the node over all input items goes through here. The pause is n8n-workflow's sleep(0)
 * (community nodes may not use setImmediate): one turn of the event loop, about 1 ms.
 */
export async function forEachYielding(count: number, work: (index: number) => void | Promise<void>): Promise<void> {
	let sliceStart = Date.now();
	let inSlice = 0;
	for (let index = 0; index < count; index++) {
		const pending = work(index);
		if (pending instanceof Promise) await pending;
		if (++inSlice >= ITEMS_PER_SLICE || Date.now() - sliceStart >= SLICE_MS) {
			await sleep(0);
			sliceStart = Date.now();
			inSlice = 0;
		}
	}
}
