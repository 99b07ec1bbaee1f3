import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requireApiKeyFor } from '../helpers/apiKeyOnly';
import { ItemOutcomes } from '../helpers/itemOutcomes';
import { RESOURCES } from './resources';

/** Dispatches the run to the chosen operation, which gets every item at once. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const definition = RESOURCES.find((entry) => entry.option.value === resource);
	const outcomes = new ItemOutcomes(this.getNode(), items.length, this.continueOnFail());
	if (definition && !(await requireApiKeyFor(this, definition, items.length, outcomes))) return [await outcomes.toOutput()];
	const operation = this.getNodeParameter('operation', 0) as string;
	const operationModule = definition?.operations[operation];
	if (!operationModule) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`, {
			description: 'Pick a resource and an operation from the lists.',
		});
	}
	await operationModule.execute(this, items, outcomes);
	return [await outcomes.toOutput()];
}
