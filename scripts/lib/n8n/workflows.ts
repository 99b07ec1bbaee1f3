// Workflow JSON for the dev instance, the e2e suite and benchmarks, built from the node's real parameter names
// (nodes/TinyEmail/actions/customer/*: columns (Fields to Send), email (Get), tagsMode, addToAudiences,
// createAudienceIfMissing; actions/audience/getMembers: audience, returnAll, simplify; authentication oAuth2 | apiKey).
import { randomUUID } from 'crypto';

import { customerFieldSchema } from '../../../nodes/TinyEmail/helpers/customerFields';

export const TINYEMAIL_NODE_TYPE = 'n8n-nodes-tinyemail.tinyEmail';
export const TINYEMAIL_TRIGGER_NODE_TYPE = 'n8n-nodes-tinyemail.tinyEmailTrigger';
export const TRIGGER_NODE_NAME = 'tinyEmail Trigger';
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
	/** n8n's "Execute Once" node setting: run with the first input item only. */
	executeOnce?: boolean;
	/** n8n's "On Error" node setting; 'continueRegularOutput' is Continue (Continue On Fail). */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** n8n's "Retry On Fail" node settings. */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface WorkflowJson {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	active: boolean;
}

/**
 * Fields to Send (`columns`, a resourceMapper) as n8n's editor stores it: `'auto'` is Map Automatically
 * (each field from the input item's key of the same name), an object is Map Each Column Manually. As in
 * the editor (the parameter sets addAllFields: false), a field without a value is marked removed, so the
 * panel lists only the fields given, as a user who added them would see it.
 */
export function fieldsToSend(values: Record<string, string> | 'auto'): Record<string, unknown> {
	const given = (id: string) => values === 'auto' || id in values;
	return {
		mappingMode: values === 'auto' ? 'autoMapInputData' : 'defineBelow',
		value: values === 'auto' ? null : values,
		matchingColumns: ['email'],
		schema: customerFieldSchema().map((field) => (given(field.id) ? field : { ...field, removed: true })),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

/** A resource locator value as n8n stores it (`mode` is one of the locator's modes: list, id, name). */
export function locator(mode: 'list' | 'id' | 'name', value: string): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode, value };
}

/** A POST webhook; it answers with the last node's output, or at once ('onReceived') while the run goes on. */
function webhookNode(path: string, responseMode: 'lastNode' | 'onReceived' = 'lastNode'): WorkflowNode {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		parameters:
			responseMode === 'lastNode'
				? { httpMethod: 'POST', path, responseMode, responseData: 'allEntries', options: {} }
				: { httpMethod: 'POST', path, responseMode, options: {} },
		webhookId: randomUUID(),
	};
}

function credentialsFor(authentication: Authentication, credential: CredentialRef): Record<string, CredentialRef> {
	return { [authentication === 'oAuth2' ? OAUTH2_CREDENTIAL_TYPE : API_KEY_CREDENTIAL_TYPE]: credential };
}

export function tinyEmailNode(opts: {
	name: string;
	operation: Operation;
	authentication: Authentication;
	credential: CredentialRef;
	/** The customer's email (an expression or a fixed value); with `fields: 'auto'` it comes from the item. */
	email: string;
	/** Fields to Send besides Email (Map Each Column Manually), or 'auto' (Map Automatically); not for Get. */
	fields?: Record<string, string> | 'auto';
	/** Other parameters of the operation, e.g. `{ simplify: false }` on Get. */
	parameters?: Record<string, unknown>;
	position: [number, number];
}): WorkflowNode {
	const parameters: Record<string, unknown> = {
		authentication: opts.authentication,
		resource: 'customer',
		operation: opts.operation,
		...opts.parameters,
	};
	if (opts.operation === 'get') parameters.email = opts.email;
	else parameters.columns = fieldsToSend(opts.fields === 'auto' ? 'auto' : { email: opts.email, ...opts.fields });
	return {
		id: randomUUID(),
		name: opts.name,
		type: TINYEMAIL_NODE_TYPE,
		typeVersion: 1,
		position: opts.position,
		parameters,
		credentials: credentialsFor(opts.authentication, opts.credential),
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
		webhookNode(opts.path),
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
				// The whole stored customer: the suite checks every field it wrote
				parameters: { simplify: false },
				position: [520, 0],
			}),
		);
	}
	return { name: opts.name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' }, active: false };
}

export const AUDIENCE_FLOW_NODES = {
	split: 'Split Out Customers',
	upsert: 'Create or Update Customers',
	membersById: 'Get Members of Seeded Audience',
	membersOfNamed: 'Get Members of Named Audience',
} as const;

