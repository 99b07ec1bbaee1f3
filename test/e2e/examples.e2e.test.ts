// End-to-end: the example workflows of examples/ (linked from the README), imported into a real n8n as a user
// does (the file's JSON, the tinyEmail credentials chosen, for the trigger the audience picked), activated and
// run against the tinyEmail sandbox. Part of `npm run test:e2e`; E2E_N8N_VERSIONS and E2E_TARBALL work as in
// n8n.e2e.test.ts.
import { randomBytes } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { request } from 'undici';
import { DEMO_API_KEY, DEMO_CLIENT, startSandbox, type Sandbox } from '../../sandbox';
import { buildAndPack, installCommunityPackage } from '../../scripts/lib/package/communityPackage';
import type { ExecutionDetail, N8nClient } from '../../scripts/lib/n8n/n8nApi';
import { freePort, startN8n, type N8nServer } from '../../scripts/lib/n8n/n8nServer';
import { devSetup, type DevSetupResult } from '../../scripts/lib/dev/devSetup';
import { log, stopAll, waitFor } from '../../scripts/lib/proc';
import { TARGETS, type N8nTarget } from '../../scripts/lib/provisioning/targets';
import { provisionN8n, targetFor } from '../../scripts/lib/provisioning/provision';
import { exampleForImport, type WorkflowJson } from '../../scripts/lib/n8n/workflows';

const EXAMPLES_DIR = resolve(__dirname, '..', '..', 'examples');
const readExample = (file: string): WorkflowJson => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;

const targets: N8nTarget[] = process.env.E2E_N8N_VERSIONS
	? process.env.E2E_N8N_VERSIONS.split(',').map((v) => targetFor(v.trim()))
	: TARGETS;

let workDir: string;
let tarball: string;

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tinyemail-examples-'));
	tarball = process.env.E2E_TARBALL ? resolve(process.env.E2E_TARBALL) : await buildAndPack(join(workDir, 'pack'));
});

