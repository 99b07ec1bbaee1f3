// Runs the tinyEmail node as n8n runs it as an AI tool: the tool variant n8n derives from `usableAsTool`
// (n8n-nodes-tinyemail.tinyEmailTool), connected to an agent-like node whose real n8n-core ExecuteContext
// asks for its tools (getInputConnectionData, as the AI Agent and the MCP Server Trigger do). n8n-core builds
// the LangChain tool (name, description, $fromAI schema) and runs the node in its SupplyDataContext with
// the agent's arguments as the one input item.
import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRunExecutionData,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createRunExecutionData, deepCopy } from 'n8n-workflow';

import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';
import { FakeCredentialsHelper, type SavedToken } from './fakeCredentialsHelper';
import { testAdditionalData, testNode } from './n8nContext';

/**
 * The tool variant as n8n 2.41's loader makes it (packages/cli tool-generation/ai-tools.ts): the description
 * with `usableAsTool.replacements`, name + "Tool", no inputs, an ai_tool output, and the Tool Description
 * parameters in front (Set Automatically: the operation's action).
 */
export function tinyEmailToolType(): INodeType {
	const base = new TinyEmail();
	const usable = base.description.usableAsTool;
	const description = {
		...deepCopy(base.description),
		...(typeof usable === 'object' ? usable.replacements : {}),
	} as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	description.properties = [
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: description.description,
			required: true,
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
		...description.properties,
	];
	return { description, methods: base.methods, execute: base.execute };
}

/** A node with a Tools input, standing in for the AI Agent / MCP Server Trigger that calls the tool. */
const agentType: INodeType = {
	description: {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Asks for its tools',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};

export interface RunToolOptions {
	/** The tool node's parameters as the editor stores them; `$fromAI(…)` expressions define its input. */
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The agent's arguments for the tool call. */
	args: IDataObject;
	/** The tool node's name (its tool name is that with "_" for spaces). */
	name?: string;
	continueOnFail?: boolean;
}

export interface RunToolResult {
	/** The tool as n8n offers it to the agent. */
	tool: { name: string; description: string; inputs: string[] };
	/** What the tool call answered (n8n passes the output items' JSON as a JSON string). */
	response?: unknown;
	error?: Error & { description?: string | null };
	savedTokens: SavedToken[];
}

export async function runTool(options: RunToolOptions): Promise<RunToolResult> {
	const toolType = tinyEmailToolType();
	const toolNode = testNode(toolType, {
		id: 'tinyemail-tool',
		name: options.name ?? 'tinyEmail',
		parameters: options.parameters,
		credentials: options.credentials,
		settings: options.continueOnFail ? { onError: 'continueRegularOutput' } : {},
	});
	const agentNode = {
		id: 'agent',
		name: 'Agent',
		type: 'test.testAgent',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const nodeTypes: INodeTypes = {
		getByName: (type) => (type === toolNode.type ? toolType : agentType),
		getByNameAndVersion: (type) => (type === toolNode.type ? toolType : agentType),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'wf-tool',
		nodes: [agentNode, toolNode],
		connections: { [toolNode.name]: { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: {},
	});
	const credentialsHelper = new FakeCredentialsHelper(structuredClone(options.credentials));
	const additionalData = testAdditionalData(credentialsHelper);
	const items = [{ json: { chatInput: 'a question for the agent' } }];
	const inputData = { main: [items] };
	const runExecutionData: IRunExecutionData = createRunExecutionData({});
	const executeData = { node: agentNode, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
	const context = new ExecuteContext(workflow, agentNode, additionalData, 'manual', runExecutionData, 0, items, inputData, executeData, []);

	const tools = (await context.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{
		name: string;
		description: string;
		schema: { shape: Record<string, unknown> };
		invoke: (args: IDataObject) => Promise<string>;
	}>;
	const [found] = tools;
	const tool = { name: found.name, description: found.description, inputs: Object.keys(found.schema.shape) };
	try {
		const answer = await found.invoke(options.args);
		return { tool, response: JSON.parse(answer) as unknown, savedTokens: credentialsHelper.savedTokens };
	} catch (error) {
		return { tool, error: error as RunToolResult['error'], savedTokens: credentialsHelper.savedTokens };
	}
}