/**
 * Webhook (body `{ customers: [{ email, firstName, lastName }], audienceName, audienceId }`) → Split Out (one item
 * per customer) → tinyEmail Customer › Create or Update (Map Automatically) with Add to Audiences: the audience **By Name**
 * `audienceName` (Create Audience If Missing on) and the audience **By ID** `audienceId` → tinyEmail Audience ›
 * Get Members of `audienceId` (By ID) → Get Members of the named audience (By ID, taken from the upsert's
 * `audienceIds[0]`). Both Get Members nodes run once (Execute Once), Return All, Simplify on.
 * Audiences need the API-key credential.
 */
export function audienceFlowWorkflow(opts: { name: string; path: string; credential: CredentialRef }): WorkflowJson {
	const authentication: Authentication = 'apiKey';
	const credentials = credentialsFor(authentication, opts.credential);
	const body = "$('Webhook').first().json.body";
	const getMembers = (name: string, audienceId: string, position: [number, number]): WorkflowNode => ({
		id: randomUUID(),
		name,
		type: TINYEMAIL_NODE_TYPE,
		typeVersion: 1,
		position,
		executeOnce: true,
		parameters: {
			authentication,
			resource: 'audience',
			operation: 'getMembers',
			audience: locator('id', audienceId),
			returnAll: true,
			simplify: true,
		},
		credentials,
	});
	const nodes: WorkflowNode[] = [
		webhookNode(opts.path),
		{
			id: randomUUID(),
			name: AUDIENCE_FLOW_NODES.split,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.customers', include: 'noOtherFields', options: {} },
		},
		{
			id: randomUUID(),
			name: AUDIENCE_FLOW_NODES.upsert,
			type: TINYEMAIL_NODE_TYPE,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				authentication,
				resource: 'customer',
				operation: 'upsert',
				// The split items are { email, firstName, lastName }: each becomes the field of the same name
				columns: fieldsToSend('auto'),
				addToAudiences: {
					audience: [
						{ audience: locator('name', `={{ ${body}.audienceName }}`) },
						{ audience: locator('id', `={{ ${body}.audienceId }}`) },
					],
				},
				createAudienceIfMissing: true,
			},
			credentials,
		},
		getMembers(AUDIENCE_FLOW_NODES.membersById, `={{ ${body}.audienceId }}`, [660, 0]),
		getMembers(AUDIENCE_FLOW_NODES.membersOfNamed, `={{ $('${AUDIENCE_FLOW_NODES.upsert}').first().json.audienceIds[0] }}`, [880, 0]),
	];
	return { name: opts.name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' }, active: false };
}

export const BULK_UPSERT_NODE = 'Create or Update Customers';

/**
 * Webhook (body `{ customers: [{ email }] }`) → Split Out (one item per customer) → tinyEmail Customer ›
 * Create or Update with the API-key credential and the given Options (the node's defaults otherwise:
 * Batch Size 1000, Max Requests per Minute 55). `respondAtOnce` answers the webhook as soon as the run
 * starts (for runs that are stopped); `continueOnFail` sets the node's On Error to Continue; `fields` are
 * Fields to Send besides Email, mapped manually (e.g. `{ firstName: '={{ $json.firstName }}' }`); without
 * them the node maps automatically (each split item is `{ email }`).
 */
