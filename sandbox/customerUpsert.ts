// Upsert semantics shared by PUT /account/customer and audience member assignment.
import type { Customer } from './types';
import type { Store } from './store';
import { isClearing } from './customerValidation';

/** Merges one validated item into the store; returns whether the customer is new. */
export function upsertCustomer(store: Store, item: Customer, now: number): boolean {
	const existing = store.getCustomer(item.email);
	// Fields left out keep their stored value; sent tags replace the stored tags; "" or null clears a field.
	const merged: Customer = { ...existing, ...item, email: existing?.email ?? item.email.trim() };
	if (item.tags) merged.tags = [...item.tags];
	// A field sent as "" or null is cleared: GET no longer returns it (tags: [] leaves no tags)
	for (const [field, value] of Object.entries(item)) if (isClearing(value)) delete merged[field as keyof Customer];
	if (merged.status === 'Unsubscribed') {
		merged.unsubscribedAt =
			existing?.status === 'Unsubscribed' && existing.unsubscribedAt ? existing.unsubscribedAt : new Date(now).toISOString();
	} else {
		delete merged.unsubscribedAt;
	}
	store.putCustomer(merged);
	return existing === undefined;
}
