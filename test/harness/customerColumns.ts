// The Fields to Send parameter (`columns`, a resourceMapper) of the customer writes, as n8n's editor stores it.
import type { ResourceMapperValue } from 'n8n-workflow';

import { customerFieldSchema } from '../../nodes/TinyEmail/helpers/customerFields';

type MappedValues = NonNullable<ResourceMapperValue['value']>;

function columns(mappingMode: 'defineBelow' | 'autoMapInputData', value: MappedValues | null): { columns: ResourceMapperValue } {
	return {
		columns: {
			mappingMode,
			value,
			matchingColumns: ['email'],
			schema: customerFieldSchema(),
			attemptToConvertTypes: false,
			convertFieldsToString: false,
		},
	};
}

/** Map Each Column Manually, e.g. `mapEachField({ email: '={{ $json.email }}', firstName: 'Ann' })`. */
export function mapEachField(values: MappedValues): { columns: ResourceMapperValue } {
	return columns('defineBelow', values);
}

/** Map Automatically: every customer field from the input item's key of the same name. */
export function mapAutomatically(): { columns: ResourceMapperValue } {
	return columns('autoMapInputData', null);
}
