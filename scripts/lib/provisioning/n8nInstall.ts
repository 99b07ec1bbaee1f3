// Installs one n8n version into its cache folder in two stages, each recorded by a marker file when it finished:
//   .downloaded.json   `npm install --ignore-scripts n8n@<version>` (the 2.9 GB, several minutes)
//   .provisioned.json  sqlite3 built with node-gyp for the target's Node, and `n8n --version` ran: complete
// A failed build keeps the download, so the next run only builds again.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { checkMachine } from './prerequisites';
import { elapsedSince, log, npmCommand, run, withHeartbeat } from '../proc';
import type { N8nInstall, N8nTarget, NodeRuntime } from './targets';

export const DOWNLOADED_MARKER = '.downloaded.json';
export const BUILT_MARKER = '.provisioned.json';

/** The built marker: which Node sqlite3 was built for. */
export interface BuiltMarker {
	n8nVersion: string;
	nodeBin: string;
	nodeVersion: string;
	/** Absent in markers written before the ABI was recorded; then the Node major stands for it (one ABI per major). */
	nodeAbi?: string;
}

export function readMarker<T>(dir: string, name: string): T | undefined {
	try {
		return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
	} catch {
		return undefined;
	}
}

/** How far the install of `n8nVersion` in `dir` got. A built install may still need a rebuild for another Node. */
export function installStage(dir: string, n8nVersion: string): 'none' | 'downloaded' | 'built' {
	if (readMarker<BuiltMarker>(dir, BUILT_MARKER)?.n8nVersion === n8nVersion) return 'built';
	if (readMarker<{ n8nVersion: string }>(dir, DOWNLOADED_MARKER)?.n8nVersion === n8nVersion) return 'downloaded';
	return 'none';
}

/** The three slow steps, replaceable by fakes in tests. */
export interface InstallSteps {
	download(target: N8nTarget, dir: string): Promise<void>;
	buildSqlite(dir: string, runtime: NodeRuntime): Promise<void>;
	checkVersion(target: N8nTarget, dir: string, runtime: NodeRuntime): Promise<void>;
}

const pathWith = (runtime: NodeRuntime) => `${dirname(runtime.nodeBin)}:${process.env.PATH ?? ''}`;

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

export const NPM_STEPS: InstallSteps = {
	async download(target, dir) {
		const pkg: Record<string, unknown> = {
			name: `provision-n8n-${target.n8nVersion}`,
			private: true,
			dependencies: { n8n: target.n8nVersion },
		};
		if (target.overrides) pkg.overrides = target.overrides;
		writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
		await withHeartbeat(`npm install n8n@${target.n8nVersion}`, () =>
			run(npmCommand(), ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
				cwd: dir,
				timeoutMs: 40 * 60 * 1000,
			}),
		);
		if (!existsSync(join(dir, 'node_modules', 'sqlite3')))
			throw new Error(`sqlite3 is not in ${join(dir, 'node_modules')}; the n8n install looks incomplete.`);
	},
	async buildSqlite(dir, runtime) {
		const sqliteDir = join(dir, 'node_modules', 'sqlite3');
		const gyp = await nodeGypScript();
		await withHeartbeat('node-gyp rebuild sqlite3', () =>
			run(runtime.nodeBin, [gyp, 'rebuild', `--nodedir=${runtime.nodeDir}`, '--jobs=max', '--release'], {
				cwd: sqliteDir,
				env: { ...process.env, PATH: pathWith(runtime) },
				timeoutMs: 20 * 60 * 1000,
			}),
		);
		await run(runtime.nodeBin, ['-e', `require(${JSON.stringify(sqliteDir)})`]);
	},
	async checkVersion(target, dir, runtime) {
		const scratch = mkdtempSync(join(tmpdir(), 'n8n-version-'));
		try {
			const out = await run(runtime.nodeBin, [join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], {
				env: { ...process.env, ...target.env, N8N_USER_FOLDER: scratch, N8N_DIAGNOSTICS_ENABLED: 'false', PATH: pathWith(runtime) },
				timeoutMs: 120000,
			});
			if (!out.stdout.includes(target.n8nVersion)) {
				throw new Error(`n8n --version printed ${JSON.stringify(out.stdout.trim())}, expected ${target.n8nVersion}`);
			}
		} finally {
			rmSync(scratch, { recursive: true, force: true });
		}
	},
};

/** Brings `dir` from whatever stage it reached to a complete install of `target` built for `runtime`. */
export async function installN8n(
	target: N8nTarget,
	dir: string,
	runtime: NodeRuntime,
	steps: InstallSteps = NPM_STEPS,
): Promise<N8nInstall> {
	const t0 = Date.now();
	const name = `n8n ${target.n8nVersion}`;
	let t = Date.now();
	if (installStage(dir, target.n8nVersion) === 'none') {
		log(`${name}: installing into ${dir} (Node ${runtime.nodeVersion}; takes several minutes and ~3 GB the first time)`);
		log(`${name}: step 1/3 npm install --ignore-scripts n8n@${target.n8nVersion}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		await steps.download(target, dir);
		log(`${name}: step 1/3 done (${elapsedSince(t)})`);
	} else {
		log(`${name}: step 1/3 reusing the download in ${dir}`);
	}
	// From here on the folder is downloaded but not built (a built marker may be for another Node).
	writeFileSync(join(dir, DOWNLOADED_MARKER), JSON.stringify({ n8nVersion: target.n8nVersion }, null, 2));
	rmSync(join(dir, BUILT_MARKER), { force: true });

	t = Date.now();
	log(`${name}: step 2/3 building sqlite3 for Node ${runtime.nodeVersion} (node-gyp, ~1.5 min)`);
	try {
		await steps.buildSqlite(dir, runtime);
	} catch (err) {
		const problems = checkMachine({ downloads: [], build: true, folder: dir });
		const summary = [
			`${name}: building sqlite3 for Node ${runtime.nodeVersion} failed.`,
			...problems,
			`The download in ${dir} is kept: once fixed, run the same command again and only the build is redone ` +
				`(or delete ${dir} to download it again).`,
		];
		throw new Error(`${summary.join(' ')}\n${(err as Error).message}`);
	}
	log(`${name}: step 2/3 done (${elapsedSince(t)})`);

	t = Date.now();
	log(`${name}: step 3/3 checking that \`n8n --version\` runs`);
	await steps.checkVersion(target, dir, runtime);
	log(`${name}: step 3/3 done (${elapsedSince(t)})`);

	const marker: BuiltMarker & { finishedAt: string; seconds: number } = {
		n8nVersion: target.n8nVersion,
		nodeBin: runtime.nodeBin,
		nodeVersion: runtime.nodeVersion,
		nodeAbi: runtime.nodeAbi,
		finishedAt: new Date().toISOString(),
		seconds: Math.round((Date.now() - t0) / 1000),
	};
	writeFileSync(join(dir, BUILT_MARKER), JSON.stringify(marker, null, 2));
	log(`${name}: provisioned in ${elapsedSince(t0)}`);
	return installAt(target, dir, runtime);
}

/** The finished install of `target` in `dir`, run by `runtime`: what the e2e, queue and dev scripts start n8n with. */
export function installAt(target: N8nTarget, dir: string, runtime: NodeRuntime): N8nInstall {
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
