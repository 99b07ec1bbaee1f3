// `npm run scan [-- <tarball>]`: what n8n's verification sees. Builds and packs the package (or takes the
// given tarball, as the publish workflow does), checks it holds exactly the files in scripts/tarball-files.txt
// and names no source map, then runs n8n's scanner on the unpacked tarball and on the source, with the
// scanner's own file patterns. Exits non-zero on any finding.
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { buildAndPack, REPO_ROOT } from './lib/package/communityPackage';
import { log, run } from './lib/proc';
import { loadScanner, TARBALL_PATTERNS, type ScanResult } from './lib/package/scanner';
import { filesNamingSourceMaps } from './lib/package/sourceMapReferences';
import { compareFileLists, EXPECTED_TARBALL_FILES, expectedTarballFiles, tarballFiles } from './lib/package/tarballFiles';

async function main(workDir: string, givenTarball: string | undefined): Promise<boolean> {
	const tarball = givenTarball ? resolve(givenTarball) : await buildAndPack(workDir);

	const packed = await tarballFiles(tarball);
	const { missing, extra } = compareFileLists(packed, expectedTarballFiles());
	const listFile = relative(REPO_ROOT, EXPECTED_TARBALL_FILES);
	const listOk = missing.length === 0 && extra.length === 0;
	if (listOk) {
		log(`Tarball file list: the ${packed.length} files in ${listFile}`);
	} else {
		log(`Tarball file list differs from ${listFile}:`);
		for (const file of missing) log(`  missing from the tarball: ${file}`);
		for (const file of extra) log(`  not expected in the tarball: ${file}`);
		log(`Fix the build or package.json "files"; if the change is intended, update ${listFile}.`);
	}

	const unpacked = join(workDir, 'package');
	mkdirSync(unpacked);
	await run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	const mapped = filesNamingSourceMaps(unpacked);
	for (const file of mapped) log(`Names a source map the package does not ship (set "sourceMap": false in tsconfig.json): ${file}`);

	const scanner = loadScanner();
	const legs: Array<[string, string, string[]]> = [
		['tarball', unpacked, TARBALL_PATTERNS],
		['source', REPO_ROOT, scanner.SOURCE_FILE_PATTERNS],
	];
	let scanOk = true;
	for (const [leg, dir, patterns] of legs) {
		const result: ScanResult = await scanner.analyzePackage(dir, patterns);
		log(`Scanner, ${leg} (${patterns.join(' + ')}): ${result.passed ? 'no findings' : result.message}`);
		if (!result.passed) {
			scanOk = false;
			if (result.details) process.stderr.write(`${result.details}\n`);
		}
	}
	return listOk && mapped.length === 0 && scanOk;
}

const workDir = mkdtempSync(join(tmpdir(), 'tinyemail-scan-'));
const cleanUp = (): void => rmSync(workDir, { recursive: true, force: true });
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => {
		cleanUp();
		process.exit(130);
	});
}
main(workDir, process.argv[2])
	.then((ok) => {
		log(ok ? 'Scan passed' : 'Scan failed');
		if (!ok) process.exitCode = 1;
	})
	.catch((err: unknown) => {
		log(`Scan could not run: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 1;
	})
	.finally(cleanUp);
