import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from './itemOutcomes';

/**
 * Reads and checks every item before the first request, for operations whose requests cannot be
 * safely repeated (creates): a bad item is settled as a failure, the others come back in order.
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
