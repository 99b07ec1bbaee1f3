import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

/** Where the transport runs: a node execution, a list search in the editor (load options), or a trigger's poll. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * A node-level parameter (Authentication, Options): read from the first item in an execution; in the
 * editor, the value currently shown (it may not be saved yet), else the saved one; in a poll, the node's.
 */
export function nodeSetting(ctx: RequestContext, name: string, fallback: unknown): unknown {
	if ('getCurrentNodeParameter' in ctx) return ctx.getCurrentNodeParameter(name) ?? ctx.getNodeParameter(name, fallback);
	if ('__emit' in ctx) return ctx.getNodeParameter(name, fallback);
	return ctx.getNodeParameter(name, 0, fallback);
}
