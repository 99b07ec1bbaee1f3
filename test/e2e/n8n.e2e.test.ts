// End-to-end: the packed package installed as a community node in a real n8n (2.41.1 on Node 24 and the
// newest 1.x on Node 20), credentials connected through n8n's real OAuth2 flow against the tinyEmail sandbox,
// workflows triggered through production webhooks. Run with `npm run test:e2e` (provisions n8n if missing).
// E2E_N8N_VERSIONS=2.41.1 (or 1.123.81) limits the run to one version; E2E_TARBALL=<file> installs that
// tarball instead of building and packing one (the publish workflow tests the tarball it then publishes).
import { randomBytes, randomUUID } from 'crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { request } from 'undici';
import { DEMO_API_KEY, DEMO_CLIENT, startSandbox, type Sandbox } from '../../sandbox';
import { buildAndPack, installCommunityPackage } from '../../scripts/lib/package/communityPackage';
import type { ExecutionDetail, N8nClient, OwnerAccount } from '../../scripts/lib/n8n/n8nApi';
import { freePort, startN8n, type N8nServer } from '../../scripts/lib/n8n/n8nServer';
import { log, stopAll, waitFor } from '../../scripts/lib/proc';
import { TARGETS, type N8nTarget } from '../../scripts/lib/provisioning/targets';
import { provisionN8n, targetFor } from '../../scripts/lib/provisioning/provision';
import { approveOnSandbox } from '../../scripts/lib/dev/sandboxConsent';
import {
	AUDIENCE_FLOW_NODES,
	BULK_UPSERT_NODE,
	TINYEMAIL_NODE_TYPE,
	TINYEMAIL_TRIGGER_NODE_TYPE,
	TRIGGER_NODE_NAME,
	audienceFlowWorkflow,
	bulkUpsertWorkflow,
	locator,
	mcpServerWorkflow,
	tinyEmailNode,
	toolExecutorWorkflow,
	triggerWorkflow,
	webhookWorkflow,
	type Authentication,
	type CredentialRef,
	type Operation,
	type WorkflowJson,
} from '../../scripts/lib/n8n/workflows';

const targets: N8nTarget[] = process.env.E2E_N8N_VERSIONS
	? process.env.E2E_N8N_VERSIONS.split(',').map((v) => targetFor(v.trim()))
	: TARGETS;

const OWNER: OwnerAccount = {
	email: 'e2e@example.com',
	firstName: 'End',
	lastName: 'ToEnd',
	password: `E2e-${randomBytes(6).toString('hex')}-Pass1`,
};

let workDir: string;
let tarball: string;

/** E2E_CAPTURE_DIR=<dir> keeps real answers (tools/list, one tools/call and its sandbox requests) as JSON files there. */
function capture(file: string, value: unknown): void {
	if (!process.env.E2E_CAPTURE_DIR) return;
	mkdirSync(process.env.E2E_CAPTURE_DIR, { recursive: true });
	writeFileSync(join(process.env.E2E_CAPTURE_DIR, file), JSON.stringify(value, null, 2) + '\n');
}

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tinyemail-e2e-'));
	tarball = process.env.E2E_TARBALL ? resolve(process.env.E2E_TARBALL) : await buildAndPack(join(workDir, 'pack'));
});

