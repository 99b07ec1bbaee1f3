import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ItemOutcomes } from './itemOutcomes';

/** One operation file (`<name>.operation.ts`): its parameters and how it runs all items at once. */
export interface OperationModule {
	description: INodeProperties[];
	/** Must settle every input item in `outcomes` (succeed or fail). */
	execute(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): Promise<void>;
}

/** One resource (`<Name>.resource.ts`): its entry in the Resource list, its operations and their parameters. */
export interface ResourceDefinition {
	/** Entry in the node's Resource parameter. */
	option: INodePropertyOptions & { value: string };
	/**
	 * Whether the OAuth2 credential's scope (import_customers) covers the resource. If not, it needs the
	 * API key: the editor and AI agents see it only with Authentication "API Key".
	 */
	coveredByOAuth2: boolean;
	/** The resource's Operation parameter (with its displayOptions). */
	operationProperty: INodeProperties;
	operations: Record<string, OperationModule>;
}
