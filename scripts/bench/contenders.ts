// The benchmark's contenders as n8n workflows: Webhook (answers when the last node is done) → Split Out (one item
// per posted customer) → the contender. Built from the node's real parameter names (scripts/lib/workflows.ts).
import { randomBytes } from 'crypto';

import { DEMO_API_KEY } from '../../sandbox';
import {
	API_KEY_CREDENTIAL_TYPE,
	TINYEMAIL_NODE_TYPE,
	fieldsToSend,
	type CredentialRef,
	type WorkflowJson,
	type WorkflowNode,
} from '../lib/n8n/workflows';

export type ContenderId = 'node' | 'nodeManual' | 'peerA' | 'peerB';

export const CONTENDERS: Record<ContenderId, string> = {
	node: 'tinyEmail node, Map Automatically',
	nodeManual: 'tinyEmail node, Map Each Column Manually',
	peerA: 'peer (a) Code → HTTP Request, 1,000 a request',
	peerB: 'peer (b) HTTP Request, 1 a request',
};

/** The workflow nodes that are the contender (what "inside the node" means for its event-loop blocks). */
export const CONTENDER_NODES: Record<ContenderId, string[]> = {
	node: ['Worker'],
	nodeManual: ['Worker'],
	peerA: ['Batches', 'Worker'],
	peerB: ['Worker'],
};

/** What the run does with the posted customers. Tags Add is Create or Update with Tags Mode "Add to Existing". */
export type Operation = 'upsert' | 'create' | 'update' | 'tagsAdd';

/** The careful one-per-request configuration under the limit: a little over 1 s apart. */
export const PEER_B_INTERVAL_MS = 1050;
export const PEER_A_BATCH = 1000;

export interface WorkerSpec {
	contender: ContenderId;
	operation: Operation;
	/** Whether the sandbox's 60/min limit is on (the node then paces at its default, else Max Requests per Minute 0). */
	limited: boolean;
	/** On Error: Continue, so one failing item (or batch) does not end the run. */
	continueOnFail: boolean;
}

const id = () => randomBytes(8).toString('hex');
const at = (x: number): [number, number] => [x, 0];

/** n8n's Retry On Fail as a careful user sets it on an HTTP Request node (429s and 5xx are retried; so are 400s). */
const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 };

function worker(spec: WorkerSpec, sandboxUrl: string, credential: CredentialRef): WorkflowNode[] {
	const onError = spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {};
	if (spec.contender === 'node' || spec.contender === 'nodeManual') {
		const manual = { email: '={{ $json.email }}', firstName: '={{ $json.firstName }}' };
		return [
			{
				id: id(),
				name: 'Worker',
				type: TINYEMAIL_NODE_TYPE,
				typeVersion: 1,
				position: at(440),
				// Defaults (Batch Size, Max Requests per Minute, Max Retry Wait); with the limit off, Max Requests per
				// Minute 0 (no pacing), as a user without the limit would set it
				parameters: {
					authentication: 'apiKey',
					resource: 'customer',
					operation: spec.operation === 'tagsAdd' ? 'upsert' : spec.operation,
					columns: fieldsToSend(
						spec.contender === 'node' ? 'auto' : spec.operation === 'tagsAdd' ? { ...manual, tags: '={{ $json.tags }}' } : manual,
					),
					...(spec.operation === 'tagsAdd' ? { tagsMode: 'add' } : {}),
					options: spec.limited ? {} : { maxRequestsPerMinute: 0 },
				},
				credentials: { [API_KEY_CREDENTIAL_TYPE]: credential },
				...onError,
			},
		];
	}
	if (spec.operation !== 'upsert') throw new Error(`${CONTENDERS[spec.contender]} is only benchmarked on upserts`);
	const put = {
		method: 'PUT',
		url: `${sandboxUrl}/v1/account/customer`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'X-API-KEY', value: DEMO_API_KEY }] },
		sendBody: true,
		specifyBody: 'json',
	};
	if (spec.contender === 'peerB') {
		return [
			{
				id: id(),
				name: 'Worker',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: at(440),
				parameters: {
					...put,
					jsonBody: '={{ JSON.stringify({ updateMembers: [{ email: $json.email, firstName: $json.firstName }] }) }}',
					options: { batching: { batch: { batchSize: 1, batchInterval: spec.limited ? PEER_B_INTERVAL_MS : 0 } } },
				},
				...RETRY_ON_FAIL,
				...onError,
			},
		];
	}
	// Peer (a): the best hand-built flow. 10 requests for 10,000 customers fit the 60/min limit without pacing.
	const jsCode = [
		`const size = ${PEER_A_BATCH};`,
		'const items = $input.all();',
		'const batches = [];',
		'for (let i = 0; i < items.length; i += size) {',
		'  batches.push({ json: { updateMembers: items.slice(i, i + size).map((item) => ({ email: item.json.email, firstName: item.json.firstName })) } });',
		'}',
		'return batches;',
	].join('\n');
	return [
		{
			id: id(),
			name: 'Batches',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: at(440),
			parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode },
		},
		{
			id: id(),
			name: 'Worker',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: at(660),
			parameters: { ...put, jsonBody: '={{ JSON.stringify($json) }}', options: {} },
			...RETRY_ON_FAIL,
			...onError,
		},
	];
}

/**
 * Webhook → Split Out → the contender. `saveSuccess` keeps the successful execution (off otherwise, as
 * saving 10,000 items would be part of the wall time): needed to read the node's execution time.
 */
export function benchWorkflow(opts: {
	name: string;
	path: string;
	spec: WorkerSpec;
	sandboxUrl: string;
	credential: CredentialRef;
	saveSuccess?: boolean;
}): WorkflowJson {
	const nodes: WorkflowNode[] = [
		{
			id: id(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: at(0),
			parameters: { httpMethod: 'POST', path: opts.path, responseMode: 'lastNode', responseData: 'noData', options: {} },
			webhookId: randomBytes(16).toString('hex'),
		},
		{
			id: id(),
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: at(220),
			parameters: { fieldToSplitOut: 'body.customers', options: {} },
		},
		...worker(opts.spec, opts.sandboxUrl, opts.credential),
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		name: opts.name,
		nodes,
		connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: opts.saveSuccess ? 'all' : 'none', saveExecutionProgress: false },
		active: false,
	};
}
