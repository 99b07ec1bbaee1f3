// A lock folder, so that two scripts do not install into the same cache folder at once.
// The folder appears complete with its owner.json (pid, host, start time): it is assembled under a temporary name
// and renamed into place, so a lock without an owner can only be left over by a crash. A lock whose owner is not
// alive on this host is taken over at once; a live owner (or one on another host, which cannot be checked) is waited for.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { hostname } from 'os';
import { dirname, join } from 'path';
import { log } from '../proc';

export interface LockOwner {
	pid: number;
	host: string;
	startedAt: string;
}

const OWNER_FILE = 'owner.json';

/** The owner recorded in `lockDir`, or undefined when there is none (no lock, or a lock left by a crash). */
export function readLockOwner(lockDir: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(readFileSync(join(lockDir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
		if (typeof owner.pid === 'number' && typeof owner.host === 'string') return { startedAt: '?', ...owner } as LockOwner;
	} catch {
		/* no owner.json, or not JSON: try the older format */
	}
	// Locks written before owner.json held only a `pid` file, on this host.
	try {
		const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
		if (Number.isInteger(pid) && pid > 0) return { pid, host: hostname(), startedAt: '?' };
	} catch {
		/* no pid file either */
	}
	return undefined;
}

/** Whether `pid` is a running process here (EPERM: it runs, under another user). */
export function pidIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Why the lock's owner is gone (so the lock can be taken over), or undefined while it may still be working. */
export function whyOwnerIsGone(
	owner: LockOwner | undefined,
	here: { host: string; isAlive: (pid: number) => boolean },
): string | undefined {
	if (!owner) return 'it records no owner (left by a crash)';
	if (owner.host !== here.host) return undefined;
	if (!here.isAlive(owner.pid)) return `its owner, pid ${owner.pid} (started ${owner.startedAt}), is no longer running`;
	return undefined;
}

export interface LockOptions {
	/** How long to wait for a live owner (default 30 minutes, longer than any install takes). */
	timeoutMs?: number;
	pollMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

/** Creates `lockDir` with this process as its owner; false when someone else holds it. */
function tryCreate(lockDir: string, me: LockOwner): boolean {
	const staging = `${lockDir}.${me.pid}.tmp`;
	mkdirSync(staging, { recursive: true });
	writeFileSync(join(staging, OWNER_FILE), JSON.stringify(me, null, 2));
	try {
		renameSync(staging, lockDir);
		return true;
	} catch (err) {
		rmSync(staging, { recursive: true, force: true });
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
		throw err;
	}
}

/** Removes a lock folder in one step (renamed away first), so nobody sees it half deleted and ownerless. */
function removeLock(lockDir: string): void {
	const doomed = `${lockDir}.${process.pid}.removed`;
	try {
		renameSync(lockDir, doomed);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // already gone
		throw new Error(`Cannot remove the lock ${lockDir}: ${(err as Error).message}`);
	}
	rmSync(doomed, { recursive: true, force: true });
}

/** Runs `fn` holding `lockDir`; the lock is removed afterwards (if it is still this process's). */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
	const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
	const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	const timeoutMs = opts.timeoutMs ?? 30 * 60 * 1000;
	const deadline = Date.now() + timeoutMs;
	mkdirSync(dirname(lockDir), { recursive: true });
	let announced = false;
	for (;;) {
		if (!existsSync(lockDir) && tryCreate(lockDir, me)) break;
		const owner = readLockOwner(lockDir);
		const gone = whyOwnerIsGone(owner, { host: me.host, isAlive: pidIsAlive });
		if (gone) {
			log(`Taking over the lock ${lockDir}: ${gone}`);
			removeLock(lockDir);
			continue;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`${lockDir} is still held by pid ${owner?.pid} on ${owner?.host} after ${Math.round(timeoutMs / 60000)} minutes. ` +
					`If no provisioning is running there, delete ${lockDir} and retry.`,
			);
		}
		if (!announced) {
			log(`Waiting for pid ${owner?.pid} on ${owner?.host} (started ${owner?.startedAt}), which holds ${lockDir}`);
			announced = true;
		}
		await sleep(opts.pollMs ?? 2000);
	}
	try {
		return await fn();
	} finally {
		const owner = readLockOwner(lockDir);
		if (owner?.pid === me.pid && owner.startedAt === me.startedAt) removeLock(lockDir);
	}
}
