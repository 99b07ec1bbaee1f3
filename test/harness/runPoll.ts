// Runs the tinyEmail Trigger's poll() inside n8n-core's real PollContext, the way an active workflow
// polls: one context kept from poll to poll (n8n builds it once per activation), the node's static data
// in the Workflow, saved only when n8n would save it (after the activation poll and after a poll that
// emitted items), so that restart() loses exactly what n8n would lose.
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import type { Workflow } from 'n8n-workflow';

import { TinyEmailTrigger } from '../../nodes/TinyEmail/TinyEmailTrigger.node';
import { FakeCredentialsHelper } from './fakeCredentialsHelper';
import { oneNodeWorkflow, testAdditionalData, testNode } from './n8nContext';

export const TRIGGER_NODE_NAME = 'tinyEmail Trigger';

export interface PollOutcome {
	/** The items the poll emitted; null when it reported nothing (n8n then starts no execution). */
	items: IDataObject[] | null;
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
}

export interface PollingTrigger {
	/** A scheduled poll (the first one is the activation poll). */
	poll(): Promise<PollOutcome>;
	/** "Fetch Test Event" in the editor: a manual poll with its own context, as n8n runs it. */
	fetchTestEvent(): Promise<PollOutcome>;
	/** The node's static data now (a plain copy). */
	staticData(): IDataObject;
	/** The static data as n8n last saved it. */
	savedStaticData(): IDataObject;
	/** n8n restarts: the workflow is activated again from the saved static data (no new baseline if a watermark was saved). */
	restart(): void;
	/** The user edits the node (e.g. another audience); n8n reactivates the workflow, keeping the static data. */
	setParameters(parameters: INodeParameters): void;
	/** The user edits the credential; n8n does not reactivate the workflow for that. */
	setCredential(type: string, data: ICredentialDataDecryptedObject): void;
}

export function pollingTrigger(options: {
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}): PollingTrigger {
	const trigger = new TinyEmailTrigger();
	const credentialStore = structuredClone(options.credentials);
	const credentialsHelper = new FakeCredentialsHelper(credentialStore);
	const additionalData = testAdditionalData(credentialsHelper);

	let parameters = options.parameters;
	let saved: IDataObject = {};
	let workflow: Workflow;
	let context: PollContext;
	let activated = false;

	const plain = (data: unknown): IDataObject => JSON.parse(JSON.stringify(data ?? {})) as IDataObject;

	function build(staticData: IDataObject): { workflow: Workflow; node: INode } {
		const node = testNode(trigger, { id: 'tinyemail-trigger', name: TRIGGER_NODE_NAME, parameters, credentials: options.credentials });
		const built = oneNodeWorkflow(trigger, node, { id: 'wf-trigger', active: true, staticData });
		return { workflow: built, node };
	}

	function activate(activation: WorkflowActivateMode): void {
		const built = build(plain(saved));
		workflow = built.workflow;
		context = new PollContext(workflow, built.node, additionalData, 'trigger', activation);
		activated = false;
	}

	async function run(ctx: PollContext): Promise<PollOutcome> {
		try {
			const result = (await trigger.poll.call(ctx)) as INodeExecutionData[][] | null;
			return { items: result === null ? null : result[0].map((item) => item.json) };
		} catch (error) {
			return { items: null, error: error as PollOutcome['error'] };
		}
	}

	activate('activate');

	return {
		async poll() {
			const outcome = await run(context);
			// n8n saves the static data after activating the workflow, and with every execution a poll starts
			const nodeData = workflow.staticData;
			if (!outcome.error && (!activated || outcome.items !== null)) saved = plain(nodeData);
			activated = true;
			return outcome;
		},
		async fetchTestEvent() {
			const built = build(plain(workflow.staticData));
			const manual = new PollContext(built.workflow, built.node, additionalData, 'manual' as WorkflowExecuteMode, 'manual');
			const before = JSON.stringify(built.workflow.staticData);
			const outcome = await run(manual);
			if (JSON.stringify(built.workflow.staticData) !== before) throw new Error('Fetch Test Event changed the static data');
			return outcome;
		},
		staticData: () => plain(workflow.staticData),
		savedStaticData: () => plain(saved),
		restart() {
			activate('init');
		},
		setParameters(next) {
			parameters = next;
			saved = plain(workflow.staticData);
			activate('update');
		},
		setCredential(type, data) {
			credentialStore[type] = data;
		},
	};
}

/** The node-scoped static data of the trigger inside a workflow's static data. */
export function nodeStaticData(staticData: IDataObject): IDataObject {
	return (staticData[`node:${TRIGGER_NODE_NAME}`] ?? {}) as IDataObject;
}

/**
 * What the trigger's saved state may weigh: n8n stores static data inside the workflow and rewrites it
 * after every poll that emits items, so the tests hold the trigger well below this.
 */
export const MAX_STATE_BYTES = 64 * 1024;

/** The size, in UTF-8 bytes, of the trigger's state as n8n last saved it. */
export function savedStateBytes(watch: PollingTrigger): number {
	return Buffer.byteLength(JSON.stringify(nodeStaticData(watch.savedStaticData())), 'utf8');
}
