// `npm run screenshots`: the pictures of the README and the user guides, taken from today's node in a real
// n8n 2.41.1 in headless Chromium. Starts a throw-away instance (temporary user folder, sandbox in-process), sets
// it up like `npm run dev`, and saves docs/screenshots/: the node panel with Fields to Send mapped automatically and
// manually, a finished run, the Trigger panel and an MCP Server Trigger with the tinyEmail Tool. Before each shot it
// reads the text the picture must show from the page, and fails naming what is missing. Needs Debian's chromium
// (`apt-get install -y chromium`, as .ci/run does when it is missing).
import { randomBytes, randomUUID } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSandbox, DEMO_API_KEY, DEMO_CLIENT, type Sandbox } from '../sandbox';
import { REPO_ROOT, buildAndPack, installCommunityPackage } from './lib/package/communityPackage';
import { devSetup } from './lib/dev/devSetup';
import { freePort, startN8n, type N8nServer } from './lib/n8n/n8nServer';
import { log, stopAll, waitFor } from './lib/proc';
import { N8N_2 } from './lib/provisioning/targets';
import {
	API_KEY_CREDENTIAL_TYPE,
	TINYEMAIL_NODE_TYPE,
	TRIGGER_NODE_NAME,
	exampleForImport,
	triggerWorkflow,
	type CredentialRef,
	type WorkflowJson,
} from './lib/n8n/workflows';
import { provisionN8n } from './lib/provisioning/provision';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

