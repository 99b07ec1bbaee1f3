// A throwaway PostgreSQL for tests: the system's binaries (/usr/lib/postgresql/<version>/bin), a fresh cluster
// in a temporary folder of its own (initdb -A trust; removed by stop()), the server in the foreground in its own process group on 127.0.0.1:<port>
// (no Unix socket), so stopping the group — or this process exiting — ends it. As root it runs as the
// `postgres` user, since PostgreSQL refuses to run as root.
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { elapsedSince, killGroup, log, run, runAllowFail, startDetached, waitFor } from '../proc';

export interface PrivatePostgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** The PostgreSQL version of the binaries, e.g. "15". */
	version: string;
	stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder (Debian layout), or undefined. */
export function findPostgresBin(): { bin: string; version: string } | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? { bin: join(root, versions[0], 'bin'), version: versions[0] } : undefined;
}

async function runAs(): Promise<{ uid?: number; gid?: number }> {
	if (process.getuid?.() !== 0) return {};
	const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
	const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
	return { uid, gid };
}

export async function startPrivatePostgres(opts: { port: number; database: string; logFile: string }): Promise<PrivatePostgres> {
	const t0 = Date.now();
	const found = findPostgresBin();
	if (!found)
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run scripts/queue/ensure-services.sh (apt-get install -y postgresql).',
		);
	const { uid, gid } = await runAs();
	// Not below the caller's (private) temporary folder: the postgres user must be able to reach it
	const dir = mkdtempSync(join(tmpdir(), 'tinyemail-pg-'));
	if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
	const dataDir = join(dir, 'data');
	const asPostgres = uid !== undefined ? ['runuser', '-u', 'postgres', '--'] : [];
	const initdb = [...asPostgres, join(found.bin, 'initdb'), '-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'];
	await run(initdb[0], initdb.slice(1), { timeoutMs: 120000 });

	// fsync off and friends: a test database that is thrown away, so durability costs time for nothing
	const logFd = openSync(opts.logFile, 'a');
	const server = startDetached(
		join(found.bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(opts.port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
			'-c',
			'logging_collector=off',
		],
		{ cwd: dir, uid, gid, stdio: ['ignore', logFd, logFd] },
	);
	closeSync(logFd);
	let exited: string | undefined;
	server.on('exit', (code, signal) => {
		exited = `postgres exited (code ${code}, signal ${signal})`;
	});
	const stop = async () => {
		await killGroup(server, 10000);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const pgIsReady = join(found.bin, 'pg_isready');
		await waitFor(
			`PostgreSQL on 127.0.0.1:${opts.port}`,
			async () =>
				(await runAllowFail(pgIsReady, ['-h', '127.0.0.1', '-p', String(opts.port), '-U', 'postgres'], { timeoutMs: 10000 })).code === 0
					? true
					: undefined,
			{ timeoutMs: 60000, intervalMs: 300, abortIf: () => exited },
		);
		await run(join(found.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(opts.port), '-U', 'postgres', opts.database], {
			timeoutMs: 30000,
		});
	} catch (error) {
		await stop();
		throw error;
	}
	log(`PostgreSQL ${found.version} is up on 127.0.0.1:${opts.port} (${elapsedSince(t0)})`);
	return { host: '127.0.0.1', port: opts.port, user: 'postgres', database: opts.database, version: found.version, stop };
}
