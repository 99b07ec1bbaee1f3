import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { customerFieldSchema } from '../helpers/customerFields';

/** Fields to Send of the customer writes: tinyEmail's customer fields are fixed, so no request is needed. */
export async function getCustomerFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: customerFieldSchema() };
}
