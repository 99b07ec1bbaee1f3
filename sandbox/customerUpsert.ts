// Upsert semantics shared by PUT /account/customer and audience member assignment.
import type { Customer } from './types';
import type { Store } from './store';

/** Merges one validated item into the store; returns whether the customer is new. */
export function upsertCustomer(store: Store, item: Customer, now: number): boolean {
	const existing = store.getCustomer(item.email);
	// Fields left out keep their stored value; sent tags replace the stored tags.
	const merged: Customer = { ...existing, ...item, email: existing?.email ?? item.email.trim() };
	if (item.tags) merged.tags = [...item.tags];
	if (merged.status === 'Unsubscribed') {
		merged.unsubscribedAt =
			existing?.status === 'Unsubscribed' && existing.unsubscribedAt ? existing.unsubscribedAt : new Date(now).toISOString();
	} else {
		delete merged.unsubscribedAt;
	}
	store.putCustomer(merged);
	return existing === undefined;
}
