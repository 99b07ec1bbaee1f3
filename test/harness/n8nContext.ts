// The pieces n8n-core's contexts are built from, shared by runNode, runPoll and runListSearch:
// the node as n8n saves it, its one-node Workflow, and the additionalData n8n passes along.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import type { FakeCredentialsHelper } from './fakeCredentialsHelper';
import { singleNodeTypes } from './singleNodeTypes';

export interface TestNodeOptions {
	id: string;
	name: string;
	/** Parameters as the editor would store them; the defaults are filled in as n8n does for a saved node. */
	parameters: INodeParameters;
	/** Credential data by credential type name: the node refers to one credential of each type. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Further node settings, e.g. continueOnFail and onError. */
	settings?: Partial<INode>;
}

/** The node as n8n saves it in a workflow. */
export function testNode(nodeType: INodeType, options: TestNodeOptions): INode {
	const { description } = nodeType;
	return {
		id: options.id,
		name: options.name,
		type: `n8n-nodes-tinyemail.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters:
			NodeHelpers.getNodeParameters(description.properties, options.parameters, true, false, null, description) ?? options.parameters,
		...options.settings,
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }])),
	};
}

/** A workflow holding only `node`, of type `nodeType`. */
export function oneNodeWorkflow(
	nodeType: INodeType,
	node: INode,
	options: { id: string; active: boolean; settings?: IWorkflowSettings; staticData?: IDataObject },
): Workflow {
	return new Workflow({
		id: options.id,
		nodes: [node],
		connections: {},
		active: options.active,
		nodeTypes: singleNodeTypes(nodeType),
		staticData: options.staticData,
		settings: options.settings ?? {},
	});
}

/** What n8n passes to every context beside the workflow: the credential store, ids and the instance's URLs. */
export function testAdditionalData(
	credentialsHelper: FakeCredentialsHelper,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executionId: 'exec-test',
		userId: 'user-test',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeParameters,
	} as unknown as IWorkflowExecuteAdditionalData;
}
