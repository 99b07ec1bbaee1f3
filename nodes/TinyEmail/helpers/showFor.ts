import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** displayOptions showing a parameter for one operation of one resource (and, optionally, more conditions). */
export function showFor(resource: string, operation: string, extra: IDisplayOptions['show'] = {}) {
	return { show: { resource: [resource], operation: [operation], ...extra } } satisfies IDisplayOptions;
}

/**
 * An operation's parameters, each shown for that operation only, as n8n's updateDisplayOptions does;
 * this one puts resource and operation before a parameter's own conditions (e.g. Limit's Return All),
 * which keeps the node description as it always was.
 */
export function showOnlyFor(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({ ...property, displayOptions: showFor(resource, operation, property.displayOptions?.show) }));
}