afterAll(async () => {
	await stopAll();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each(targets.map((t) => [t.n8nVersion, t] as const))('n8n %s with the packed community node', (_version, target) => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let client: N8nClient;
	let oauth: CredentialRef;
	let apiKeyCred: CredentialRef;
	const runId = randomBytes(3).toString('hex');
	const email = (label: string) => `${label}-${runId}@example.com`;
	const webhooks: Record<string, { path: string; workflowId: string }> = {};
	/** The access token n8n stored when the OAuth2 credential was connected (read with export:credentials). */
	let connectedAccessToken: string | undefined;

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
			// n8n logs `Running node "…" finished` at debug level: the Stop test reads when the node really ended
			extraEnv: { N8N_LOG_LEVEL: 'debug' },
		});
		client = n8n.client();
		// The Node the n8n process really executes, not the one this test runs on.
		const running = await n8n.runningNode();
		const expectedMajor = (target.node === 'system' ? process.version : target.node).replace(/^v/, '').split('.')[0];
		log(
			`n8n ${target.n8nVersion} runs on Node ${running.version} (major ${running.version.replace(/^v/, '').split('.')[0]}; ${running.exe}; pinned: ${target.node})`,
		);
		if (running.version.replace(/^v/, '').split('.')[0] !== expectedMajor || running.exe !== realpathSync(install.nodeBin)) {
			throw new Error(
				`n8n ${target.n8nVersion} runs on Node ${running.version} (${running.exe}), expected Node ${expectedMajor}.x from ${install.nodeBin}`,
			);
		}
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** Creates a webhook workflow, activates it and waits until its production URL answers. */
	async function deploy(
		key: string,
		operation: Operation,
		authentication: Authentication,
		credential: CredentialRef,
		fieldNames: string[],
		thenGet = false,
	) {
		await deployWorkflow(key, (path) =>
			webhookWorkflow({ name: `e2e ${key}`, path, operation, authentication, credential, fieldNames, thenGet }),
		);
	}

	async function deployWorkflow(key: string, build: (path: string) => WorkflowJson) {
		const path = `e2e-${key}-${runId}`;
		const wf = await client.createWorkflow(build(path) as unknown as Record<string, unknown>);
		await client.activateWorkflow(wf.id);
		webhooks[key] = { path, workflowId: wf.id };
	}

	/** Calls one of the sandbox's control routes over HTTP (as a user of `npm run sandbox` would). */
	async function sandboxControl<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
		const res = await request(`${sandbox.url}/__sandbox${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.body.text();
		if (res.statusCode !== 200) throw new Error(`${method} /__sandbox${route} answered ${res.statusCode}: ${text}`);
		return JSON.parse(text) as T;
	}

	/** Calls tinyEmail's API on the sandbox with the demo API key (as another integration would change data). */
	async function sandboxApi(method: 'PUT' | 'POST', path: string, body: unknown): Promise<unknown> {
		const res = await request(`${sandbox.url}/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
			body: JSON.stringify(body),
		});
		const text = await res.body.text();
		if (res.statusCode >= 300) throw new Error(`${method} /v1${path} answered ${res.statusCode}: ${text}`);
		return text === '' ? undefined : JSON.parse(text);
	}

	/** Calls a deployed workflow and returns the HTTP answer plus the finished execution. */
	async function trigger(
		key: string,
		body: Record<string, unknown>,
	): Promise<{ status: number; body: unknown; execution: ExecutionDetail }> {
		const { path, workflowId } = webhooks[key];
		const known = new Set((await client.listExecutions(workflowId)).map((e) => e.id));
		// Production webhooks are registered on activation; allow a moment for that (bounded).
		const res = await waitFor(
			`webhook ${path}`,
			async () => {
				const answer = await client.callWebhook(path, body);
				return answer.status === 404 ? undefined : answer;
			},
			{ timeoutMs: 30000 },
		);
		try {
			const execution = await client.waitForNewExecution(workflowId, known, 60000);
			return { ...res, execution };
		} catch (err) {
			throw new Error(
				`${(err as Error).message}; the webhook answered ${res.status} ${JSON.stringify(res.body).slice(0, 500)}\n--- n8n log ---\n${n8n.tail(30)}`,
			);
		}
	}

	/** The OAuth token data n8n stored for the credential, decrypted (n8n's REST API masks it). */
	async function storedTokens(id: string): Promise<{ access_token?: unknown; refresh_token?: unknown }> {
		const exported = await n8n.exportCredential(id);
		return exported.data.oauthTokenData ?? {};
	}

	/** Status of a tinyEmail API call made directly to the sandbox with `token` (200: the sandbox accepts it). */
	async function sandboxApiStatus(token: string, customerEmail: string): Promise<number> {
		const res = await request(`${sandbox.url}/v1/account/customer/${encodeURIComponent(customerEmail)}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		await res.body.dump();
		return res.statusCode;
	}

	const describeExecution = (e: ExecutionDetail) =>
		JSON.stringify({ status: e.status, error: e.errorMessage, nodeErrors: e.nodeErrors }, null, 1) + `\n--- n8n log ---\n${n8n.tail(30)}`;

	test('owner account is set up and the session cookie works', async () => {
		const state = await client.setupOrLogin(OWNER);
		expect(state).toBe('created');
		// a second login on the same instance works too (what `npm run dev` does on later runs)
		await client.login(OWNER);
		const me = await client.call<{ email: string }>('GET', '/rest/login');
		expect(me.email).toBe(OWNER.email);
	});

	test('n8n loaded the tinyEmail node, the tinyEmail Trigger and both credential types from the community package', async () => {
		// n8n 1.x may still be writing these files just after it reports ready (seen as "other side closed"
		// on a loaded machine), so each is read again until it parses, for at most a minute.
		const types = async (file: string) =>
			await waitFor(
				`n8n's /types/${file}`,
				async () =>
					(await (await request(`${n8n.url}/types/${file}`, { headers: { cookie: client.cookieHeader } })).body.json()) as unknown[],
				{ timeoutMs: 60000, intervalMs: 1000 },
			);
		const nodes = (await types('nodes.json')) as Array<{ name: string; version: number | number[] }>;
		expect(nodes.map((n) => n.name)).toEqual(expect.arrayContaining([TINYEMAIL_NODE_TYPE, TINYEMAIL_TRIGGER_NODE_TYPE]));
		const creds = (await types('credentials.json')) as Array<{ name: string }>;
		expect(creds.map((c) => c.name)).toEqual(expect.arrayContaining(['tinyEmailOAuth2Api', 'tinyEmailApi']));
	});

	test("the editor gets the Fields to Send schema from the node (n8n's resource-mapper-fields endpoint)", async () => {
		const answer = await client.call<{ fields: Array<{ id: string; required: boolean; canBeUsedToMatch?: boolean; type?: string }> }>(
			'POST',
			'/rest/dynamic-node-parameters/resource-mapper-fields',
			{
				nodeTypeAndVersion: { name: TINYEMAIL_NODE_TYPE, version: 1 },
				methodName: 'getCustomerFields',
				path: 'parameters.columns',
				currentNodeParameters: { authentication: 'apiKey', resource: 'customer', operation: 'upsert' },
			},
		);
		expect(answer.fields[0]).toMatchObject({ id: 'email', required: true, canBeUsedToMatch: true });
		expect(answer.fields.map((field) => field.id)).toEqual(expect.arrayContaining(['firstName', 'status', 'tags', 'lastPurchaseDate']));
		expect(answer.fields.find((field) => field.id === 'status')?.type).toBe('options');
	});

	test("an OAuth2 credential pointed at the sandbox connects through n8n's real flow", async () => {
		const before = sandbox.control.counters().tokenIssued;
		const id = await client.createCredential('tinyEmail e2e (OAuth2)', 'tinyEmailOAuth2Api', {
			server: 'custom',
			baseUrl: sandbox.url,
			clientId: DEMO_CLIENT.id,
			clientSecret: DEMO_CLIENT.secret,
		});
		oauth = { id, name: 'tinyEmail e2e (OAuth2)' };
		expect(await client.credentialConnected(id)).toBe(false);
		// n8n's credential test before connecting. (The editor itself offers no Test for OAuth2 credentials: it shows
		// "Account connected" from the stored tokens, checked below; its copy of a connected credential's data has
		// the tokens masked as `true`, so n8n's test endpoint could not confirm them either.)
		expect(await client.testCredential(id)).toEqual({
			status: 'Error',
			message: 'This OAuth2 credential was not connected to an account.',
		});

		await client.connectOAuth2(id, approveOnSandbox);
		expect(await client.credentialConnected(id)).toBe(true);

		// REST only says that tokens exist (1.x: true, 2.x: true or a mask) …
		const stored = await client.getCredential(id, true);
		expect(stored.data?.oauthTokenData).toBeTruthy();
		// … the stored token data itself, decrypted
		const tokens = await storedTokens(id);
		expect(typeof tokens.access_token).toBe('string');
		expect(typeof tokens.refresh_token).toBe('string');
		expect(tokens.access_token).not.toBe('');
		expect(tokens.refresh_token).not.toBe('');
		connectedAccessToken = tokens.access_token as string;
		const grants = sandbox.control.requestLog().filter((e) => e.grantType === 'authorization_code');
		expect(grants).toHaveLength(1);
		expect(grants[0].status).toBe(200);
		expect(sandbox.control.counters().tokenIssued).toBe(before + 1);
	});

	test('create, update and get customers through webhook-triggered workflows', async () => {
		await deploy('create', 'create', 'oAuth2', oauth, ['firstName', 'lastName', 'city', 'tags', 'status']);
		await deploy('update', 'update', 'oAuth2', oauth, ['firstName', 'phone']);
		await deploy('upsert', 'upsert', 'oAuth2', oauth, ['firstName', 'company'], true);

		const grace = email('grace');
		const created = await trigger('create', {
			email: grace,
			firstName: 'Grace',
			lastName: 'Hopper',
			city: 'Arlington',
			tags: 'navy, cobol',
			status: 'Subscribed',
		});
		expect(created.execution.status).toBe('success');
		expect(created.status).toBe(200);
		let stored = sandbox.control.getCustomer(grace);
		expect(stored).toBeDefined();
		expect(stored?.firstName).toBe('Grace');
		expect(stored?.lastName).toBe('Hopper');
		expect(stored?.city).toBe('Arlington');
		expect(stored?.tags).toEqual(['navy', 'cobol']);
		expect(stored?.status).toBe('Subscribed');

		const updated = await trigger('update', { email: grace, firstName: 'Amazing Grace', phone: '+1 555 0100' });
		expect(updated.execution.status).toBe('success');
		stored = sandbox.control.getCustomer(grace);
		expect(stored?.firstName).toBe('Amazing Grace');
		expect(stored?.phone).toBe('+1 555 0100');
		expect(stored?.lastName).toBe('Hopper'); // fields left out keep their value
		expect(stored?.city).toBe('Arlington');

		const ada = email('ada');
		const upserted = await trigger('upsert', { email: ada, firstName: 'Ada', company: 'Analytical Engines' });
		expect(upserted.execution.status).toBe('success');
		expect(sandbox.control.getCustomer(ada)).toMatchObject({ email: ada, firstName: 'Ada', company: 'Analytical Engines' });
		// the Get node read it back through n8n
		const got = upserted.execution.nodeOutputs['Get Customer'];
		expect(got).toHaveLength(1);
		expect(got[0]).toMatchObject({ email: ada, firstName: 'Ada', company: 'Analytical Engines' });
		// every call went out with the bearer token
		const apiCalls = sandbox.control.requestLog().filter((e) => e.path.startsWith('/v1/'));
		expect(apiCalls.length).toBeGreaterThan(0);
		expect(apiCalls.every((e) => e.auth === 'bearer')).toBe(true);
	});

	test('an expired access token is refreshed once, then reused', async () => {
		sandbox.control.expireAllAccessTokens();
		const before = sandbox.control.counters().refreshes;
		const first = await trigger('upsert', { email: email('refresh1'), firstName: 'Refreshed', company: 'Tokens Inc' });
		expect(first.execution.status).toBe('success');
		expect(sandbox.control.counters().refreshes - before).toBe(1);
		expect(sandbox.control.getCustomer(email('refresh1'))?.firstName).toBe('Refreshed');
		// n8n saved the refreshed token: a different access token, which the sandbox accepts (the old one it refuses)
		expect(connectedAccessToken).toBeDefined();
		const refreshed = await storedTokens(oauth.id);
		expect(typeof refreshed.access_token).toBe('string');
		expect(typeof refreshed.refresh_token).toBe('string');
		expect(refreshed.access_token).not.toBe(connectedAccessToken);
		expect(await sandboxApiStatus(refreshed.access_token as string, email('refresh1'))).toBe(200);
		expect(await sandboxApiStatus(connectedAccessToken as string, email('refresh1'))).toBe(401);
		expect(sandbox.control.requestLog().filter((e) => e.grantType === 'refresh_token' && e.status === 200)).toHaveLength(1);

		const second = await trigger('upsert', { email: email('refresh2'), firstName: 'Again', company: 'Tokens Inc' });
		expect(second.execution.status).toBe('success');
		expect(sandbox.control.counters().refreshes - before).toBe(1);
	});

	/** Connects a real MCP client over Streamable HTTP to the MCP Server Trigger at /mcp/<path>, once it is registered. */
	async function mcpClient(path: string): Promise<McpClient> {
		let lastMcpError: Error | undefined;
		return await waitFor(
			`MCP server /mcp/${path}`,
			async () => {
				const mcp = new McpClient({ name: 'tinyemail-e2e', version: '1.0.0' });
				try {
					await mcp.connect(new StreamableHTTPClientTransport(new URL(`${n8n.url}/mcp/${path}`)));
					return mcp;
				} catch (error) {
					await mcp.close().catch(() => undefined);
					lastMcpError = error as Error;
					return undefined;
				}
			},
			{ timeoutMs: 30000 },
		).catch((error: Error) => {
			throw new Error(`${error.message}; last MCP error: ${lastMcpError?.message}\n--- n8n log ---\n${n8n.tail(30)}`);
		});
	}

	/** The text of a tools/call answer. */
	const answerText = (answer: Awaited<ReturnType<McpClient['callTool']>>) =>
		(answer.content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('\n');

	test('as MCP tools: examples/mcp-server.json lists four tinyEmail tools; calls write and read in tinyEmail, refresh an expired token once, and explain bad input', async () => {
		const apiKey = await client.createCredential('tinyEmail e2e MCP (API key)', 'tinyEmailApi', {
			apiKey: DEMO_API_KEY,
			server: 'custom',
			baseUrl: sandbox.url,
		});
		const path = `e2e-mcp-${runId}`;
		const example = JSON.parse(readFileSync(join(__dirname, '../../examples/mcp-server.json'), 'utf8')) as WorkflowJson;
		const wf = await client.createWorkflow(
			mcpServerWorkflow(example, {
				name: 'e2e MCP server',
				path,
				oAuth2: oauth,
				apiKey: { id: apiKey, name: 'tinyEmail e2e MCP (API key)' },
			}) as unknown as Record<string, unknown>,
		);
		await client.activateWorkflow(wf.id);
		const mcp = await mcpClient(path);
		const answers: string[] = [];
		try {
			// tools/list: each tool's name, the description an agent chooses by, and its $fromAI input schema
			const { tools } = await mcp.listTools();
			answers.push(JSON.stringify(tools));
			capture(`tools-list-${target.n8nVersion}.json`, tools);
			const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
			expect(Object.keys(byName).sort()).toEqual([
				'Add_Customers_to_Audience',
				'Create_or_Update_Customer',
				'Get_Customer',
				'Get_Many_Campaigns',
			]);
			expect(byName.Create_or_Update_Customer.description).toBe('Create or update a customer by email in tinyEmail');
			expect(byName.Get_Customer.description).toBe('Get a customer by email in tinyEmail');
			expect(byName.Add_Customers_to_Audience.description).toBe('Add customers to an audience in tinyEmail');
			expect(byName.Get_Many_Campaigns.description).toBe('Get many campaigns in tinyEmail');
			const upsertSchema = byName.Create_or_Update_Customer.inputSchema as {
				properties: Record<string, { type: string; description: string }>;
				required?: string[];
			};
			expect(Object.keys(upsertSchema.properties).sort()).toEqual(['email', 'firstName', 'lastName']);
			expect(upsertSchema.properties.email).toMatchObject({
				type: 'string',
				description: 'Email address of the customer; it identifies the customer',
			});
			// the names have a default ('') in $fromAI, so an agent that knows only the email need not invent them
			expect(upsertSchema.required).toEqual(['email']);
			expect(Object.keys((byName.Get_Many_Campaigns.inputSchema as { properties: object }).properties)).toEqual(['limit']);

			// tools/call with an expired access token: n8n refreshes it once, the customer is written
			sandbox.control.expireAllAccessTokens();
			// (clearing the log also resets the sandbox's counters, so count from here)
			sandbox.control.clearRequestLog();
			const refreshesBefore = sandbox.control.counters().refreshes;
			const mcpEmail = email('mcp');
			const written = await mcp.callTool({
				name: 'Create_or_Update_Customer',
				arguments: { email: mcpEmail, firstName: 'Model', lastName: 'Context' },
			});
			answers.push(answerText(written));
			capture(`tools-call-${target.n8nVersion}.json`, { answer: written, sandboxRequests: sandbox.control.requestLog() });
			if (written.isError) throw new Error(`Create_or_Update_Customer failed: ${answerText(written)}\n--- n8n log ---\n${n8n.tail(30)}`);
			expect(JSON.parse(answerText(written))).toEqual([{ email: mcpEmail, firstName: 'Model', lastName: 'Context' }]);
			expect(sandbox.control.getCustomer(mcpEmail)).toMatchObject({ firstName: 'Model', lastName: 'Context' });
			expect(sandbox.control.counters().refreshes - refreshesBefore).toBe(1);
			const writes = sandbox.control
				.requestLog()
				.filter((e) => e.method === 'PUT' && e.path === '/v1/account/customer' && e.status === 200);
			expect(writes).toHaveLength(1);
			expect(writes[0].auth).toBe('bearer');

			// read it back with the refreshed token (no second refresh)
			const read = await mcp.callTool({ name: 'Get_Customer', arguments: { email: mcpEmail } });
			answers.push(answerText(read));
			expect(read.isError).toBeFalsy();
			expect(JSON.parse(answerText(read))).toEqual([expect.objectContaining({ email: mcpEmail, firstName: 'Model', lastName: 'Context' })]);
			expect(sandbox.control.counters().refreshes - refreshesBefore).toBe(1);

			// only the email: the names default to '', which Empty Values (Keep Stored Value) does not send
			sandbox.control.clearRequestLog();
			const emailOnly = await mcp.callTool({ name: 'Create_or_Update_Customer', arguments: { email: mcpEmail } });
			answers.push(answerText(emailOnly));
			if (emailOnly.isError) throw new Error(`Create_or_Update_Customer with only an email failed: ${answerText(emailOnly)}`);
			expect(JSON.parse(answerText(emailOnly))).toEqual([{ email: mcpEmail }]);
			expect(sandbox.control.getCustomer(mcpEmail)).toMatchObject({ firstName: 'Model', lastName: 'Context' });
			const emailOnlyWrites = sandbox.control.requestLog().filter((e) => e.method === 'PUT' && e.path === '/v1/account/customer');
			expect(emailOnlyWrites).toHaveLength(1);

			// the API-key tools: add the customer to a seeded audience, list the campaigns
			const seeded = await sandboxControl<{ audiences: string[]; campaigns: string[] }>('POST', '/seed', {
				audiences: [{ name: `E2E MCP ${runId}` }],
				campaigns: [{ status: 'DRAFT', campaign: { name: `E2E MCP Campaign ${runId}`, subject: 'Hi' }, senderId: 'sender-demo-1' }],
			});
			const added = await mcp.callTool({
				name: 'Add_Customers_to_Audience',
				arguments: { audienceId: seeded.audiences[0], emails: mcpEmail },
			});
			answers.push(answerText(added));
			if (added.isError) throw new Error(`Add_Customers_to_Audience failed: ${answerText(added)}`);
			const { audiences } = await sandboxControl<{ audiences: Array<{ id: string; members: string[] }> }>('GET', '/audiences');
			expect(audiences.find((a) => a.id === seeded.audiences[0])?.members).toEqual([mcpEmail]);
			const campaigns = await mcp.callTool({ name: 'Get_Many_Campaigns', arguments: { limit: 100 } });
			answers.push(answerText(campaigns));
			expect(campaigns.isError).toBeFalsy();
			expect((JSON.parse(answerText(campaigns)) as Array<{ id: string }>).map((c) => c.id)).toContain(seeded.campaigns[0]);

			// bad input and an unknown customer come back as errors naming the field or the email, nothing sent
			sandbox.control.clearRequestLog();
			const invalid = await mcp.callTool({
				name: 'Create_or_Update_Customer',
				arguments: { email: 'not-an-email', firstName: 'X', lastName: 'Y' },
			});
			answers.push(answerText(invalid));
			expect(invalid.isError).toBe(true);
			expect(answerText(invalid)).toMatch(/The email "not-an-email" /);
			expect(answerText(invalid)).not.toMatch(/\bitem \d/i);
			expect(sandbox.control.requestLog().filter((e) => e.path.startsWith('/v1/'))).toEqual([]);
			const unknown = await mcp.callTool({ name: 'Get_Customer', arguments: { email: email('nobody') } });
			answers.push(answerText(unknown));
			expect(unknown.isError).toBe(true);
			expect(answerText(unknown)).toContain(`No customer with email "${email('nobody')}" exists in tinyEmail`);
			expect(answerText(unknown)).not.toMatch(/\bitem \d/i);
		} finally {
			await mcp.close();
		}
		// no secret in any answer
		const tokens = await storedTokens(oauth.id);
		const secrets = [tokens.access_token, tokens.refresh_token, connectedAccessToken, DEMO_CLIENT.secret, DEMO_API_KEY].filter(
			(s): s is string => typeof s === 'string' && s !== '',
		);
		for (const secret of secrets) expect(answers.join('\n')).not.toContain(secret);
	});

	test("a tinyEmail Tool run by n8n's Tool Executor (no LLM) writes the customer", async () => {
		const example = JSON.parse(readFileSync(join(__dirname, '../../examples/mcp-server.json'), 'utf8')) as WorkflowJson;
		const tool = example.nodes.find((node) => node.name === 'Create or Update Customer')!;
		await deployWorkflow('executor', (path) =>
			toolExecutorWorkflow({
				name: 'e2e Tool Executor',
				path,
				tool: { ...tool, credentials: { tinyEmailOAuth2Api: oauth } },
				n8nMajor: Number(target.n8nVersion.split('.')[0]),
			}),
		);
		const executorEmail = email('executor');
		const res = await trigger('executor', { email: executorEmail, firstName: 'Tool', lastName: 'Executor' });
		if (res.execution.status !== 'success') throw new Error(describeExecution(res.execution));
		expect(sandbox.control.getCustomer(executorEmail)).toMatchObject({ firstName: 'Tool', lastName: 'Executor' });
		expect(JSON.stringify(res.execution.nodeOutputs['Tool Executor'])).toContain(executorEmail);
	});

	test('a revoked refresh token fails the run with a message to reconnect the credential', async () => {
		sandbox.control.revokeRefreshTokens();
		sandbox.control.expireAllAccessTokens();
		const failed = await trigger('upsert', { email: email('revoked'), firstName: 'Nobody', company: 'None' });
		expect(failed.execution.status).toBe('error');
		const messages = [failed.execution.errorMessage, failed.execution.errorDescription, ...Object.values(failed.execution.nodeErrors)].join(
			' | ',
		);
		if (!/reconnect/i.test(messages))
			throw new Error(`The run failed without telling the user to reconnect: ${describeExecution(failed.execution)}`);
		expect(sandbox.control.getCustomer(email('revoked'))).toBeUndefined();
		// the sandbox refused the refresh (invalid_grant) and saw no customer write
		const refused = sandbox.control.requestLog().filter((e) => e.grantType === 'refresh_token' && e.status === 400);
		expect(refused.length).toBeGreaterThanOrEqual(1);
	});

	test('the API-key credential works for the same operations', async () => {
		const id = await client.createCredential('tinyEmail e2e (API key)', 'tinyEmailApi', {
			apiKey: DEMO_API_KEY,
			server: 'custom',
			baseUrl: sandbox.url,
		});
		apiKeyCred = { id, name: 'tinyEmail e2e (API key)' };
		await deploy('apikey', 'upsert', 'apiKey', apiKeyCred, ['firstName', 'company'], true);
		sandbox.control.clearRequestLog();
		const linus = email('linus');
		const res = await trigger('apikey', { email: linus, firstName: 'Linus', company: 'Kernel' });
		if (res.execution.status !== 'success') throw new Error(describeExecution(res.execution));
		expect(sandbox.control.getCustomer(linus)).toMatchObject({ firstName: 'Linus', company: 'Kernel' });
		expect(res.execution.nodeOutputs['Get Customer'][0]).toMatchObject({ email: linus, firstName: 'Linus' });
		const apiCalls = sandbox.control.requestLog().filter((e) => e.path.startsWith('/v1/'));
		expect(apiCalls.length).toBeGreaterThan(0);
		expect(apiCalls.every((e) => e.auth === 'apiKey')).toBe(true);
	});

	test('the Test button on the API-key credential: a good key connects, a wrong key is explained', async () => {
		expect(apiKeyCred).toBeDefined(); // created by the API-key test above
		sandbox.control.clearRequestLog();
		expect(await client.testCredential(apiKeyCred.id)).toEqual({ status: 'OK', message: 'Connection successful!' });
		// the user types a wrong key into the dialog and tests it: n8n 2.x shows the credential's own message for
		// the 401 (its test rule); n8n 1.123's tester does not reach that rule and shows its generic 401 message
		expect(await client.testCredential(apiKeyCred.id, { apiKey: 'not-the-demo-key-123' })).toEqual({
			status: 'Error',
			message: target.n8nVersion.startsWith('1.')
				? 'Authorization failed - please check your credentials'
				: 'tinyEmail did not accept the API key: copy it again from tinyEmail (My account > API keys). API access needs the Enterprise plan.',
		});
		// one request for the good key; the wrong one n8n sends again after the 401 (it does so for every credential)
		const [good, ...wrong] = sandbox.control.requestLog().filter((e) => e.path === '/v1/sender-details');
		expect([good.method, good.auth, good.status]).toEqual(['GET', 'apiKey', 200]);
		expect(wrong.length).toBeGreaterThanOrEqual(1);
		for (const e of wrong) expect([e.method, e.auth, e.status]).toEqual(['GET', 'apiKey', 401]);
	});

	test('Base URL: tinyEmail by default; an http:// Custom URL to another computer never gets a secret', async () => {
		// OAuth2 without a Base URL choice: n8n sends the user to tinyEmail's authorization page
		const byDefault = await client.createCredential('tinyEmail e2e (default Base URL)', 'tinyEmailOAuth2Api', {
			clientId: 'id',
			clientSecret: 'secret',
		});
		expect(await client.oAuth2AuthorizeUrl(byDefault)).toMatch(
			/^https:\/\/api\.tinyemail\.com\/api\/authorization-server\/oauth\/authorize\?/,
		);
		// OAuth2 with http:// to another computer: n8n talks to it over https:// only (the client secret never goes in clear)
		const remoteOAuth = await client.createCredential('tinyEmail e2e (remote http OAuth2)', 'tinyEmailOAuth2Api', {
			server: 'custom',
			baseUrl: 'http://tinyemail.example:8080',
			clientId: 'id',
			clientSecret: 'secret',
		});
		expect(await client.oAuth2AuthorizeUrl(remoteOAuth)).toMatch(
			/^https:\/\/tinyemail\.example:8080\/api\/authorization-server\/oauth\/authorize\?/,
		);
		// API key with http:// to another computer: Test says why, and nothing is sent
		const remoteKey = await client.createCredential('tinyEmail e2e (remote http API key)', 'tinyEmailApi', {
			apiKey: DEMO_API_KEY,
			server: 'custom',
			baseUrl: 'http://tinyemail.example:8080',
		});
		const result = await client.testCredential(remoteKey);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'The tinyEmail API key was not sent: the request URL uses http:// to another computer (tinyemail.example:8080), which would send the tinyEmail credentials unencrypted: use https://, or http:// only for a test server on this computer (localhost, 127.x.x.x or [::1])',
		);
		expect(result.message).not.toContain(DEMO_API_KEY);
	});

	test('a Custom URL ending in /v1/: the Test button (API key) and the OAuth2 connect flow use the same Base URL rule as the node', async () => {
		const withV1 = `${sandbox.url}/v1/`;
		sandbox.control.clearRequestLog();
		const key = await client.createCredential('tinyEmail e2e (API key, /v1/)', 'tinyEmailApi', {
			apiKey: DEMO_API_KEY,
			server: 'custom',
			baseUrl: withV1,
		});
		expect(await client.testCredential(key)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.control.requestLog().map((e) => [e.method, e.path, e.status])).toEqual([['GET', '/v1/sender-details', 200]]);

		const before = sandbox.control.counters().tokenIssued;
		const id = await client.createCredential('tinyEmail e2e (OAuth2, /v1/)', 'tinyEmailOAuth2Api', {
			server: 'custom',
			baseUrl: withV1,
			clientId: DEMO_CLIENT.id,
			clientSecret: DEMO_CLIENT.secret,
		});
		expect(await client.oAuth2AuthorizeUrl(id)).toMatch(new RegExp(`^${sandbox.url}/api/authorization-server/oauth/authorize\\?`));
		await client.connectOAuth2(id, approveOnSandbox);
		expect(await client.credentialConnected(id)).toBe(true);
		expect(sandbox.control.counters().tokenIssued).toBe(before + 1);
		const grants = sandbox.control.requestLog().filter((e) => e.grantType === 'authorization_code');
		expect(grants.map((e) => [e.path.split('?')[0], e.status])).toEqual([['/api/authorization-server/oauth/token', 200]]);
		// and the node, on that credential, reaches the same API
		await deploy('v1oauth', 'upsert', 'oAuth2', { id, name: 'tinyEmail e2e (OAuth2, /v1/)' }, ['firstName', 'company']);
		const res = await trigger('v1oauth', { email: email('v1'), firstName: 'Vee', company: 'One' });
		if (res.execution.status !== 'success') throw new Error(describeExecution(res.execution));
		expect(sandbox.control.getCustomer(email('v1'))).toMatchObject({ firstName: 'Vee', company: 'One' });
	});

	test('an audience flow: Create or Update with Add to Audiences (by name, created if missing, and by ID), then Get Members', async () => {
		expect(apiKeyCred).toBeDefined(); // created by the API-key test above
		const seededName = `E2E Seeded ${runId}`;
		const newName = `E2E Signups ${runId}`;
		const seeded = await sandboxControl<{ audiences: string[] }>('POST', '/seed', { audiences: [{ name: seededName }] });
		expect(seeded.audiences).toHaveLength(1);
		const seededId = seeded.audiences[0];
		await deployWorkflow('audiences', (path) => audienceFlowWorkflow({ name: 'e2e audiences', path, credential: apiKeyCred }));

		const customers = [
			{ email: email('alan'), firstName: 'Alan', lastName: 'Turing' },
			{ email: email('katherine'), firstName: 'Katherine', lastName: 'Johnson' },
			{ email: email('edsger'), firstName: 'Edsger', lastName: 'Dijkstra' },
		];
		const emails = customers.map((c) => c.email).sort();
		sandbox.control.clearRequestLog();
		const res = await trigger('audiences', { customers, audienceName: newName, audienceId: seededId });
		if (res.execution.status !== 'success') throw new Error(describeExecution(res.execution));
		expect(res.status).toBe(200);

		// the sandbox stored the customers …
		for (const customer of customers) {
			const stored = await sandboxControl<Record<string, unknown>>('GET', `/customers/${encodeURIComponent(customer.email)}`);
			expect(stored).toMatchObject(customer);
		}
		// … and both audiences hold exactly them; the named one was created once
		const { audiences } = await sandboxControl<{ audiences: Array<{ id: string; name: string; members: string[] }> }>('GET', '/audiences');
		const seededAudience = audiences.find((a) => a.id === seededId);
		expect(seededAudience?.name).toBe(seededName);
		expect([...(seededAudience?.members ?? [])].sort()).toEqual(emails);
		const created = audiences.filter((a) => a.name === newName);
		expect(created).toHaveLength(1);
		expect([...created[0].members].sort()).toEqual(emails);
		const log = sandbox.control.requestLog().filter((e) => e.path.startsWith('/v1/'));
		expect(log.filter((e) => e.method === 'POST' && e.path === '/v1/audiences')).toHaveLength(1);
		expect(log.every((e) => e.auth === 'apiKey')).toBe(true);

		// the upsert's output names both audiences for every customer
		const upserted = res.execution.nodeOutputs[AUDIENCE_FLOW_NODES.upsert];
		expect(upserted.map((item) => item.email)).toEqual(customers.map((c) => c.email));
		for (const item of upserted) expect(item.audienceIds).toEqual([created[0].id, seededId]);

		// Get Members (run once each) lists exactly those customers, simplified
		for (const node of [AUDIENCE_FLOW_NODES.membersById, AUDIENCE_FLOW_NODES.membersOfNamed]) {
			const members = res.execution.nodeOutputs[node];
			if (!members) throw new Error(`${node} did not run: ${describeExecution(res.execution)}`);
			expect([...members].sort((a, b) => String(a.email).localeCompare(String(b.email)))).toEqual(
				[...customers].sort((a, b) => a.email.localeCompare(b.email)).map((c) => expect.objectContaining(c)),
			);
			for (const member of members)
				expect(Object.keys(member).every((key) => ['email', 'firstName', 'lastName', 'status', 'tags'].includes(key))).toBe(true);
		}
		// the webhook answered with the last node's output: the named audience's members
		expect(Array.isArray(res.body) ? (res.body as Array<{ email: string }>).map((m) => m.email).sort() : res.body).toEqual(emails);
	});

	/** The sandbox's log of customer writes. */
	const customerPuts = () => sandbox.control.requestLog().filter((e) => e.method === 'PUT' && e.path === '/v1/account/customer');
	const customers = (label: string, count: number) => Array.from({ length: count }, (_, i) => ({ email: email(`${label}${i}`) }));

	test('Stop on a paced run of 10,000 customers (POST /rest/executions/<id>/stop): nothing is sent after it and the execution ends canceled', async () => {
		expect(apiKeyCred).toBeDefined(); // created by the API-key test above
		// Batch Size 100 (100 writes; at the default 1,000 the run would be 10 writes, done at once), default Max
		// Requests per Minute 55 (55 at once, then a wait for the minute)
		await deployWorkflow('paced', (path) =>
			bulkUpsertWorkflow({ name: 'e2e paced', path, credential: apiKeyCred, respondAtOnce: true, options: { batchSize: 100 } }),
		);
		const { path, workflowId } = webhooks.paced;
		const known = new Set((await client.listExecutions(workflowId)).map((e) => e.id));
		sandbox.control.clearRequestLog();
		await waitFor(
			`webhook ${path}`,
			async () => {
				const answer = await client.callWebhook(path, { customers: customers('paced', 10_000) });
				return answer.status === 404 ? undefined : answer;
			},
			{ timeoutMs: 30000 },
		);
		const running = await waitFor(
			'the running execution',
			async () => (await client.listExecutions(workflowId)).find((e) => !known.has(e.id) && e.status === 'running'),
			{
				timeoutMs: 60000,
				intervalMs: 200,
			},
		);
		await waitFor('55 paced writes', async () => (customerPuts().length >= 55 ? true : undefined), { timeoutMs: 120000, intervalMs: 100 });
		// The 55th write answered; the node now waits for its 56th slot (about a minute)
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(customerPuts()).toHaveLength(55);

		const nodeEnded = n8n.outputSeen(new RegExp(`Running node "${BULK_UPSERT_NODE}" finished`), 30000);
		const stoppedAt = Date.now();
		await client.stopExecution(running.id);
		const endedAt = await nodeEnded;
		// Had the wait gone on, the next write would follow the wait; none may come even a while after the node ended.
		// (How long the node took to end is printed, not asserted: it measures the machine as much as the node.)
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const after = sandbox.control.requestLog().filter((e) => e.at >= stoppedAt);
		log(
			`Stop, paced run of 10,000 customers on n8n ${target.n8nVersion}: ${customerPuts().length} writes (5,500 customers) before Stop, node ended ${endedAt - stoppedAt} ms after the stop request, ${after.length} requests after it`,
		);
		expect(after).toEqual([]);
		expect(customerPuts()).toHaveLength(55);
		const stopped = await client.getExecution(running.id);
		expect(stopped.status).toBe('canceled');
	});

	test('a systemic 400 on 1,000 customers (default Options, Continue On Fail) ends in at most 3 requests a batch', async () => {
		await deployWorkflow('systemic', (path) =>
			bulkUpsertWorkflow({ name: 'e2e systemic', path, credential: apiKeyCred, continueOnFail: true }),
		);
		sandbox.control.addFault({ kind: 400, percentage: 100, method: 'PUT', pathPrefix: '/v1/account/customer' });
		sandbox.control.clearRequestLog();
		try {
			const res = await trigger('systemic', { customers: customers('systemic', 1000) });
			if (res.execution.status !== 'success') throw new Error(describeExecution(res.execution));
			const output = res.execution.nodeOutputs[BULK_UPSERT_NODE];
			expect(output).toHaveLength(1000);
			expect(output.every((item) => typeof item.error === 'string' && item.error.includes('for one reason naming none of them'))).toBe(
				true,
			);
			const ms = Date.parse(res.execution.stoppedAt ?? '') - Date.parse(res.execution.startedAt ?? '');
			log(
				`Systemic 400 on 1,000 customers on n8n ${target.n8nVersion}: ${customerPuts().length} requests (one batch of 1,000), execution ${ms} ms`,
			);
			expect(customerPuts().length).toBeLessThanOrEqual(3);
			expect(sandbox.control.listCustomers().filter((c) => c.email.startsWith('systemic'))).toEqual([]);
		} finally {
			sandbox.control.clearFaults();
		}
	});

	test('the tinyEmail Trigger, polling every minute: nothing at activation, then one execution per change', async () => {
		expect(apiKeyCred).toBeDefined(); // created by the API-key test above
		const watched = await sandboxControl<{ audiences: string[]; campaigns: string[] }>('POST', '/seed', {
			audiences: [{ name: `E2E Watched ${runId}`, members: [email('early')] }],
			campaigns: [{ status: 'SCHEDULED', campaign: { name: `E2E Scheduled ${runId}`, subject: 'Soon' }, senderId: 'sender-demo-1' }],
		});
		const [audienceId] = watched.audiences;
		const [scheduledId] = watched.campaigns;
		const flows = {
			member: await client.createWorkflow(
				triggerWorkflow({
					name: 'e2e trigger: members',
					event: 'newAudienceMember',
					credential: apiKeyCred,
					parameters: { audience: locator('id', audienceId) },
				}) as unknown as Record<string, unknown>,
			),
			campaign: await client.createWorkflow(
				triggerWorkflow({ name: 'e2e trigger: campaigns', event: 'newCampaign', credential: apiKeyCred }) as unknown as Record<
					string,
					unknown
				>,
			),
			status: await client.createWorkflow(
				triggerWorkflow({ name: 'e2e trigger: statuses', event: 'campaignStatusChanged', credential: apiKeyCred }) as unknown as Record<
					string,
					unknown
				>,
			),
		};
		// Activation runs the first poll (the baseline; n8n 2.x activates in the background): wait for the three
		// first reads before changing anything. The baseline must not start an execution.
		sandbox.control.clearRequestLog();
		for (const flow of Object.values(flows)) await client.activateWorkflow(flow.id);
		await waitFor(
			"the triggers' first polls",
			async () => {
				const reads = sandbox.control.requestLog().filter((e) => e.method === 'GET' && e.status === 200);
				const members = reads.filter((e) => e.path.startsWith(`/v1/contacts/${audienceId}/members`)).length;
				const campaigns = reads.filter((e) => e.path.startsWith('/v1/campaign?page=0&')).length;
				return members >= 1 && campaigns >= 2 ? true : undefined;
			},
			{ timeoutMs: 60_000 },
		);
		for (const flow of Object.values(flows)) expect(await client.listExecutions(flow.id)).toEqual([]);

		/** Makes one change per trigger, then waits for each trigger's next execution (the next minute's poll). */
		const round = async (changes: { member: string; campaign: string; status: string }) => {
			const known = Object.fromEntries(
				await Promise.all(
					Object.entries(flows).map(
						async ([key, flow]) => [key, new Set((await client.listExecutions(flow.id)).map((e) => e.id))] as const,
					),
				),
			);
			await sandboxApi('PUT', `/audiences/${audienceId}`, { assignMembers: [{ email: changes.member, firstName: 'Polled' }] });
			const created = (await sandboxApi('POST', '/campaign', {
				campaign: { name: changes.campaign, subject: 'Hello' },
				senderId: 'sender-demo-1',
				template: { html: '<p>Hello</p>' },
			})) as { id: string };
			await sandboxControl('POST', `/campaigns/${scheduledId}/status`, { status: changes.status });
			const outputs: Record<string, Array<Record<string, unknown>>> = {};
			for (const [key, flow] of Object.entries(flows)) {
				const execution = await client.waitForNewExecution(flow.id, known[key], 150_000).catch((err: Error) => {
					throw new Error(`${err.message}\n--- n8n log ---\n${n8n.tail(30)}`);
				});
				if (execution.status !== 'success') throw new Error(describeExecution(execution));
				outputs[key] = execution.nodeOutputs[TRIGGER_NODE_NAME];
			}
			return { outputs, createdId: created.id };
		};

		const first = await round({ member: email('polled1'), campaign: `E2E New ${runId} 1`, status: 'LAUNCHED' });
		expect(first.outputs.member).toEqual([{ email: email('polled1'), firstName: 'Polled' }]);
		expect(first.outputs.campaign).toEqual([expect.objectContaining({ id: first.createdId, name: `E2E New ${runId} 1`, status: 'DRAFT' })]);
		expect(first.outputs.status).toEqual([
			expect.objectContaining({ id: scheduledId, previousStatus: 'SCHEDULED', newStatus: 'LAUNCHED' }),
		]);

		// the next changes come alone: nothing of the first round again
		const second = await round({ member: email('polled2'), campaign: `E2E New ${runId} 2`, status: 'COMPLETED' });
		expect(second.outputs.member).toEqual([{ email: email('polled2'), firstName: 'Polled' }]);
		expect(second.outputs.campaign).toEqual([expect.objectContaining({ id: second.createdId, status: 'DRAFT' })]);
		expect(second.outputs.status).toEqual([
			expect.objectContaining({ id: scheduledId, previousStatus: 'LAUNCHED', newStatus: 'COMPLETED' }),
		]);
		for (const flow of Object.values(flows)) expect(await client.listExecutions(flow.id)).toHaveLength(2);
		// every poll used the API key
		expect(
			sandbox.control
				.requestLog()
				.filter((e) => e.path.startsWith('/v1/contacts/') || e.path.startsWith('/v1/campaign?'))
				.every((e) => e.auth === 'apiKey'),
		).toBe(true);
	});

	test('Options › Empty Values "Clear the Field": Create or Update clears the empty fields, keeps the rest (self-contained)', async () => {
		await client.setupOrLogin(OWNER);
		const credential = { name: 'tinyEmail e2e clear (API key)', id: '' };
		credential.id = await client.createCredential(credential.name, 'tinyEmailApi', {
			apiKey: DEMO_API_KEY,
			server: 'custom',
			baseUrl: sandbox.url,
		});
		const clearing = email('clearing');
		sandbox.control.seedCustomers([
			{ email: clearing, firstName: 'Old', lastName: 'Kept', city: 'Oslo', birthday: '1990-05-04', status: 'Subscribed', tags: ['a', 'b'] },
		]);
		await deployWorkflow('clear', (path) => {
			const fields: Record<string, string> = {};
			for (const field of ['firstName', 'city', 'birthday', 'tags', 'status', 'company']) fields[field] = `={{ $json.body.${field} }}`;
			const webhook = {
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0] as [number, number],
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				webhookId: randomUUID(),
			};
			const upsert = tinyEmailNode({
				name: 'Clear Fields',
				operation: 'upsert',
				authentication: 'apiKey',
				credential,
				email: '={{ $json.body.email }}',
				fields,
				parameters: { options: { emptyValues: 'clear' } },
				position: [260, 0],
			});
			return {
				name: 'e2e clear',
				nodes: [webhook, upsert],
				connections: { Webhook: { main: [[{ node: 'Clear Fields', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
				active: false,
			};
		});
		const res = await trigger('clear', {
			email: clearing,
			firstName: '',
			city: null,
			birthday: '',
			tags: '',
			status: '',
			company: 'New Co',
		});
		if (res.execution.status !== 'success') throw new Error(describeExecution(res.execution));
		expect(sandbox.control.getCustomer(clearing)).toEqual({
			email: clearing,
			lastName: 'Kept',
			status: 'Subscribed',
			tags: [],
			company: 'New Co',
		});
		expect(res.execution.nodeOutputs['Clear Fields'][0]).toEqual({ email: clearing, tags: [], company: 'New Co' });
		log(`Empty Values "Clear the Field" on n8n ${target.n8nVersion}: stored ${JSON.stringify(sandbox.control.getCustomer(clearing))}`);
	});

	test('n8n stays up through the whole suite', async () => {
		await waitFor('n8n settings', async () => ((await client.raw('GET', '/rest/settings')).status === 200 ? true : undefined), {
			timeoutMs: 10000,
		});
		expect(n8n.child.exitCode).toBeNull();
	});
});
