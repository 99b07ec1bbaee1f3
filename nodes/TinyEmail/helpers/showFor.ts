import type { IDisplayOptions } from 'n8n-workflow';

/** displayOptions showing a parameter for one operation of one resource (and, optionally, more conditions). */
export function showFor(resource: string, operation: string, extra: Record<string, Array<string | boolean>> = {}) {
	return { show: { resource: [resource], operation: [operation], ...extra } } satisfies IDisplayOptions;
}
