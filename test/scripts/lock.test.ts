// The provisioning lock (scripts/lib/lock.ts) on a real folder: a lock left by a dead process is taken over
// at once, a live owner is waited for, and the lock records who holds it.
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { hostname, tmpdir } from 'os';
import { join } from 'path';
import { readLockOwner, whyOwnerIsGone, withLock, type LockOwner } from '../../scripts/lib/provisioning/lock';

let root: string;
let lockDir: string;
let stderr: string[];

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'tinyemail-lock-'));
	lockDir = join(root, 'n8n-2.41.1.lock');
	stderr = [];
	jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
		stderr.push(String(chunk));
		return true;
	});
});

afterEach(() => {
	jest.restoreAllMocks();
	rmSync(root, { recursive: true, force: true });
});

/** The pid of a process that ran and exited (spawnSync waits for it). */
function deadPid(): number {
	const pid = spawnSync(process.execPath, ['-e', '']).pid;
	if (!pid) throw new Error('could not start a short-lived process');
	return pid;
}

function leaveLock(owner: LockOwner): void {
	mkdirSync(lockDir);
	writeFileSync(join(lockDir, 'owner.json'), JSON.stringify(owner));
}

const neverWait = async () => {
	throw new Error('waited instead of taking the lock over');
};

describe('withLock', () => {
	it('records pid, host and start time while it holds the lock, and removes the lock afterwards', async () => {
		let seen: LockOwner | undefined;
		const result = await withLock(lockDir, async () => {
			seen = readLockOwner(lockDir);
			return 'done';
		});
		expect(result).toBe('done');
		expect(seen).toEqual({ pid: process.pid, host: hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
		expect(existsSync(lockDir)).toBe(false);
	});

	it('removes the lock when the work throws', async () => {
		await expect(withLock(lockDir, async () => Promise.reject(new Error('build failed')))).rejects.toThrow('build failed');
		expect(existsSync(lockDir)).toBe(false);
	});

	it('takes over at once a lock whose owner is no longer running, and says so', async () => {
		const pid = deadPid();
		leaveLock({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' });
		const owners: Array<LockOwner | undefined> = [];
		await withLock(lockDir, async () => void owners.push(readLockOwner(lockDir)), { sleep: neverWait });
		expect(owners[0]?.pid).toBe(process.pid);
		expect(stderr.join('')).toContain(
			`Taking over the lock ${lockDir}: its owner, pid ${pid} (started 2026-01-01T00:00:00.000Z), is no longer running`,
		);
	});

	it('takes over at once a lock folder left by a crash right after it was created (no owner recorded)', async () => {
		mkdirSync(lockDir);
		await withLock(lockDir, async () => undefined, { sleep: neverWait });
		expect(stderr.join('')).toContain('it records no owner (left by a crash)');
	});

	it('reads the older lock format (a pid file) and takes it over when that pid is dead', async () => {
		const pid = deadPid();
		mkdirSync(lockDir);
		writeFileSync(join(lockDir, 'pid'), String(pid));
		await withLock(lockDir, async () => undefined, { sleep: neverWait });
		expect(stderr.join('')).toContain(`pid ${pid}`);
	});

	it('waits for a live owner and goes ahead once it released the lock', async () => {
		leaveLock({ pid: process.ppid, host: hostname(), startedAt: 'now' });
		let waits = 0;
		const ownerFinishes = async () => {
			waits++;
			rmSync(lockDir, { recursive: true, force: true });
		};
		let ran = false;
		await withLock(lockDir, async () => void (ran = true), { sleep: ownerFinishes });
		expect(waits).toBe(1);
		expect(ran).toBe(true);
		expect(stderr.join('')).toContain(`Waiting for pid ${process.ppid}`);
	});

	it('gives up on a live owner after the timeout, saying which lock to delete if nothing runs', async () => {
		leaveLock({ pid: process.ppid, host: hostname(), startedAt: 'now' });
		const work = jest.fn(async () => undefined);
		await expect(withLock(lockDir, work, { timeoutMs: 0, sleep: async () => undefined })).rejects.toThrow(
			`If no provisioning is running there, delete ${lockDir} and retry.`,
		);
		expect(work).not.toHaveBeenCalled();
		expect(readFileSync(join(lockDir, 'owner.json'), 'utf8')).toContain(String(process.ppid));
	});
});

describe('whyOwnerIsGone', () => {
	const here = { host: 'build-1', isAlive: (pid: number) => pid === 42 };
	it('keeps a live owner, and an owner on another host (its pid cannot be checked from here)', () => {
		expect(whyOwnerIsGone({ pid: 42, host: 'build-1', startedAt: 't' }, here)).toBeUndefined();
		expect(whyOwnerIsGone({ pid: 7, host: 'build-2', startedAt: 't' }, here)).toBeUndefined();
	});
	it('gives up a dead owner on this host and a lock without owner', () => {
		expect(whyOwnerIsGone({ pid: 7, host: 'build-1', startedAt: 't' }, here)).toMatch(/pid 7 .* no longer running/);
		expect(whyOwnerIsGone(undefined, here)).toMatch(/no owner/);
	});
});
