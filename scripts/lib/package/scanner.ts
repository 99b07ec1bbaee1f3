// n8n's verification scan, run locally: @n8n/scan-community-package lints the published tarball and the
// source its npm provenance points at with its own copies of n8n's lint rules, inline eslint-disable off.
// Provenance cannot be fetched before publishing, so we call its analyzer on the same files ourselves.
import { readFileSync } from 'fs';
import { createRequire } from 'module';

/** What the scanner lints in the unpacked tarball (compiled code and the published package.json). */
export const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

export interface ScanResult {
	passed: boolean;
	message?: string;
	/** ESLint's "stylish" report of every finding. */
	details?: string;
}

interface ScannerModule {
	analyzePackage(dir: string, patterns: string[]): Promise<ScanResult>;
	/** What the scanner lints in the source checkout: package.json and nodes/, credentials/. */
	SOURCE_FILE_PATTERNS: string[];
}

/**
 * Loads the pinned scanner. It declares TypeScript 7, which its @typescript-eslint parser cannot load;
 * the parser resolves `typescript` from its own folder, which npm hoists next to this project's 5.9.3.
 * An npm `overrides` entry is not an option: the scanner itself bans that field in package.json.
 */
export function loadScanner(): ScannerModule {
	const fromScanner = createRequire(require.resolve('@n8n/scan-community-package/package.json'));
	const fromParser = createRequire(fromScanner.resolve('@typescript-eslint/parser/package.json'));
	const tsPackage = fromParser.resolve('typescript/package.json');
	const tsVersion = (JSON.parse(readFileSync(tsPackage, 'utf8')) as { version: string }).version;
	if (!tsVersion.startsWith('5.')) {
		throw new Error(
			`The scanner's TypeScript parser would load TypeScript ${tsVersion} (${tsPackage}), which it cannot parse with. ` +
				"It needs the project's TypeScript 5 next to it: run `npm ci` from the committed lock file.",
		);
	}
	// The scanner makes a temporary folder when it loads (for downloads we never do); have it removed on exit
	(fromScanner('tmp') as { setGracefulCleanup(): void }).setGracefulCleanup();
	return fromScanner('./scanner/scanner.mjs') as ScannerModule;
}
