import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

/** Where the transport runs: a node execution, or a list search in the editor (load options). */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * A node-level parameter (Authentication, Options): read from the first item in an execution; in the
 * editor, the value currently shown (it may not be saved yet), else the saved one.
 */
export function nodeSetting(ctx: RequestContext, name: string, fallback: unknown): unknown {
	if ('getCurrentNodeParameter' in ctx) return ctx.getCurrentNodeParameter(name) ?? ctx.getNodeParameter(name, fallback);
	return ctx.getNodeParameter(name, 0, fallback);
}
