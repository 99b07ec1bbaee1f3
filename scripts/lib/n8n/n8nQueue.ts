// n8n in queue mode on one machine: a private PostgreSQL (workflows, credentials, executions) and Redis
// (the Bull queue and n8n's locks), one main process (`n8n start`: editor, REST API, webhooks; it puts
// executions on the queue) and `n8n worker` processes that run them. Every process has its own user
// folder with the community package installed in it, as separate containers or machines would have
// (n8n loads community nodes from `<N8N_USER_FOLDER>/.n8n/nodes` in each process), and its own task-runner
// broker port; they share the database, Redis and the encryption key.
import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import { installCommunityPackage } from '../package/communityPackage';
import { freePort, spawnN8n, startN8n, type N8nProcess, type N8nServer, type StartN8nOptions } from './n8nServer';
import type { N8nInstall } from '../provisioning/targets';
import { startPrivatePostgres, type PrivatePostgres } from '../services/privatePostgres';
import { startPrivateRedis, type PrivateRedis } from '../services/privateRedis';
import { elapsedSince, log, waitFor } from '../proc';

export interface QueueModeOptions {
	install: N8nInstall;
	/** Everything goes below it (database, user folders, logs); removed by stop() unless keepDir. */
	dir: string;
	/** The community package tarball to install in every process's user folder. */
	tarball: string;
	/** The main process's port (editor, REST API, webhooks). */
	port: number;
	encryptionKey: string;
	workers: number;
	/** `n8n worker --concurrency`: executions one worker runs at once. */
	concurrency: number;
	/** n8n settings for every process, e.g. QUEUE_WORKER_LOCK_DURATION. */
	extraEnv?: Record<string, string>;
	keepDir?: boolean;
}

export interface QueueWorker {
	name: string;
	process: N8nProcess;
	logFile: string;
}

export interface QueueMode {
	main: N8nServer;
	workers: QueueWorker[];
	postgres: PrivatePostgres;
	redis: PrivateRedis;
	/** The worker that logged "Worker started execution <id>" (the last one, when it was started twice). */
	workerOf(executionId: string): string | undefined;
	stop(): Promise<void>;
}

/** The environment that puts every process on the same PostgreSQL and Redis in queue mode. */
export function queueModeEnv(postgres: PrivatePostgres, redis: PrivateRedis): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}

export async function startQueueMode(opts: QueueModeOptions): Promise<QueueMode> {
	const t0 = Date.now();
	mkdirSync(opts.dir, { recursive: true });
	type Stoppable = { stop(graceMs?: number): Promise<void> };
	const services: Stoppable[] = [];
	const n8nProcesses: Stoppable[] = [];
	const stopEach = async (list: Stoppable[], graceMs?: number) => {
		await Promise.all(list.map(async (item) => await item.stop(graceMs).catch(() => undefined)));
	};
	const stopAllStarted = async () => {
		// n8n first (it holds database and Redis connections), then the services; nothing is left to finish
		// gracefully, so n8n gets a short grace before SIGKILL
		await stopEach(n8nProcesses, 5000);
		await stopEach(services);
		if (!opts.keepDir) rmSync(opts.dir, { recursive: true, force: true });
	};
	try {
		const pgPort = await freePort([opts.port]);
		const redisPort = await freePort([opts.port, pgPort]);
		const postgres = await startPrivatePostgres({ port: pgPort, database: 'n8n', logFile: join(opts.dir, 'postgres.log') });
		services.push(postgres);
		const redis = await startPrivateRedis({ dir: join(opts.dir, 'redis'), port: redisPort });
		services.push(redis);

		const processOptions = (name: string): StartN8nOptions => ({
			install: opts.install,
			userFolder: join(opts.dir, name),
			// Workers do not listen on it; their URLs (webhook, editor) must still name the main process
			port: opts.port,
			encryptionKey: opts.encryptionKey,
			logFile: join(opts.dir, `${name}.log`),
			extraEnv: { ...queueModeEnv(postgres, redis), ...opts.extraEnv },
		});
		await installCommunityPackage(join(opts.dir, 'main'), opts.tarball);
		// All start at once: n8n takes a database lock for its migrations, so the first process creates the
		// schema and the others wait for it
		const mainStarting = startN8n(processOptions('main')).then((main) => {
			n8nProcesses.push(main);
			return main;
		});

		const executionWorkers = new Map<string, string>();
		let workerCount = 0;
		const startWorker = async (): Promise<QueueWorker> => {
			const name = `worker-${++workerCount}`;
			const options = processOptions(name);
			await installCommunityPackage(options.userFolder, opts.tarball);
			const proc = await spawnN8n(options, ['worker', `--concurrency=${opts.concurrency}`]);
			n8nProcesses.push(proc);
			let ready = false;
			proc.onLine((line) => {
				if (line.includes('n8n worker is now ready')) ready = true;
				const match = /Worker started execution (\d+)/.exec(line);
				if (match) executionWorkers.set(match[1], name);
			});
			await waitFor(`n8n ${name}`, async () => (ready ? true : undefined), {
				timeoutMs: 180000,
				intervalMs: 300,
				abortIf: () => (proc.exited() ? `${proc.exited()}\n${proc.tail()}` : undefined),
			});
			log(`n8n ${name} is ready (concurrency ${opts.concurrency})`);
			return { name, process: proc, logFile: options.logFile };
		};
		const workersStarting = Array.from({ length: opts.workers }, async () => await startWorker());
		// Settled, not Promise.all: on a failure every process that did start must be known to be stopped
		const [mainResult, ...workerResults] = await Promise.allSettled([mainStarting, ...workersStarting]);
		const failure = [mainResult, ...workerResults].find((result) => result.status === 'rejected');
		if (failure) throw failure.reason;
		const main = await mainStarting;
		const workers = await Promise.all(workersStarting);
		log(`n8n queue mode is up: main on ${main.url}, ${opts.workers} workers (${elapsedSince(t0)})`);
		return {
			main,
			workers,
			postgres,
			redis,
			workerOf: (executionId) => executionWorkers.get(String(executionId)),
			stop: stopAllStarted,
		};
	} catch (error) {
		await stopAllStarted();
		throw error;
	}
}
