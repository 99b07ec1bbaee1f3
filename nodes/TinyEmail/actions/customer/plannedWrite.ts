import type { TinyEmailCustomer } from '../../helpers/customerFields';

/** One customer to write, the item it comes from, and what to output when it succeeds. */
export interface PlannedWrite {
	itemIndex: number;
	customer: TinyEmailCustomer;
	output: TinyEmailCustomer;
}

/**
 * What the writes of an operation expect tinyEmail to do: Create expects every customer to be new
 * (its read said so), Update expects every customer to exist; Create or Update expects either.
 */
export type WriteExpectation = 'created' | 'updated' | undefined;
