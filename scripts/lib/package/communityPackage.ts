// Builds this package, packs it, and installs the tarball into an n8n user folder the way n8n's
// CommunityPackagesService installs a community package (see shared/docs/n8n-platform-notes.md).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { elapsedSince, log, run } from '../proc';

/** The checkout's root, found from this file whether it runs compiled (.build/scripts/lib) or under ts-jest. */
export const REPO_ROOT = ((): string => {
	let dir = __dirname;
	for (let i = 0; i < 6; i++) {
		const file = join(dir, 'package.json');
		if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'n8n-nodes-tinyemail') return dir;
		dir = resolve(dir, '..');
	}
	throw new Error(`Cannot find the n8n-nodes-tinyemail checkout above ${__dirname}`);
})();

/** `npm run build` then `npm pack` into `outDir`; returns the tarball's path. */
export async function buildAndPack(outDir: string, opts: { skipBuild?: boolean } = {}): Promise<string> {
	const t0 = Date.now();
	if (!opts.skipBuild) {
		log('Building the package (npm run build)');
		await run('npm', ['run', 'build'], { cwd: REPO_ROOT });
	}
	mkdirSync(outDir, { recursive: true });
	const packed = await run('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: REPO_ROOT });
	const info = JSON.parse(packed.stdout) as Array<{ filename: string; entryCount: number }>;
	const tarball = join(outDir, info[0].filename);
	log(`Packed ${info[0].filename} (${info[0].entryCount} files, ${elapsedSince(t0)})`);
	return tarball;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
}

/**
 * Installs `tarball` into `<userFolder>/.n8n/nodes/node_modules/<name>`: unpack, drop dev/peer/optional
 * dependencies, `npm install --install-strategy=shallow --ignore-scripts=true --package-lock=false` inside it,
 * and record it in `.n8n/nodes/package.json`. Replaces a previous install of the same package.
 */
export async function installCommunityPackage(userFolder: string, tarball: string): Promise<InstalledPackage> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const staging = join(nodesDir, '.staging');
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const pkgFile = join(staging, 'package.json');
	const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown> & { name: string; version: string };
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));

	const dir = join(nodesDir, 'node_modules', pkg.name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	await run('mv', [staging, dir]);
	await run('npm', ['install', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--no-audit', '--no-fund'], {
		cwd: dir,
	});

	const nodesPkgFile = join(nodesDir, 'package.json');
	const nodesPkg: { dependencies?: Record<string, string> } & Record<string, unknown> = existsSync(nodesPkgFile)
		? (JSON.parse(readFileSync(nodesPkgFile, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true };
	nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [pkg.name]: pkg.version };
	writeFileSync(nodesPkgFile, JSON.stringify(nodesPkg, null, 2));
	log(`Installed ${pkg.name}@${pkg.version} as a community package in ${dir}`);
	return { name: pkg.name, version: pkg.version, dir };
}
