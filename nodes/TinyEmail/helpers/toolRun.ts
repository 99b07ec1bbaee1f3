import type { INode } from 'n8n-workflow';

/**
 * Whether n8n runs this node as an AI tool (for an AI Agent, the MCP Server Trigger or the Tool Executor).
 * n8n derives the tool variant from `usableAsTool` as a node type whose name ends with "Tool"
 * (n8n-nodes-tinyemail.tinyEmailTool); its `@tool` display option checks the same. This holds in n8n 1.x
 * and 2.x alike, also where n8n-core runs a tool in a regular execute context (2.x agents' engine requests).
 */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

/**
 * A message for a tool call: it has one input, the agent's arguments, so "item 0" means nothing to the
 * agent or to the person reading its log. Removes the node's item references, keeping the sentence.
 */
export function withoutItemNumbers(text: string): string {
	return text
		.replace(/ from item \d+ to item \d+/g, '')
		.replace(/ \(item \d+\)/g, '')
		.replace(/ in item \d+\b/g, '')
		.replace(/\bItem \d+ has\b/g, 'The input has');
}
