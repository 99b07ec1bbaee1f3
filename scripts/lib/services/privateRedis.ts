// A throwaway Redis for tests: the system's redis-server on 127.0.0.1:<port>, nothing saved to disk, in its own
// process group (stopped with it, or when this process exits).
import { mkdirSync } from 'fs';
import { connect } from 'net';
import { elapsedSince, killGroup, log, startDetached, waitFor } from '../proc';

export interface PrivateRedis {
	host: string;
	port: number;
	stop(): Promise<void>;
}

/** One PING over a fresh connection: true when Redis answers PONG. */
function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}

export async function startPrivateRedis(opts: { dir: string; port: number }): Promise<PrivateRedis> {
	const t0 = Date.now();
	mkdirSync(opts.dir, { recursive: true });
	const server = startDetached(
		'redis-server',
		['--port', String(opts.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', opts.dir, '--loglevel', 'warning'],
		{ cwd: opts.dir, stdio: ['ignore', 'ignore', 'ignore'] },
	);
	let exited: string | undefined;
	server.on('error', (error) => {
		exited = `redis-server could not start: ${error.message}; run scripts/queue/ensure-services.sh (apt-get install -y redis-server)`;
	});
	server.on('exit', (code, signal) => {
		exited = `redis-server exited (code ${code}, signal ${signal})`;
	});
	const stop = async () => {
		await killGroup(server, 5000);
	};
	try {
		await waitFor(`Redis on 127.0.0.1:${opts.port}`, async () => ((await ping(opts.port)) ? true : undefined), {
			timeoutMs: 30000,
			intervalMs: 200,
			abortIf: () => exited,
		});
	} catch (error) {
		await stop();
		throw error;
	}
	log(`Redis is up on 127.0.0.1:${opts.port} (${elapsedSince(t0)})`);
	return { host: '127.0.0.1', port: opts.port, stop };
}
