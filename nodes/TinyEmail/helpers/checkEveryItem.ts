import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from './itemOutcomes';
import { forEachYielding } from './yieldEvery';

/**
 * Reads and checks every item before the first request: a bad item is settled as a failure, the others
 * come back in order. Used by the creates (a POST cannot be safely repeated, so nothing is created before
 * every item is checked), Campaign Update, and the Customer operations (which batch their requests).
 * The event loop gets a turn between slices of items (forEachYielding).
 */
export async function checkEveryItem<T>(
	itemCount: number,
	outcomes: ItemOutcomes,
	read: (itemIndex: number) => T | NodeOperationError,
): Promise<T[]> {
	const planned: T[] = [];
	await forEachYielding(itemCount, (itemIndex) => {
		const item = read(itemIndex);
		if (item instanceof NodeOperationError) outcomes.fail(itemIndex, item);
		else planned.push(item);
	});
	return planned;
}
