// The exact list of files the published tarball may contain, and the check against it: a stale,
// forgotten or unexpected file (an old build output, a source map, a test) fails the check.
import { readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from './communityPackage';
import { run } from '../proc';

/** One path a line, relative to the package root, sorted; update it together with the change that adds or drops a file. */
export const EXPECTED_TARBALL_FILES = join(REPO_ROOT, 'scripts', 'tarball-files.txt');

export function expectedTarballFiles(): string[] {
	return readFileSync(EXPECTED_TARBALL_FILES, 'utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/** The files in an `npm pack` tarball, relative to the package root (npm puts everything under `package/`). */
export async function tarballFiles(tarball: string): Promise<string[]> {
	const { stdout } = await run('tar', ['-tzf', tarball]);
	return stdout
		.split('\n')
		.filter((entry) => entry !== '' && !entry.endsWith('/'))
		.map((entry) => entry.replace(/^package\//, ''))
		.sort();
}

export interface FileListDifference {
	missing: string[];
	extra: string[];
}

export function compareFileLists(actual: string[], expected: string[]): FileListDifference {
	const have = new Set(actual);
	const want = new Set(expected);
	return {
		missing: expected.filter((file) => !have.has(file)),
		extra: actual.filter((file) => !want.has(file)),
	};
}
