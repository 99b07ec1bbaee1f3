import type { IDataObject } from 'n8n-workflow';

import { pickFields } from '../../helpers/listing';

/** The customer fields Customer > Get keeps when Simplify is on (the others are in the raw data). */
export const SIMPLE_CUSTOMER_FIELDS = ['email', 'firstName', 'lastName', 'status', 'tags', 'phone', 'country', 'city', 'unsubscribedAt'];

export function simplifyCustomer(customer: IDataObject): IDataObject {
	return pickFields(customer, SIMPLE_CUSTOMER_FIELDS);
}
