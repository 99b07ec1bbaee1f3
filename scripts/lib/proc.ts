// Child processes and progress output shared by the provisioning, dev and e2e scripts.
// Every long-running child is started in its own process group so it (and its own children)
// can be stopped as a whole, and is registered so it is killed when this process exits.
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';

const started = Date.now();

/** `[  12.3s] message` on stderr, so progress stays visible when stdout is piped. */
export function log(message: string): void {
	const secs = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
	process.stderr.write(`[${secs}s] ${message}\n`);
}

export function elapsedSince(t0: number): string {
	return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

const live = new Set<ChildProcess>();

/** Kill a child's whole process group (SIGTERM, then SIGKILL after graceMs). Resolves when it exited. */
export async function killGroup(child: ChildProcess, graceMs = 10000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
		live.delete(child);
		return;
	}
	const pid = child.pid;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-pid, sig);
		} catch {
			try {
				child.kill(sig);
			} catch {
				/* already gone */
			}
		}
	};
	signal('SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	const forced = new Promise<void>((resolve) => {
		timer = setTimeout(() => {
			signal('SIGKILL');
			resolve();
		}, graceMs);
	});
	await Promise.race([exited, forced]);
	if (timer) clearTimeout(timer);
	await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
	live.delete(child);
}

/** Last-resort synchronous cleanup: SIGKILL every registered process group. */
function killAllSync(): void {
	for (const child of live) {
		if (child.pid !== undefined && child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	}
	live.clear();
}
process.on('exit', killAllSync);

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Print the child's output live (prefixed); otherwise it is captured and shown only on failure. */
	echo?: boolean;
	/** Hard limit; the process group is killed after it (default 30 minutes). */
	timeoutMs?: number;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Run a command to completion; throws with the tail of its output when it fails. */
export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
	const result = await runAllowFail(cmd, args, opts);
	if (result.code !== 0) {
		const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-40).join('\n');
		throw new Error(`Command failed (exit ${result.code}): ${cmd} ${args.join(' ')}\n${tail}`);
	}
	return result;
}

export function runAllowFail(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		live.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d: Buffer) => {
			stdout += d.toString();
			if (opts.echo) process.stderr.write(d);
		});
		child.stderr!.on('data', (d: Buffer) => {
			stderr += d.toString();
			if (opts.echo) process.stderr.write(d);
		});
		const timer = setTimeout(
			() => {
				void killGroup(child, 2000);
			},
			opts.timeoutMs ?? 30 * 60 * 1000,
		);
		child.on('error', (err) => {
			clearTimeout(timer);
			live.delete(child);
			reject(new Error(`Cannot start ${cmd}: ${err.message}`));
		});
		child.on('close', (code, sig) => {
			clearTimeout(timer);
			live.delete(child);
			resolve({ code: code ?? (sig ? 128 : 1), stdout, stderr });
		});
	});
}

/** Start a long-running child in its own process group; it is killed when this process exits. */
export function startDetached(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
	const child = spawn(cmd, args, { ...opts, detached: true });
	live.add(child);
	child.on('exit', () => live.delete(child));
	return child;
}

/** Stop every registered child, then exit with `code`. Used by SIGINT/SIGTERM handlers. */
export async function stopAll(): Promise<void> {
	await Promise.all([...live].map((c) => killGroup(c, 10000)));
}

/** Bounded poll: call `fn` until it returns a value other than undefined, or fail after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	fn: () => Promise<T | undefined>,
	opts: { timeoutMs?: number; intervalMs?: number; abortIf?: () => string | undefined } = {},
): Promise<T> {
	const deadline = Date.now() + (opts.timeoutMs ?? 60000);
	let lastError: unknown;
	for (let attempt = 0; ; attempt++) {
		const abort = opts.abortIf?.();
		if (abort) throw new Error(`Gave up waiting for ${what}: ${abort}`);
		try {
			const value = await fn();
			if (value !== undefined) return value;
		} catch (err) {
			lastError = err;
		}
		if (Date.now() > deadline) {
			const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(`Timed out waiting for ${what}${reason}`);
		}
		await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
	}
}

/** The npm executable for `run`. */
export function npmCommand(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Heartbeat for steps that print nothing for minutes (npm install without a TTY). */
export async function withHeartbeat<T>(what: string, fn: () => Promise<T>): Promise<T> {
	const t0 = Date.now();
	const timer = setInterval(() => log(`  … ${what} still running (${elapsedSince(t0)})`), 30000);
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}
