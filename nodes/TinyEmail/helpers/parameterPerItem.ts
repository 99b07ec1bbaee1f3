import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A parameter's value for each item. n8n resolves a parameter per item, which only matters when it
 * holds an expression; otherwise the value is the same for every item, so it is read once per run
 * (each read costs time, and a run may have tens of thousands of items).
 */
export function parameterPerItem<T>(ctx: IExecuteFunctions, name: string, fallback: T): (itemIndex: number) => T {
	if (holdsExpression(ctx.getNode().parameters[name])) {
		return (itemIndex) => ctx.getNodeParameter(name, itemIndex, fallback) as T;
	}
	const value = ctx.getNodeParameter(name, 0, fallback) as T;
	return () => value;
}

/** Whether a stored parameter value contains an expression (a string starting with "="), at any depth. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}
