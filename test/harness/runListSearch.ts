// Calls one of the node's listSearch methods inside n8n-core's real LoadOptionsContext,
// as the editor does when a "From list" picker opens (credentials through the fake helper).
import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeListSearchResult, INodeParameters, INodeType } from 'n8n-workflow';

import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';
import { FakeCredentialsHelper } from './fakeCredentialsHelper';
import { oneNodeWorkflow, testAdditionalData, testNode } from './n8nContext';

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
	const node = testNode(nodeType, {
		id: 'tinyemail-node',
		name: 'tinyEmail',
		parameters: options.parameters,
		credentials: options.credentials,
	});
	const workflow = oneNodeWorkflow(nodeType, node, { id: 'wf-test', active: false });
	const additionalData = testAdditionalData(new FakeCredentialsHelper(structuredClone(options.credentials)), node.parameters);
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters.audience');
	const method = (nodeType.methods?.listSearch as Record<string, unknown>)[options.method] as (
		this: LoadOptionsContext,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>;
	return await method.call(context, options.filter, options.paginationToken);
}
