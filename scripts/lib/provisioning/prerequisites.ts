// What provisioning needs from the machine, checked before anything is downloaded: disk room for the n8n installs,
// and the tools node-gyp uses to build sqlite3 (python3, make, g++). Each problem says how to fix it.
import { accessSync, constants, existsSync, readFileSync, statfsSync } from 'fs';
import { delimiter, dirname, join, resolve } from 'path';

export const BUILD_TOOLS = ['python3', 'make', 'g++'];
/** One n8n install takes 2.9 GB; npm's download cache needs room on top while it installs. */
export const GB_PER_N8N_INSTALL = 3;
export const GB_FOR_NPM_CACHE = 2;

export interface Needs {
	/** n8n versions about to be downloaded. */
	downloads: string[];
	/** Whether sqlite3 is about to be built. */
	build: boolean;
	/** The cache folder the installs go to. */
	folder: string;
}

export interface Machine {
	freeGb: number;
	missingTools: string[];
	/** The command that installs `tools` on this machine. */
	installCommand: (tools: string[]) => string;
}

/** What stops provisioning on this machine, one sentence each with its fix; empty when nothing does. */
export function prerequisiteProblems(needs: Needs, machine: Machine): string[] {
	const problems: string[] = [];
	const needGb = needs.downloads.length * GB_PER_N8N_INSTALL + GB_FOR_NPM_CACHE;
	if (needs.downloads.length && machine.freeGb < needGb) {
		problems.push(
			`Not enough free disk: ${machine.freeGb.toFixed(1)} GB free under ${needs.folder}, and n8n ${needs.downloads.join(' and ')} ` +
				`need about ${needGb} GB (${GB_PER_N8N_INSTALL} GB per install plus ${GB_FOR_NPM_CACHE} GB for npm's cache). ` +
				'Free some space, or set TINYEMAIL_N8N_CACHE to a folder on a larger disk.',
		);
	}
	if ((needs.build || needs.downloads.length) && machine.missingTools.length) {
		problems.push(
			`Missing ${machine.missingTools.join(', ')}: node-gyp needs python3, make and g++ to build n8n's sqlite3. ` +
				`Install with: ${machine.installCommand(machine.missingTools)}`,
		);
	}
	return problems;
}

export interface OsInfo {
	platform: NodeJS.Platform;
	/** ID and ID_LIKE from /etc/os-release, e.g. ['ubuntu', 'debian']. */
	ids: string[];
	isRoot: boolean;
}

/** The package-manager command that installs `tools` (python3, make, g++) on `os`. */
export function installCommand(tools: string[], os: OsInfo): string {
	if (os.platform === 'darwin') return 'xcode-select --install';
	const sudo = os.isRoot ? '' : 'sudo ';
	const has = (...ids: string[]) => ids.some((id) => os.ids.includes(id));
	const named = (names: Record<string, string>) => tools.map((t) => names[t] ?? t).join(' ');
	if (has('debian', 'ubuntu')) return `${sudo}apt-get update && ${sudo}apt-get install -y ${tools.join(' ')}`;
	if (has('fedora', 'rhel', 'centos')) return `${sudo}dnf install -y ${named({ 'g++': 'gcc-c++' })}`;
	if (has('alpine')) return `${sudo}apk add ${tools.join(' ')}`;
	if (has('arch')) return `${sudo}pacman -S --needed ${named({ python3: 'python', 'g++': 'gcc' })}`;
	return `your system's package manager (on Debian/Ubuntu: apt-get install -y ${tools.join(' ')})`;
}

/** The tools not found as executables on `pathEnv` (a PATH value). */
export function missingTools(tools: string[], pathEnv: string): string[] {
	const dirs = pathEnv.split(delimiter).filter(Boolean);
	const executable = (file: string) => {
		try {
			accessSync(file, constants.X_OK);
			return true;
		} catch {
			return false;
		}
	};
	return tools.filter((tool) => !dirs.some((dir) => executable(join(dir, tool))));
}

/** Free GB on the disk that holds `folder` (or would, once created: its nearest existing parent). */
export function freeGbAt(folder: string): number {
	let dir = resolve(folder);
	while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
	const s = statfsSync(dir);
	return (s.bavail * s.bsize) / 1024 ** 3;
}

function readOsInfo(): OsInfo {
	let ids: string[] = [];
	try {
		const release = readFileSync('/etc/os-release', 'utf8');
		const value = (key: string) => release.match(new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm'))?.[1] ?? '';
		ids = `${value('ID')} ${value('ID_LIKE')}`.split(/\s+/).filter(Boolean);
	} catch {
		/* not Linux, or no os-release */
	}
	return { platform: process.platform, ids, isRoot: process.getuid?.() === 0 };
}

/** What stops provisioning on this machine (see prerequisiteProblems); empty when nothing needs doing. */
export function checkMachine(needs: Needs, pathEnv = process.env.PATH ?? ''): string[] {
	if (!needs.downloads.length && !needs.build) return [];
	const os = readOsInfo();
	return prerequisiteProblems(needs, {
		freeGb: freeGbAt(needs.folder),
		missingTools: missingTools(BUILD_TOOLS, pathEnv),
		installCommand: (tools) => installCommand(tools, os),
	});
}

/** Throws, listing every problem with its fix, before anything is downloaded or built. */
export function assertPrerequisites(needs: Needs, pathEnv = process.env.PATH ?? ''): void {
	const problems = checkMachine(needs, pathEnv);
	if (!problems.length) return;
	const next = needs.downloads.length ? `downloading n8n ${needs.downloads.join(' and ')}` : 'building sqlite3';
	throw new Error(`Stopped before ${next}; first fix:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
