// Starts a provisioned n8n (`n8n start`) on 127.0.0.1 with a given user folder, waits until its REST API
// answers, and stops it (with its task-runner children) as a process group.
import type { ChildProcess } from 'child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, type WriteStream } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { N8nClient } from './n8nApi';
import type { N8nInstall } from '../provisioning/targets';
import { killGroup, log, run, startDetached, elapsedSince } from '../proc';

/** A port free on 127.0.0.1 right now, other than the ones in `exclude` (the OS may hand out a just-released port again). */
export async function freePort(exclude: number[] = []): Promise<number> {
	for (let i = 0; i < 20; i++) {
		const port = await anyFreePort();
		if (!exclude.includes(port)) return port;
	}
	throw new Error('Could not find a free port on 127.0.0.1');
}

function anyFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export async function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

export interface StartN8nOptions {
	install: N8nInstall;
	/** N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`). */
	userFolder: string;
	port: number;
	encryptionKey: string;
	/** Where n8n's stdout/stderr go (appended). */
	logFile: string;
	/** Also echo n8n's output to this process's stderr. */
	echo?: boolean;
	extraEnv?: Record<string, string>;
	readyTimeoutMs?: number;
}

export interface N8nServer {
	url: string;
	port: number;
	install: N8nInstall;
	child: ChildProcess;
	/** A fresh REST client for this server (not logged in). */
	client(): N8nClient;
	/** The last part of n8n's output, for error messages. */
	tail(lines?: number): string;
	/**
	 * Resolves with the time (Date.now()) at which n8n printed a line matching `pattern`, counting from
	 * this call; rejects after `timeoutMs`. (n8n logs e.g. `Running node "X" finished` at N8N_LOG_LEVEL=debug.)
	 */
	outputSeen(pattern: RegExp, timeoutMs: number): Promise<number>;
	/** Calls `listener` with every complete line of n8n's output from now on; returns the unsubscribe. */
	onLine(listener: (line: string, at: number) => void): () => void;
	/** The Node binary the running n8n process executes (from /proc/<pid>/exe) and its `process.version`. */
	runningNode(): Promise<{ exe: string; version: string }>;
	/**
	 * A credential as n8n stores it, decrypted, via `n8n export:credentials --id <id> --decrypted` run with
	 * this server's user folder and encryption key (n8n's REST API masks OAuth token data).
	 */
	exportCredential(id: string): Promise<ExportedCredential>;
	/** Stops n8n's process group (SIGTERM, then SIGKILL after graceMs, default 15 s). */
	stop(graceMs?: number): Promise<void>;
}

export interface ExportedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown> & { oauthTokenData?: Record<string, unknown> };
}

