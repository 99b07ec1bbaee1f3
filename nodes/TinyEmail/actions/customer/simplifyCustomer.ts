import type { IDataObject } from 'n8n-workflow';

/** The customer fields Customer > Get keeps when Simplify is on (the others are in the raw data). */
export const SIMPLE_CUSTOMER_FIELDS = ['email', 'firstName', 'lastName', 'status', 'tags', 'phone', 'country', 'city', 'unsubscribedAt'];

export function simplifyCustomer(customer: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const key of SIMPLE_CUSTOMER_FIELDS) if (customer[key] !== undefined) simple[key] = customer[key];
	return simple;
}
