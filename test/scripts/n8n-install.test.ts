// Installing an n8n version in stages (scripts/lib/n8nInstall.ts) with fake steps in place of the 2.9 GB npm
// install and the node-gyp build: a failed build keeps the download, and the next run only builds again.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BUILT_MARKER, DOWNLOADED_MARKER, installN8n, installStage, type InstallSteps } from '../../scripts/lib/provisioning/n8nInstall';
import type { N8nTarget, NodeRuntime } from '../../scripts/lib/provisioning/targets';

const target: N8nTarget = { n8nVersion: '2.41.1', node: '24.22.3' };
const runtime: NodeRuntime = { nodeBin: '/opt/node-24/bin/node', nodeVersion: 'v24.22.3', nodeAbi: '137', nodeDir: '/opt/node-24' };

let cache: string;
let dir: string;
let calls: string[];

/** Steps that record their calls; download leaves a file behind as npm would, build fails while `buildError` is set. */
function fakeSteps(buildError?: string): InstallSteps {
	return {
		async download(t, into) {
			calls.push(`download ${t.n8nVersion}`);
			mkdirSync(join(into, 'node_modules', 'n8n'), { recursive: true });
			writeFileSync(join(into, 'node_modules', 'n8n', 'package.json'), JSON.stringify({ version: t.n8nVersion }));
		},
		async buildSqlite(_into, r) {
			calls.push(`build for ${r.nodeVersion}`);
			if (buildError) throw new Error(buildError);
		},
		async checkVersion() {
			calls.push('check version');
		},
	};
}

beforeEach(() => {
	cache = mkdtempSync(join(tmpdir(), 'tinyemail-cache-'));
	dir = join(cache, 'n8n-2.41.1');
	calls = [];
	jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
	jest.restoreAllMocks();
	rmSync(cache, { recursive: true, force: true });
});

const marker = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;

it('downloads, builds and checks a fresh install, recording each stage', async () => {
	const install = await installN8n(target, dir, runtime, fakeSteps());
	expect(calls).toEqual(['download 2.41.1', 'build for v24.22.3', 'check version']);
	expect(marker(DOWNLOADED_MARKER)).toEqual({ n8nVersion: '2.41.1' });
	expect(marker(BUILT_MARKER)).toMatchObject({ n8nVersion: '2.41.1', nodeVersion: 'v24.22.3', nodeAbi: '137' });
	expect(installStage(dir, '2.41.1')).toBe('built');
	expect(install).toMatchObject({ dir, nodeBin: runtime.nodeBin, n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n') });
});

it('keeps the download when the build fails, says so, and the next run only builds', async () => {
	await expect(installN8n(target, dir, runtime, fakeSteps('gyp ERR! stack Error: not found: make'))).rejects.toThrow(
		new RegExp(
			`^n8n 2\\.41\\.1: building sqlite3 for Node v24\\.22\\.3 failed\\..* The download in ${dir} is kept: once fixed, run the same command again and only the build is redone \\(or delete ${dir} to download it again\\)\\.\\ngyp ERR! stack Error: not found: make$`,
		),
	);
	expect(installStage(dir, '2.41.1')).toBe('downloaded');
	expect(existsSync(join(dir, 'node_modules', 'n8n', 'package.json'))).toBe(true);
	expect(existsSync(join(dir, BUILT_MARKER))).toBe(false);

	calls = [];
	await installN8n(target, dir, runtime, fakeSteps());
	expect(calls).toEqual(['build for v24.22.3', 'check version']);
	expect(installStage(dir, '2.41.1')).toBe('built');
});

it('rebuilds an install built for another Node without downloading it again, and is not "built" while it does', async () => {
	await installN8n(target, dir, { ...runtime, nodeVersion: 'v22.1.0', nodeAbi: '127' }, fakeSteps());
	calls = [];
	await expect(installN8n(target, dir, runtime, fakeSteps('compiler crashed'))).rejects.toThrow('The download in');
	expect(calls).toEqual(['build for v24.22.3']);
	expect(installStage(dir, '2.41.1')).toBe('downloaded');
});

it('counts an install finished by an older version of these scripts (built marker only) as downloaded', async () => {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, BUILT_MARKER), JSON.stringify({ n8nVersion: '2.41.1', nodeBin: 'node', nodeVersion: 'v20.20.2' }));
	expect(installStage(dir, '2.41.1')).toBe('built');
	await installN8n(target, dir, runtime, fakeSteps());
	expect(calls).toEqual(['build for v24.22.3', 'check version']);
});

it('starts over in a folder whose download never finished, or holds another version', async () => {
	mkdirSync(join(dir, 'node_modules', 'half'), { recursive: true });
	expect(installStage(dir, '2.41.1')).toBe('none');
	await installN8n(target, dir, runtime, fakeSteps());
	expect(existsSync(join(dir, 'node_modules', 'half'))).toBe(false);

	writeFileSync(join(dir, DOWNLOADED_MARKER), JSON.stringify({ n8nVersion: '2.40.0' }));
	rmSync(join(dir, BUILT_MARKER));
	expect(installStage(dir, '2.41.1')).toBe('none');
});

describe('checkPrerequisites (provision.ts) before anything is downloaded', () => {
	const savedPath = process.env.PATH;
	const savedCache = process.env.TINYEMAIL_N8N_CACHE;
	afterEach(() => {
		process.env.PATH = savedPath;
		if (savedCache === undefined) delete process.env.TINYEMAIL_N8N_CACHE;
		else process.env.TINYEMAIL_N8N_CACHE = savedCache;
		jest.resetModules();
	});

	/** provision.ts with its cache in this test's folder and no build tools on PATH. */
	async function provisionWithoutTools() {
		process.env.TINYEMAIL_N8N_CACHE = cache;
		process.env.PATH = join(cache, 'empty-bin');
		const [provision, targets] = await Promise.all([
			import('../../scripts/lib/provisioning/provision'),
			import('../../scripts/lib/provisioning/targets'),
		]);
		return { ...provision, ...targets };
	}

	it('stops before downloading every version not yet downloaded, naming the missing tools', async () => {
		const { checkPrerequisites, N8N_1, N8N_2 } = await provisionWithoutTools();
		expect(() => checkPrerequisites([N8N_2, N8N_1])).toThrow(
			/^Stopped before downloading n8n 2\.41\.1 and 1\.123\.81; first fix:\n {2}- Missing python3, make, g\+\+/,
		);
		expect(existsSync(dir)).toBe(false);
	});

	it('asks only for the build tools when the download is already there', async () => {
		await installN8n(target, dir, runtime, fakeSteps('make: not found')).catch(() => undefined);
		const { checkPrerequisites, N8N_2 } = await provisionWithoutTools();
		expect(() => checkPrerequisites([N8N_2])).toThrow(/^Stopped before building sqlite3; first fix:/);
	});

	it('checks nothing for an install that is built', async () => {
		await installN8n(target, dir, runtime, fakeSteps());
		const { checkPrerequisites, N8N_2 } = await provisionWithoutTools();
		expect(() => checkPrerequisites([N8N_2])).not.toThrow();
	});
});
