// Provisioning's machine check (scripts/lib/prerequisites.ts): disk room for every n8n still to download,
// python3, make and g++ for the sqlite3 build, and the command that installs what is missing.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import {
	assertPrerequisites,
	freeGbAt,
	installCommand,
	missingTools,
	prerequisiteProblems,
	type Machine,
	type OsInfo,
} from '../../scripts/lib/provisioning/prerequisites';

const debianRoot: OsInfo = { platform: 'linux', ids: ['debian'], isRoot: true };
const machine = (over: Partial<Machine>): Machine => ({
	freeGb: 100,
	missingTools: [],
	installCommand: (tools) => installCommand(tools, debianRoot),
	...over,
});
const cache = '/home/me/.cache/n8n-nodes-tinyemail';

describe('prerequisiteProblems', () => {
	it('passes a machine with room and tools', () => {
		expect(prerequisiteProblems({ downloads: ['2.41.1', '1.123.81'], build: true, folder: cache }, machine({ freeGb: 8 }))).toEqual([]);
	});

	it('asks for 3 GB per n8n to download plus room for npm, naming the folder and TINYEMAIL_N8N_CACHE', () => {
		const [problem] = prerequisiteProblems({ downloads: ['2.41.1', '1.123.81'], build: true, folder: cache }, machine({ freeGb: 7.5 }));
		expect(problem).toContain(`7.5 GB free under ${cache}`);
		expect(problem).toContain('n8n 2.41.1 and 1.123.81 need about 8 GB');
		expect(problem).toContain('TINYEMAIL_N8N_CACHE');
	});

	it('does not ask for disk room when nothing is downloaded (a rebuild only)', () => {
		expect(prerequisiteProblems({ downloads: [], build: true, folder: cache }, machine({ freeGb: 0.2 }))).toEqual([]);
	});

	it('names the missing build tools and the command that installs them', () => {
		const problems = prerequisiteProblems({ downloads: [], build: true, folder: cache }, machine({ missingTools: ['make', 'g++'] }));
		expect(problems).toEqual([expect.stringContaining('Missing make, g++')]);
		expect(problems[0]).toContain('apt-get install -y make g++');
	});

	it('lists every problem at once', () => {
		const problems = prerequisiteProblems(
			{ downloads: ['2.41.1'], build: true, folder: cache },
			machine({ freeGb: 1, missingTools: ['python3'] }),
		);
		expect(problems).toHaveLength(2);
	});
});

describe('installCommand', () => {
	const all = ['python3', 'make', 'g++'];
	it.each<[string, OsInfo, string]>([
		['Debian as root', debianRoot, 'apt-get update && apt-get install -y python3 make g++'],
		[
			'Ubuntu with sudo',
			{ platform: 'linux', ids: ['ubuntu', 'debian'], isRoot: false },
			'sudo apt-get update && sudo apt-get install -y python3 make g++',
		],
		['Fedora', { platform: 'linux', ids: ['fedora'], isRoot: true }, 'dnf install -y python3 make gcc-c++'],
		[
			'Rocky (like RHEL)',
			{ platform: 'linux', ids: ['rocky', 'rhel', 'centos', 'fedora'], isRoot: true },
			'dnf install -y python3 make gcc-c++',
		],
		['Alpine', { platform: 'linux', ids: ['alpine'], isRoot: true }, 'apk add python3 make g++'],
		['Arch', { platform: 'linux', ids: ['arch'], isRoot: true }, 'pacman -S --needed python make gcc'],
		['macOS', { platform: 'darwin', ids: [], isRoot: false }, 'xcode-select --install'],
	])('%s', (_name, os, expected) => {
		expect(installCommand(all, os)).toBe(expected);
	});

	it('falls back to the Debian command as an example on an unknown system', () => {
		expect(installCommand(['g++'], { platform: 'linux', ids: ['gentoo'], isRoot: true })).toContain('apt-get install -y g++');
	});
});

describe('on this machine', () => {
	let bin: string;
	beforeEach(() => {
		bin = mkdtempSync(join(tmpdir(), 'tinyemail-bin-'));
	});
	afterEach(() => rmSync(bin, { recursive: true, force: true }));

	const tool = (name: string, mode: number) => {
		writeFileSync(join(bin, name), '#!/bin/sh\n');
		chmodSync(join(bin, name), mode);
	};

	it('finds tools only as executables on PATH', () => {
		tool('python3', 0o755);
		tool('make', 0o755);
		tool('g++', 0o644); // present but not executable
		expect(missingTools(['python3', 'make', 'g++'], bin)).toEqual(['g++']);
		expect(missingTools(['python3', 'make', 'g++'], ['/nonexistent', bin].join(delimiter))).toEqual(['g++']);
	});

	it('measures free disk through the nearest existing parent of a cache folder not created yet', () => {
		expect(freeGbAt(join(bin, 'not', 'yet', 'there'))).toBeCloseTo(freeGbAt(bin), 0);
	});

	it('stops before any download with every fix when tools are missing from PATH', () => {
		tool('python3', 0o755);
		expect(() => assertPrerequisites({ downloads: ['2.41.1'], build: true, folder: join(bin, 'cache') }, bin)).toThrow(
			/^Stopped before downloading n8n 2\.41\.1; first fix:\n {2}- Missing make, g\+\+: node-gyp needs python3, make and g\+\+/,
		);
	});

	it('does not check anything when nothing needs downloading or building', () => {
		expect(() => assertPrerequisites({ downloads: [], build: false, folder: join(bin, 'cache') }, '')).not.toThrow();
	});
});
