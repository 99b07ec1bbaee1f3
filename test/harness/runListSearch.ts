// Calls one of the node's listSearch methods inside n8n-core's real LoadOptionsContext,
// as the editor does when a "From list" picker opens (credentials through the fake helper).
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';
import { FakeCredentialsHelper } from './fakeCredentialsHelper';
import { singleNodeTypes } from './singleNodeTypes';

export interface ListSearchOptions {
	method: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	filter?: string;
	paginationToken?: string;
	/** Path of the parameter being filled, e.g. `parameters.audience`. */
	path?: string;
	/** The node whose picker it is (default: the tinyEmail node; the trigger has the Audience picker too). */
	nodeType?: INodeType & { methods?: { listSearch?: object } };
}

export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const nodeType = options.nodeType ?? new TinyEmail();
	const nodeTypes = singleNodeTypes(nodeType);
	const parameters =
		NodeHelpers.getNodeParameters(nodeType.description.properties, options.parameters, true, false, null, nodeType.description) ??
		options.parameters;
	const node: INode = {
		id: 'tinyemail-node',
		name: 'tinyEmail',
		type: `n8n-nodes-tinyemail.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }])),
	};
	const workflow = new Workflow({ id: 'wf-test', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const additionalData = {
		credentialsHelper: new FakeCredentialsHelper(structuredClone(options.credentials)),
		currentNodeParameters: parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters.audience');
	const method = (nodeType.methods?.listSearch as Record<string, unknown>)[options.method] as (
		this: LoadOptionsContext,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>;
	return await method.call(context, options.filter, options.paginationToken);
}
