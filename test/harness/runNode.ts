// Runs the tinyEmail node's execute() inside n8n-core's real ExecuteContext, so parameters,
// continue-on-fail, credentials and httpRequestWithAuthentication (OAuth2 refresh included)
// behave as in n8n.
import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IRunExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';
import { FakeCredentialsHelper, type SavedToken } from './fakeCredentialsHelper';
import { oneNodeWorkflow, testAdditionalData, testNode } from './n8nContext';

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
	const node = testNode(nodeType, {
		id: 'tinyemail-node',
		name: 'tinyEmail',
		parameters: options.parameters,
		credentials: options.credentials,
		settings: {
			continueOnFail: options.continueOnFail === true,
			onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		},
	});
	const workflow = oneNodeWorkflow(nodeType, node, {
		id: 'wf-test',
		active: false,
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const credentialsHelper = options.credentialsHelper ?? new FakeCredentialsHelper(structuredClone(options.credentials));
	const additionalData = testAdditionalData(credentialsHelper);

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