afterAll(async () => {
	await stopAll();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// The MCP server example needs an MCP client: n8n.e2e.test.ts ("as MCP tools") runs it on both n8n lines
const TESTED_IN_N8N_SUITE = 'mcp-server.json';

test('every example of examples/ is tested below, or (the MCP server) in n8n.e2e.test.ts', () => {
	expect(readdirSync(EXAMPLES_DIR).sort()).toEqual([
		TESTED_IN_N8N_SUITE,
		'sign-ups-to-audience.json',
		'tag-new-audience-members.json',
		'unsubscribe-from-webhook.json',
	]);
	expect(readFileSync(join(__dirname, 'n8n.e2e.test.ts'), 'utf8')).toContain(`examples/${TESTED_IN_N8N_SUITE}`);
});

describe.each(targets.map((t) => [t.n8nVersion, t] as const))('n8n %s runs the README examples', (_version, target) => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let client: N8nClient;
	let setup: DevSetupResult;
	const runId = randomBytes(3).toString('hex');
	const email = (label: string) => `${label}-${runId}@example.com`;

	beforeAll(async () => {
		const install = await provisionN8n(target);
		const port = await freePort();
		sandbox = await startSandbox({
			rateLimitPerMinute: false,
			clients: [{ ...DEMO_CLIENT, redirectUris: [`http://127.0.0.1:${port}/rest/oauth2-credential/callback`] }],
		});
		const userFolder = join(workDir, `n8n-${target.n8nVersion}`);
		await installCommunityPackage(userFolder, tarball);
		n8n = await startN8n({
			install,
			userFolder,
			port,
			encryptionKey: randomBytes(24).toString('hex'),
			logFile: join(workDir, `n8n-${target.n8nVersion}.log`),
		});
		client = n8n.client();
		const owner = {
			email: 'examples@example.com',
			firstName: 'Ex',
			lastName: 'Ample',
			password: `Ex-${randomBytes(6).toString('hex')}-Pass1`,
		};
		setup = await devSetup(client, owner, {
			url: sandbox.url,
			clientId: DEMO_CLIENT.id,
			clientSecret: DEMO_CLIENT.secret,
			apiKey: DEMO_API_KEY,
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	const describeExecution = (e: ExecutionDetail) =>
		JSON.stringify({ status: e.status, error: e.errorMessage, nodeErrors: e.nodeErrors }, null, 1) + `\n--- n8n log ---\n${n8n.tail(30)}`;

	/** Imports an example (credentials chosen, `parameters` set on named nodes) and activates it. */
	async function importAndActivate(file: string, parameters?: Record<string, Record<string, unknown>>) {
		const { workflow, webhookPaths } = exampleForImport(readExample(file), {
			credentials: { oAuth2: setup.oauth2, apiKey: setup.apiKey },
			pathSuffix: runId,
			parameters,
		});
		const created = await client.createWorkflow(workflow as unknown as Record<string, unknown>);
		await client.activateWorkflow(created.id);
		return { workflowId: created.id, webhookPaths };
	}

	/** Calls the example's webhook (production URL) and returns the finished execution. */
	async function callExample(flow: { workflowId: string; webhookPaths: string[] }, body: unknown): Promise<ExecutionDetail> {
		const known = new Set((await client.listExecutions(flow.workflowId)).map((e) => e.id));
		const answer = await waitFor(
			`webhook ${flow.webhookPaths[0]}`,
			async () => {
				const res = await client.callWebhook(flow.webhookPaths[0], body);
				return res.status === 404 ? undefined : res;
			},
			{ timeoutMs: 30000 },
		);
		const execution = await client.waitForNewExecution(flow.workflowId, known, 60000);
		if (execution.status !== 'success') throw new Error(`webhook answered ${answer.status}; ${describeExecution(execution)}`);
		return execution;
	}

	test('Sign-ups to an audience: each customer is stored and becomes a member of "Newsletter", created once', async () => {
		const flow = await importAndActivate('sign-ups-to-audience.json');
		const customers = [
			{ email: email('ann'), firstName: 'Ann', lastName: 'Lee' },
			{ email: email('bob'), firstName: 'Bob', signedUpOn: 'landing page' },
		];
		const execution = await callExample(flow, { customers });
		const output = execution.nodeOutputs['Add to Newsletter'];
		expect(output).toHaveLength(2);
		const newsletter = sandbox.control.listAudiences().filter((a) => a.name === 'Newsletter');
		expect(newsletter).toHaveLength(1);
		expect(newsletter[0].members).toEqual(expect.arrayContaining([email('ann'), email('bob')]));
		expect(output.map((item) => item.audienceIds)).toEqual([[newsletter[0].id], [newsletter[0].id]]);
		expect(sandbox.control.getCustomer(email('ann'))).toMatchObject({ firstName: 'Ann', lastName: 'Lee' });
		// signedUpOn is no tinyEmail field: left out (and named in the node's hint, Unknown Input Fields: Warn)
		expect(sandbox.control.getCustomer(email('bob'))).toEqual(expect.not.objectContaining({ signedUpOn: expect.anything() }));
		expect(sandbox.control.getCustomer(email('bob'))).toMatchObject({ firstName: 'Bob' });
	});

	test('Unsubscribes from another system: the status becomes Unsubscribed, the rest is kept; an unknown email is stored as Unsubscribed', async () => {
		sandbox.control.seedCustomers([{ email: email('leaving'), firstName: 'Lee', status: 'Subscribed', tags: ['vip'] }]);
		const flow = await importAndActivate('unsubscribe-from-webhook.json');
		const execution = await callExample(flow, { email: email('leaving') });
		expect(execution.nodeOutputs['Mark Unsubscribed']).toEqual([{ email: email('leaving'), status: 'Unsubscribed' }]);
		const stored = sandbox.control.getCustomer(email('leaving'));
		expect(stored).toMatchObject({ firstName: 'Lee', status: 'Unsubscribed', tags: ['vip'] });
		// this example uses the OAuth2 credential
		expect(
			sandbox.control
				.requestLog()
				.filter((e) => e.path.startsWith('/v1/account/customer'))
				.at(-1)?.auth,
		).toBe('bearer');
		// an address tinyEmail does not know yet is stored as Unsubscribed, so a later import never mails it
		await callExample(flow, { email: email('never-known') });
		expect(sandbox.control.getCustomer(email('never-known'))).toMatchObject({ status: 'Unsubscribed' });
	});

	test('Welcome new members: a member who joins after activation gets the tag "welcomed" on the next poll', async () => {
		const audienceId = sandbox.control.seedAudience({ name: `VIP ${runId}`, members: [] });
		sandbox.control.seedCustomers([{ email: email('early'), tags: ['vip'] }]);
		const res = await request(`${sandbox.url}/v1/audiences/${audienceId}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
			body: JSON.stringify({ assignMembers: [{ email: email('early') }] }),
		});
		await res.body.dump();
		sandbox.control.clearRequestLog();
		const flow = await importAndActivate('tag-new-audience-members.json', {
			'New Audience Member': { audience: { __rl: true, mode: 'list', value: audienceId } },
		});
		// activation runs the first poll (the baseline, n8n 2.x in the background): it reports nobody
		await waitFor(
			"the trigger's first poll",
			async () =>
				sandbox.control
					.requestLog()
					.some((e) => e.method === 'GET' && e.status === 200 && e.path.startsWith(`/v1/contacts/${audienceId}/members`))
					? true
					: undefined,
			{ timeoutMs: 60_000 },
		);
		expect(await client.listExecutions(flow.workflowId)).toEqual([]);

		sandbox.control.seedCustomers([{ email: email('joiner'), firstName: 'Jo', tags: ['vip'] }]);
		const join = await request(`${sandbox.url}/v1/audiences/${audienceId}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
			body: JSON.stringify({ assignMembers: [{ email: email('joiner'), firstName: 'Jo' }] }),
		});
		await join.body.dump();
		const execution = await client.waitForNewExecution(flow.workflowId, new Set(), 150_000);
		if (execution.status !== 'success') throw new Error(describeExecution(execution));
		log(`Examples on n8n ${target.n8nVersion}: the trigger example ran for ${email('joiner')}`);
		expect(execution.nodeOutputs['Tag as Welcomed']).toHaveLength(1);
		expect(sandbox.control.getCustomer(email('joiner'))?.tags).toEqual(['vip', 'welcomed']);
		expect(sandbox.control.getCustomer(email('early'))?.tags).toEqual(['vip']);
	});
});
