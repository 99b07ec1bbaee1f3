// Which process listens on a local TCP port, read from /proc on Linux (no lsof or ss needed), to name it in
// "port in use" errors. Undefined elsewhere, or when the process belongs to another user.
import { readFileSync, readdirSync, readlinkSync } from 'fs';

export interface PortUser {
	pid: number;
	/** Its command line, shortened. */
	command: string;
}

const LISTEN = '0A';

/** The socket inodes listening on `port` in a /proc/net/tcp or /proc/net/tcp6 table. */
export function listeningInodes(table: string, port: number): string[] {
	return (
		table
			.split('\n')
			.slice(1)
			.map((line) => line.trim().split(/\s+/))
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
			.filter((f) => f.length > 9 && f[3] === LISTEN && parseInt(f[1].split(':').pop() ?? '', 16) === port)
			.map((f) => f[9])
	);
}

function readOr<T>(read: () => T, fallback: T): T {
	try {
		return read();
	} catch {
		return fallback;
	}
}

function commandOf(pid: string): string {
	const command = readOr(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8'), '')
		.split('\0')
		.filter(Boolean)
		.join(' ');
	return command.length > 120 ? `${command.slice(0, 117)}...` : command || '?';
}

export function portUser(port: number): PortUser | undefined {
	if (process.platform !== 'linux') return undefined;
	const tables = ['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readOr(() => readFileSync(file, 'utf8'), ''));
	const inodes = new Set(tables.flatMap((table) => listeningInodes(table, port)));
	if (!inodes.size) return undefined;
	for (const pid of readOr(() => readdirSync('/proc'), [] as string[]).filter((e) => /^\d+$/.test(e))) {
		for (const fd of readOr(() => readdirSync(`/proc/${pid}/fd`), [] as string[])) {
			const inode = /^socket:\[(\d+)\]$/.exec(readOr(() => readlinkSync(`/proc/${pid}/fd/${fd}`), ''))?.[1];
			if (inode && inodes.has(inode)) return { pid: Number(pid), command: commandOf(pid) };
		}
	}
	return undefined;
}