export function bulkUpsertWorkflow(opts: {
	name: string;
	path: string;
	credential: CredentialRef;
	options?: Record<string, unknown>;
	respondAtOnce?: boolean;
	continueOnFail?: boolean;
	fields?: Record<string, string>;
}): WorkflowJson {
	const nodes: WorkflowNode[] = [
		webhookNode(opts.path, opts.respondAtOnce ? 'onReceived' : 'lastNode'),
		{
			id: randomUUID(),
			name: 'Split Out Customers',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.customers', include: 'noOtherFields', options: {} },
		},
		{
			...tinyEmailNode({
				name: BULK_UPSERT_NODE,
				operation: 'upsert',
				authentication: 'apiKey',
				credential: opts.credential,
				email: '={{ $json.email }}',
				fields: opts.fields ?? 'auto',
				parameters: { options: opts.options ?? {} },
				position: [440, 0],
			}),
			...(opts.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	return { name: opts.name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' }, active: false };
}

export type TriggerEvent = 'campaignStatusChanged' | 'newAudienceMember' | 'newCampaign';

/**
 * A tinyEmail Trigger alone (API key), polling every minute (n8n's shortest poll time): each poll that
 * finds changes starts one execution whose output is the trigger's items. `parameters` adds the event's
 * own (audience, statuses, simplify).
 */
export function triggerWorkflow(opts: {
	name: string;
	event: TriggerEvent;
	credential: CredentialRef;
	parameters?: Record<string, unknown>;
}): WorkflowJson {
	const node: WorkflowNode = {
		id: randomUUID(),
		name: TRIGGER_NODE_NAME,
		type: TINYEMAIL_TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: opts.event, ...(opts.parameters ?? {}) },
		credentials: credentialsFor('apiKey', opts.credential),
	};
	return { name: opts.name, nodes: [node], connections: {}, settings: { executionOrder: 'v1' }, active: false };
}

export const MCP_TRIGGER_NODE_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';
export const TINYEMAIL_TOOL_NODE_TYPE = 'n8n-nodes-tinyemail.tinyEmailTool';

/**
 * examples/mcp-server.json (MCP Server Trigger with four tinyEmail Tool nodes: Create or Update Customer and
 * Get Customer with OAuth2, Add Customers to Audience and Get Many Campaigns with the API key), as the README
 * offers it for import, made ready to run: its MCP path set, a fresh webhook ID, and the two credentials.
 */
export function mcpServerWorkflow(
	example: WorkflowJson,
	opts: { name: string; path: string; oAuth2: CredentialRef; apiKey: CredentialRef },
): WorkflowJson {
	const copy = structuredClone(example);
	for (const node of copy.nodes) {
		if (node.type === MCP_TRIGGER_NODE_TYPE) {
			node.parameters.path = opts.path;
			node.webhookId = randomUUID();
		}
		if (node.credentials?.[OAUTH2_CREDENTIAL_TYPE]) node.credentials[OAUTH2_CREDENTIAL_TYPE] = opts.oAuth2;
		if (node.credentials?.[API_KEY_CREDENTIAL_TYPE]) node.credentials[API_KEY_CREDENTIAL_TYPE] = opts.apiKey;
	}
	return { ...copy, name: opts.name, active: false };
}

/**
 * Webhook (body: the tool's arguments) → n8n's Tool Executor, which runs the connected tool node `tool` (a
 * tinyEmail Tool node, e.g. one of examples/mcp-server.json) with those arguments, without an LLM. The
 * executor's query differs between n8n's major versions (`n8nMajor`).
 */
export function toolExecutorWorkflow(opts: { name: string; path: string; tool: WorkflowNode; n8nMajor: number }): WorkflowJson {
	const toolName = opts.tool.name.replace(/[^a-zA-Z0-9_-]+/g, '_');
	// n8n 2.x reads the arguments under the tool's name ({ "<tool name>": { …arguments } }); 1.x takes the query as the arguments
	const query = opts.n8nMajor >= 2 ? `={{ JSON.stringify({ ${toolName}: $json.body }) }}` : '={{ JSON.stringify($json.body) }}';
	const executor: WorkflowNode = {
		id: randomUUID(),
		name: 'Tool Executor',
		type: '@n8n/n8n-nodes-langchain.toolExecutor',
		typeVersion: 1,
		position: [260, 0],
		parameters: { query, toolName },
	};
	const tool = { ...structuredClone(opts.tool), id: randomUUID(), position: [260, 220] as [number, number] };
	const connections: Record<string, unknown> = {
		Webhook: { main: [[{ node: executor.name, type: 'main', index: 0 }]] },
		[tool.name]: { ai_tool: [[{ node: executor.name, type: 'ai_tool', index: 0 }]] },
	};
	return {
		name: opts.name,
		nodes: [webhookNode(opts.path), executor, tool],
		connections: connections as WorkflowJson['connections'],
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * An example of `examples/*.json` made ready to run, as a user who imports it does: each tinyEmail node gets the
 * credential its Authentication asks for (the trigger: the API key), each Webhook a path of its own (`<path>-<suffix>`,
 * so several n8n instances or runs do not collide), and `parameters` are set on the named nodes (e.g. the audience a
 * user picks from the list after importing).
 */
export function exampleForImport(
	example: WorkflowJson,
	opts: {
		credentials: Record<Authentication, CredentialRef>;
		pathSuffix: string;
		parameters?: Record<string, Record<string, unknown>>;
	},
): { workflow: WorkflowJson; webhookPaths: string[] } {
	const webhookPaths: string[] = [];
	const nodes = example.nodes.map((node): WorkflowNode => {
		const parameters = { ...node.parameters, ...(opts.parameters?.[node.name] ?? {}) };
		const copy: WorkflowNode = { ...node, parameters };
		if (node.type === 'n8n-nodes-base.webhook') {
			parameters.path = `${String(node.parameters.path)}-${opts.pathSuffix}`;
			copy.webhookId = randomUUID();
			webhookPaths.push(String(parameters.path));
		}
		if (node.type === TINYEMAIL_TRIGGER_NODE_TYPE) copy.credentials = credentialsFor('apiKey', opts.credentials.apiKey);
		if (node.type === TINYEMAIL_NODE_TYPE) {
			const authentication = (parameters.authentication as Authentication | undefined) ?? 'oAuth2';
			copy.credentials = credentialsFor(authentication, opts.credentials[authentication]);
		}
		return copy;
	});
	return { workflow: { ...example, nodes, active: false }, webhookPaths };
}
