// Workflow JSON for the dev instance, the e2e suite and benchmarks, built from the node's real parameter names
// (nodes/TinyEmail/actions/customer/*: email, additionalFields, updateFields; authentication oAuth2 | apiKey).
import { randomUUID } from 'crypto';

export const TINYEMAIL_NODE_TYPE = 'n8n-nodes-tinyemail.tinyEmail';
export const OAUTH2_CREDENTIAL_TYPE = 'tinyEmailOAuth2Api';
export const API_KEY_CREDENTIAL_TYPE = 'tinyEmailApi';

export type Operation = 'create' | 'upsert' | 'get' | 'update';
export type Authentication = 'oAuth2' | 'apiKey';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	webhookId?: string;
}

export interface WorkflowJson {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	active: boolean;
}

const FIELDS_PARAMETER: Record<Operation, 'additionalFields' | 'updateFields' | undefined> = {
	create: 'additionalFields',
	upsert: 'additionalFields',
	update: 'updateFields',
	get: undefined,
};

export function tinyEmailNode(opts: {
	name: string;
	operation: Operation;
	authentication: Authentication;
	credential: CredentialRef;
	email: string;
	fields?: Record<string, string>;
	position: [number, number];
}): WorkflowNode {
	const parameters: Record<string, unknown> = {
		authentication: opts.authentication,
		resource: 'customer',
		operation: opts.operation,
		email: opts.email,
	};
	const fieldsParameter = FIELDS_PARAMETER[opts.operation];
	if (fieldsParameter) parameters[fieldsParameter] = opts.fields ?? {};
	return {
		id: randomUUID(),
		name: opts.name,
		type: TINYEMAIL_NODE_TYPE,
		typeVersion: 1,
		position: opts.position,
		parameters,
		credentials: {
			[opts.authentication === 'oAuth2' ? OAUTH2_CREDENTIAL_TYPE : API_KEY_CREDENTIAL_TYPE]: opts.credential,
		},
	};
}

function chain(nodes: WorkflowNode[]): WorkflowJson['connections'] {
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

export const EXAMPLE_WORKFLOW_NAME = 'tinyEmail example: create or update a customer, then read it back';

/** Manual Trigger → tinyEmail Create or Update → tinyEmail Get, with the OAuth2 credential (used by `npm run dev`). */
export function exampleWorkflow(credential: CredentialRef): WorkflowJson {
	const nodes: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: 'When clicking ‘Execute workflow’',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		tinyEmailNode({
			name: 'Create or Update Customer',
			operation: 'upsert',
			authentication: 'oAuth2',
			credential,
			email: 'ada@example.com',
			fields: { firstName: 'Ada', lastName: 'Lovelace', city: 'London', tags: 'n8n, example' },
			position: [260, 0],
		}),
		tinyEmailNode({
			name: 'Get Customer',
			operation: 'get',
			authentication: 'oAuth2',
			credential,
			email: '={{ $json.email }}',
			position: [520, 0],
		}),
	];
	return { name: EXAMPLE_WORKFLOW_NAME, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' }, active: false };
}

/**
 * Webhook (POST /webhook/<path>, answers with the last node's output) → one tinyEmail operation whose
 * email and fields come from the request body (`{ email, <field>: value }`) → optionally a Get of the same email.
 */
export function webhookWorkflow(opts: {
	name: string;
	path: string;
	operation: Operation;
	authentication: Authentication;
	credential: CredentialRef;
	fieldNames?: string[];
	thenGet?: boolean;
}): WorkflowJson {
	const fields: Record<string, string> = {};
	for (const field of opts.fieldNames ?? []) fields[field] = `={{ $json.body.${field} }}`;
	const nodes: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			parameters: { httpMethod: 'POST', path: opts.path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			webhookId: randomUUID(),
		},
		tinyEmailNode({
			name: 'tinyEmail',
			operation: opts.operation,
			authentication: opts.authentication,
			credential: opts.credential,
			email: '={{ $json.body.email }}',
			fields,
			position: [260, 0],
		}),
	];
	if (opts.thenGet) {
		nodes.push(
			tinyEmailNode({
				name: 'Get Customer',
				operation: 'get',
				authentication: opts.authentication,
				credential: opts.credential,
				email: "={{ $('Webhook').item.json.body.email }}",
				position: [520, 0],
			}),
		);
	}
	return { name: opts.name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' }, active: false };
}
