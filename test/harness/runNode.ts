// Runs the tinyEmail node's execute() inside n8n-core's real ExecuteContext, so parameters,
// continue-on-fail, credentials and httpRequestWithAuthentication (OAuth2 refresh included)
// behave as in n8n.
import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	NodeExecutionHint,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';
import { FakeCredentialsHelper, type SavedToken } from './fakeCredentialsHelper';
import { singleNodeTypes } from './singleNodeTypes';

const NODE_TYPE = 'n8n-nodes-tinyemail.tinyEmail';

export interface RunNodeOptions {
	/** Node parameters as the editor would store them (resource, operation, fields…). */
	parameters: INodeParameters;
	/** Input items' JSON; one per item. Defaults to a single empty item. */
	items?: IDataObject[];
	/** Credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	/** The workflow's time zone setting (default: none, so n8n's GENERIC_TIMEZONE or its default applies). */
	timezone?: string;
	/** n8n's execution cancel signal: aborting it is what Stop in the editor does. */
	abortSignal?: AbortSignal;
	/** Stands in for n8n's credential store (default: a FakeCredentialsHelper holding `credentials`). */
	credentialsHelper?: FakeCredentialsHelper;
	/** Called with n8n-core's context before the node runs, e.g. to count parameter reads. */
	inspectContext?: (context: ExecuteContext) => void;
}

export interface RunNodeResult {
	output?: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	savedTokens: SavedToken[];
	/** Execution hints the node added (shown on the node in the editor, stored with the run). */
	hints: NodeExecutionHint[];
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeType = new TinyEmail();
	const nodeTypes = singleNodeTypes(nodeType);
	// Fill in defaults exactly as n8n does for a saved node
	const parameters =
		NodeHelpers.getNodeParameters(nodeType.description.properties, options.parameters, true, false, null, nodeType.description) ??
		options.parameters;
	const node: INode = {
		id: 'tinyemail-node',
		name: 'tinyEmail',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		continueOnFail: options.continueOnFail === true,
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }])),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const credentialsHelper = options.credentialsHelper ?? new FakeCredentialsHelper(structuredClone(options.credentials));
	const additionalData = {
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
		currentNodeParameters: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const inputData = { main: [items] };
	const runExecutionData: IRunExecutionData = createRunExecutionData({});
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		runExecutionData,
		0,
		items,
		inputData,
		executeData,
		[],
		options.abortSignal,
	);

	options.inspectContext?.(context);
	try {
		const result = await nodeType.execute.call(context);
		return { output: result[0], savedTokens: credentialsHelper.savedTokens, hints: context.hints };
	} catch (error) {
		return { error: error as RunNodeResult['error'], savedTokens: credentialsHelper.savedTokens, hints: context.hints };
	}
}