export function n8nEnv(opts: StartN8nOptions, brokerPort: number): NodeJS.ProcessEnv {
	const url = `http://127.0.0.1:${opts.port}`;
	const env: NodeJS.ProcessEnv = { ...process.env };
	// Keep the parent's npm/jest settings away from n8n.
	// (jest sets NODE_ENV=test, which makes n8n exit at start)
	for (const key of Object.keys(env)) {
		if (key.startsWith('npm_') || key.startsWith('JEST_') || key === 'NODE_OPTIONS' || key === 'NODE_ENV') delete env[key];
	}
	return {
		...env,
		PATH: `${dirname(opts.install.nodeBin)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: opts.userFolder,
		N8N_ENCRYPTION_KEY: opts.encryptionKey,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(opts.port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: url,
		WEBHOOK_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		DB_TYPE: 'sqlite',
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
		...opts.install.env,
		...opts.extraEnv,
	};
}

/** A running n8n process (any command: `start`, `worker`) with its output captured. */
export interface N8nProcess {
	child: ChildProcess;
	/** The environment it runs with (also for CLI commands next to it). */
	env: NodeJS.ProcessEnv;
	/** The last part of its output. */
	tail(lines?: number): string;
	/** Why it exited, once it has. */
	exited(): string | undefined;
	/** Calls `listener` with every complete line of output from now on, and the time (Date.now()) it arrived. */
	onLine(listener: (line: string, at: number) => void): () => void;
	/** Stops its process group (SIGTERM, then SIGKILL after graceMs, default 15 s) and closes the log. */
	stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `n8n <args>` in its own process group with the environment of n8nEnv and a task-runner broker
 * port of its own (every n8n process starts a broker, queue-mode workers too). Output goes to
 * `opts.logFile` (appended), optionally echoed.
 */
export async function spawnN8n(opts: StartN8nOptions, args: string[]): Promise<N8nProcess> {
	const brokerPort = await freePort([opts.port]);
	mkdirSync(opts.userFolder, { recursive: true });
	mkdirSync(dirname(opts.logFile), { recursive: true });
	const logStream: WriteStream = createWriteStream(opts.logFile, { flags: 'a' });
	let recent: string[] = [];
	let partialLine = '';
	const listeners = new Set<(line: string, at: number) => void>();
	const capture = (chunk: Buffer) => {
		const at = Date.now();
		logStream.write(chunk);
		if (opts.echo) process.stderr.write(chunk);
		const lines = (partialLine + chunk.toString()).split('\n');
		partialLine = lines.pop() ?? '';
		recent = recent.concat(lines).slice(-200);
		for (const listener of listeners) for (const line of lines) listener(line, at);
	};
	const env = n8nEnv(opts, brokerPort);
	const child = startDetached(opts.install.nodeBin, [opts.install.n8nBin, ...args], {
		cwd: opts.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout!.on('data', capture);
	child.stderr!.on('data', capture);
	let exited: string | undefined;
	child.on('exit', (code, signal) => {
		exited = `n8n ${args[0]} exited (code ${code}, signal ${signal})`;
	});
	return {
		child,
		env,
		tail: (lines = 40) =>
			recent
				.concat(partialLine ? [partialLine] : [])
				.slice(-lines)
				.join('\n'),
		exited: () => exited,
		onLine: (listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		stop: async (graceMs = 15000) => {
			await killGroup(child, graceMs);
			await new Promise<void>((r) => logStream.end(() => r()));
		},
	};
}

export async function startN8n(opts: StartN8nOptions): Promise<N8nServer> {
	const t0 = Date.now();
	const url = `http://127.0.0.1:${opts.port}`;
	if (!(await portIsFree(opts.port)))
		throw new Error(`Port ${opts.port} on 127.0.0.1 is taken; stop whatever uses it (another n8n?) and retry.`);
	log(`Starting n8n ${opts.install.n8nVersion} (Node ${opts.install.nodeVersion}) on ${url}`);
	const proc = await spawnN8n(opts, ['start']);
	const { child, env, tail } = proc;
	const server: N8nServer = {
		url,
		port: opts.port,
		install: opts.install,
		child,
		client: () => new N8nClient(url),
		tail,
		outputSeen: (pattern, timeoutMs) =>
			new Promise<number>((resolve, reject) => {
				const unsubscribe = proc.onLine((line, at) => {
					if (!pattern.test(line)) return;
					clearTimeout(timer);
					unsubscribe();
					resolve(at);
				});
				const timer = setTimeout(() => {
					unsubscribe();
					reject(new Error(`n8n printed no line matching ${pattern} within ${timeoutMs} ms`));
				}, timeoutMs);
			}),
		onLine: proc.onLine,
		runningNode: async () => {
			if (child.pid === undefined || child.exitCode !== null) throw new Error('n8n is not running');
			const exe = readlinkSync(`/proc/${child.pid}/exe`);
			return { exe, version: (await run(exe, ['--version'])).stdout.trim() };
		},
		exportCredential: async (id: string) => {
			const dir = mkdtempSync(join(tmpdir(), 'n8n-export-'));
			try {
				const file = join(dir, 'credentials.json');
				// A CLI command next to the running server: same database and key; it opens no port.
				await run(opts.install.nodeBin, [opts.install.n8nBin, 'export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], {
					cwd: opts.userFolder,
					env,
					timeoutMs: 120000,
				});
				const parsed = JSON.parse(readFileSync(file, 'utf8')) as ExportedCredential | ExportedCredential[];
				const list = Array.isArray(parsed) ? parsed : [parsed];
				const found = list.find((c) => String(c.id) === String(id));
				if (!found) throw new Error(`n8n export:credentials --id=${id} did not export that credential`);
				return found;
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
		stop: proc.stop,
	};
	try {
		await server.client().waitUntilReady({ timeoutMs: opts.readyTimeoutMs ?? 240000, abortIf: proc.exited });
	} catch (err) {
		await server.stop();
		throw new Error(`${(err as Error).message}\n--- n8n output (last lines) ---\n${tail()}`);
	}
	log(`n8n is up on ${url} (${elapsedSince(t0)})`);
	return server;
}