async function dismissPopups(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

const NDV = '[data-test-id="ndv"]';
const CANVAS = '[data-test-id="canvas-node"]';
const MCP_TOOL_NODE = 'Get Customer in tinyEmail';

const readExample = (file: string): WorkflowJson => JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowJson;

/** MCP Server Trigger ← tinyEmail Tool (Customer › Get, the email chosen by the model), as a user builds it. */
function mcpWorkflow(apiKey: CredentialRef): Record<string, unknown> {
	return {
		name: 'tinyEmail over MCP',
		nodes: [
			{
				id: randomUUID(),
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				parameters: { path: 'tinyemail', authentication: 'none' },
				webhookId: randomUUID(),
			},
			{
				id: randomUUID(),
				name: MCP_TOOL_NODE,
				type: `${TINYEMAIL_NODE_TYPE}Tool`,
				typeVersion: 1,
				position: [120, 220],
				parameters: {
					authentication: 'apiKey',
					resource: 'customer',
					operation: 'get',
					email: "={{ $fromAI('email', 'The email address of the customer', 'string') }}",
				},
				credentials: { [API_KEY_CREDENTIAL_TYPE]: apiKey },
			},
		],
		connections: { [MCP_TOOL_NODE]: { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The text a picture shows: what is rendered in `scope`, plus the values of its inputs (a select shows its choice there). */
async function visibleText(page: Page, scope: string): Promise<string> {
	const parts = await page.locator(scope).allInnerTexts();
	for (const input of await page.locator(`${scope} input, ${scope} textarea`).all()) {
		parts.push(await input.inputValue().catch(() => ''));
	}
	return parts.join('\n');
}

/** Saves a screenshot, after checking that `scope` shows every text of `expected`: a picture never shows something else. */
async function shoot(page: Page, file: string, scope: string, expected: string[]): Promise<void> {
	await page.waitForTimeout(1000);
	const text = await visibleText(page, scope);
	const missing = expected.filter((want) => !text.includes(want));
	if (missing.length)
		throw new Error(
			`${file}: the page does not show ${missing.map((m) => `"${m}"`).join(', ')} (${scope} shows: ${JSON.stringify(text.slice(0, 4000))})`,
		);
	await page.screenshot({ path: join(OUT_DIR, file) });
	log(`Saved ${join(OUT_DIR, file)} (shows ${expected.map((e) => `"${e}"`).join(', ')})`);
}

async function openCanvas(page: Page, url: string, nodeName: string) {
	await page.goto(url);
	const node = page.locator(CANVAS).filter({ hasText: nodeName }).first();
	await node.waitFor({ state: 'visible' });
	await page.waitForTimeout(1500);
	await dismissPopups(page);
	return node;
}

/** Opens a workflow in the editor and the panel (NDV) of one of its nodes. */
async function openPanel(page: Page, url: string, nodeName: string): Promise<void> {
	log(`Opening the panel of "${nodeName}"`);
	const node = await openCanvas(page, url, nodeName);
	await node.dblclick();
	await page.locator(NDV).first().waitFor({ state: 'visible' });
	await page.waitForTimeout(1500);
}

async function main(): Promise<void> {
	if (!existsSync(CHROMIUM))
		throw new Error(`Chromium not found at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
	const work = mkdtempSync(join(tmpdir(), 'tinyemail-shots-'));
	let sandbox: Sandbox | undefined;
	let n8n: N8nServer | undefined;
	let browser: BrowserContext | undefined;
	try {
		const install = await provisionN8n(N8N_2);
		const tarball = await buildAndPack(join(work, 'pack'));
		const userFolder = join(work, 'n8n');
		await installCommunityPackage(userFolder, tarball);
		const port = await freePort();
		sandbox = await startSandbox({
			clients: [{ ...DEMO_CLIENT, redirectUris: [`http://127.0.0.1:${port}/rest/oauth2-credential/callback`] }],
		});
		n8n = await startN8n({ install, userFolder, port, encryptionKey: randomBytes(24).toString('hex'), logFile: join(work, 'n8n.log') });
		const client = n8n.client();
		const owner = {
			email: 'shots@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			password: `Shots-${randomBytes(6).toString('hex')}-1`,
		};
		const setup = await devSetup(client, owner, {
			url: sandbox.url,
			clientId: DEMO_CLIENT.id,
			clientSecret: DEMO_CLIENT.secret,
			apiKey: DEMO_API_KEY,
		});

		log(`Starting Chromium (${CHROMIUM})`);
		// A fresh profile (--user-data-dir) each time; Playwright passes it through launchPersistentContext.
		const context = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		browser = context;
		await context.addCookies([
			{ name: 'n8n-auth', value: client.authCookie!, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' },
		]);
		const page = await context.newPage();
		page.setDefaultTimeout(60000);
		mkdirSync(OUT_DIR, { recursive: true });
		const credentials = { oAuth2: setup.oauth2, apiKey: setup.apiKey };
		const create = async (workflow: WorkflowJson | Record<string, unknown>) =>
			(await client.createWorkflow(workflow as unknown as Record<string, unknown>)).id;

		// 1, 2. The node panel: Fields to Send, Map Automatically (the sign-ups example) and Map Each Column Manually
		// (the example workflow of `npm run dev`).
		const signUps = await create(exampleForImport(readExample('sign-ups-to-audience.json'), { credentials, pathSuffix: 'shots' }).workflow);
		await openPanel(page, `${n8n.url}/workflow/${signUps}`, 'Add to Newsletter');
		await shoot(page, 'node-panel-map-automatically.png', NDV, ['Mapping Column Mode', 'Map Automatically', 'Add to Audiences']);
		await openPanel(page, `${n8n.url}/workflow/${setup.workflowId}`, 'Create or Update Customer');
		await shoot(page, 'node-panel-map-manually.png', NDV, [
			'Mapping Column Mode',
			'Map Each Column Manually',
			'Values to Send',
			'First Name',
		]);
		await dismissPopups(page);

		// 3. A finished run of the example workflow, started from the editor's Execute workflow button.
		log('Running the example workflow');
		const known = new Set((await client.listExecutions(setup.workflowId)).map((e) => e.id));
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		const execution = await client.waitForNewExecution(setup.workflowId, known);
		if (execution.status !== 'success')
			throw new Error(`The example workflow ended with ${execution.status}: ${execution.errorMessage ?? ''}`);
		await waitFor(
			'the canvas to show the finished run (a success mark on both tinyEmail nodes)',
			async () => ((await page.locator('[data-test-id="canvas-node-status-success"]').count()) >= 2 ? true : undefined),
			{ timeoutMs: 30000 },
		);
		await shoot(page, 'finished-run.png', CANVAS, ['Create or Update Customer', 'Get Customer']);

		// 4. The Trigger panel, event Campaign Status Changed into Completed.
		const trigger = await create(
			triggerWorkflow({
				name: 'tinyEmail Trigger: campaign completed',
				event: 'campaignStatusChanged',
				credential: setup.apiKey,
				parameters: { statuses: ['COMPLETED'] },
			}),
		);
		await openPanel(page, `${n8n.url}/workflow/${trigger}`, TRIGGER_NODE_NAME);
		await shoot(page, 'trigger-panel.png', NDV, ['Campaign Status Changed', 'Only Into Statuses', 'Poll Times']);
		await dismissPopups(page);

		// 5. An MCP Server Trigger with the tinyEmail Tool attached, on the canvas.
		const mcp = await create(mcpWorkflow(setup.apiKey));
		await openCanvas(page, `${n8n.url}/workflow/${mcp}`, 'MCP Server Trigger');
		await shoot(page, 'mcp-workflow.png', CANVAS, ['MCP Server Trigger', MCP_TOOL_NODE]);
	} finally {
		await browser?.close().catch(() => undefined);
		await n8n?.stop().catch(() => undefined);
		await sandbox?.stop().catch(() => undefined);
		await stopAll();
		rmSync(work, { recursive: true, force: true });
	}
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => void stopAll().then(() => process.exit(130)));
}

main().catch((err: unknown) => {
	log(`Screenshots failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
	process.exitCode = 1;
});
