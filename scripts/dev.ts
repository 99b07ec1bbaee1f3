// `npm run dev`: build and pack this package, start the tinyEmail sandbox and a real n8n 2.41.1 with the
// package installed as a community node, connect the credentials and import an example workflow.
// State lives in .dev/ (gitignored; TINYEMAIL_DEV_DIR picks another folder) so accounts, credentials, workflows
// and sandbox data survive restarts. N8N_DEV_PORT (default 5678) and SANDBOX_DEV_PORT (default 8787) pick the ports.
// Ctrl-C (or SIGTERM) stops n8n and the sandbox.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { startSandbox, DEMO_API_KEY, DEMO_CLIENT, type Sandbox } from '../sandbox';
import { REPO_ROOT, buildAndPack, installCommunityPackage } from './lib/package/communityPackage';
import { assertDevPortsFree, readDevPorts } from './lib/dev/devPorts';
import { devSetup } from './lib/dev/devSetup';
import { loadDevState } from './lib/dev/devState';
import { startN8n, type N8nServer } from './lib/n8n/n8nServer';
import { log, stopAll } from './lib/proc';
import { N8N_2 } from './lib/provisioning/targets';
import { provisionN8n } from './lib/provisioning/provision';

const DEV_DIR = process.env.TINYEMAIL_DEV_DIR ? resolve(process.env.TINYEMAIL_DEV_DIR) : join(REPO_ROOT, '.dev');
let n8n: N8nServer | undefined;
let sandbox: Sandbox | undefined;
let stopping = false;

async function shutdown(code: number, why: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	log(`${why}: stopping n8n and the sandbox`);
	await n8n?.stop().catch(() => undefined);
	await sandbox?.stop().catch(() => undefined);
	await stopAll();
	log('Stopped.');
	process.exit(code);
}

async function main(): Promise<void> {
	// Cheap checks first: a busy port or a broken state file should not cost a provisioning and a build.
	const ports = readDevPorts(process.env);
	await assertDevPortsFree([ports.n8n, ports.sandbox]);
	mkdirSync(DEV_DIR, { recursive: true });
	const state = loadDevState(DEV_DIR);

	const install = await provisionN8n(N8N_2);
	const packDir = mkdtempSync(join(tmpdir(), 'tinyemail-pack-'));
	try {
		const tarball = await buildAndPack(packDir);
		await installCommunityPackage(join(DEV_DIR, 'n8n'), tarball);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	if (stopping) return;
	// Again: something may have taken a port while n8n was provisioned and the package built.
	await assertDevPortsFree([ports.n8n, ports.sandbox]);

	const dataFile = join(DEV_DIR, 'sandbox-data.json');
	const freshSandbox = !existsSync(dataFile);
	try {
		// DEMO_CLIENT only lists n8n's default port 5678 as a redirect URI; add the one this n8n really uses.
		const redirectUri = `http://127.0.0.1:${ports.n8n.port}/rest/oauth2-credential/callback`;
		const client = { ...DEMO_CLIENT, redirectUris: [...new Set([...DEMO_CLIENT.redirectUris, redirectUri])] };
		sandbox = await startSandbox({ port: ports.sandbox.port, dataFile, clients: [client] });
	} catch (err) {
		throw new Error(
			`Cannot start the sandbox on 127.0.0.1:${ports.sandbox.port} (${(err as Error).message}); set SANDBOX_DEV_PORT to use another port.`,
		);
	}
	log(`tinyEmail sandbox on ${sandbox.url} (data in ${dataFile})`);

	n8n = await startN8n({
		install,
		userFolder: join(DEV_DIR, 'n8n'),
		port: ports.n8n.port,
		encryptionKey: state.encryptionKey,
		logFile: join(DEV_DIR, 'n8n.log'),
		echo: process.env.N8N_DEV_ECHO === '1',
	});
	n8n.child.on('exit', (code) => {
		if (!stopping) void shutdown(1, `n8n exited unexpectedly (code ${code}); see ${join(DEV_DIR, 'n8n.log')}`);
	});

	const client = n8n.client();
	const setup = await devSetup(
		client,
		state.owner,
		{ url: sandbox.url, clientId: DEMO_CLIENT.id, clientSecret: DEMO_CLIENT.secret, apiKey: DEMO_API_KEY },
		// A new sandbox data file knows none of the tokens n8n holds: connect again.
		{ forceReconnect: freshSandbox },
	);

	const lines = [
		'',
		'n8n with the tinyEmail node is ready. Open:',
		`  editor            ${n8n.url}`,
		`  example workflow  ${n8n.url}/workflow/${setup.workflowId}   (click "Execute workflow")`,
		`  tinyEmail sandbox ${sandbox.url}   (customers: ${sandbox.url}/__sandbox/customers)`,
		'',
		`  n8n login (local dev instance only): ${state.owner.email} / ${state.owner.password}`,
		`  credentials: "tinyEmail sandbox (OAuth2)" (connected), "tinyEmail sandbox (API key)"`,
		`  n8n log: ${join(DEV_DIR, 'n8n.log')}    reset everything: stop, then delete ${DEV_DIR}`,
		'',
		'After changing the node, stop with Ctrl-C and run `npm run dev` again (it rebuilds and reinstalls the package).',
		'Press Ctrl-C to stop n8n and the sandbox.',
		'',
	];
	process.stdout.write(lines.join('\n') + '\n');
}

process.on('SIGINT', () => void shutdown(0, 'Ctrl-C'));
process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));
process.on('SIGHUP', () => void shutdown(0, 'SIGHUP'));

main().catch((err: unknown) => {
	log(`npm run dev failed: ${err instanceof Error ? err.message : String(err)}`);
	void shutdown(1, 'Failure');
});
