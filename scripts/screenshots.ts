// `npm run screenshots`: the README's pictures, taken from a real n8n 2.41.1 in headless Chromium.
// Starts a throw-away instance (temporary user folder, sandbox in-process), sets it up like `npm run dev`,
// opens the example workflow logged in, and saves docs/screenshots/node-panel.png and finished-run.png.
// Needs Debian's chromium (`apt-get install -y chromium`); not part of CI.
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSandbox, DEMO_API_KEY, DEMO_CLIENT, type Sandbox } from '../sandbox';
import { REPO_ROOT, buildAndPack, installCommunityPackage } from './lib/package/communityPackage';
import { devSetup } from './lib/dev/devSetup';
import { freePort, startN8n, type N8nServer } from './lib/n8n/n8nServer';
import { log, stopAll, waitFor } from './lib/proc';
import { N8N_2 } from './lib/provisioning/targets';
import { provisionN8n } from './lib/provisioning/provision';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

async function dismissPopups(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
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

		await page.goto(`${n8n.url}/workflow/${setup.workflowId}`);
		const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Create or Update Customer' }).first();
		await node.waitFor({ state: 'visible' });
		await page.waitForTimeout(1500);
		await dismissPopups(page);

		log('Opening the tinyEmail node panel');
		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible' });
		await page.getByText('Additional Fields').first().waitFor({ state: 'visible' });
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(OUT_DIR, 'node-panel.png') });
		log(`Saved ${join(OUT_DIR, 'node-panel.png')}`);
		await dismissPopups(page);

		log('Running the workflow');
		const known = new Set((await client.listExecutions(setup.workflowId)).map((e) => e.id));
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		const execution = await client.waitForNewExecution(setup.workflowId, known);
		if (execution.status !== 'success')
			throw new Error(`The example workflow ended with ${execution.status}: ${execution.errorMessage ?? ''}`);
		await waitFor(
			'the canvas to show the finished run',
			async () => ((await page.locator('[data-test-id="canvas-node-status-success"]').count()) >= 2 ? true : undefined),
			{ timeoutMs: 30000 },
		).catch(() => log('(could not confirm success markers on the canvas; taking the screenshot anyway)'));
		await page.waitForTimeout(1000);
		await page.screenshot({ path: join(OUT_DIR, 'finished-run.png') });
		log(`Saved ${join(OUT_DIR, 'finished-run.png')}`);
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
