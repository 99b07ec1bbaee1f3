import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from './itemOutcomes';

/**
 * Reads and checks every item before the first request: a bad item is settled as a failure, the others
 * come back in order. Used by the creates (a POST cannot be safely repeated, so nothing is created before
 * every item is checked), Campaign Update, and the Customer operations (which batch their requests).
 */
export function checkEveryItem<T>(itemCount: number, outcomes: ItemOutcomes, read: (itemIndex: number) => T | NodeOperationError): T[] {
	const planned: T[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const item = read(itemIndex);
		if (item instanceof NodeOperationError) outcomes.fail(itemIndex, item);
		else planned.push(item);
	}
	return planned;
}
