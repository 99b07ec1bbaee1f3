// The dev instance's fixed secrets (n8n's encryption key and the owner login), generated on the first run and
// kept in <dev folder>/state.json so that n8n's data and the login survive restarts.
import { randomBytes } from 'crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { OwnerAccount } from '../n8n/n8nApi';

export interface DevState {
	encryptionKey: string;
	owner: OwnerAccount;
}

function isDevState(value: unknown): value is DevState {
	const state = value as Partial<DevState> | null;
	return typeof state?.encryptionKey === 'string' && typeof state.owner?.email === 'string' && typeof state.owner.password === 'string';
}

/** Says what is wrong with the file and what to delete: the n8n data next to it is unreadable without its key. */
function corruptStateError(file: string, devDir: string, why: string): Error {
	const n8nData = join(devDir, 'n8n');
	const fix = existsSync(n8nData)
		? `It holds the encryption key of the n8n data in ${n8nData}, which n8n cannot open without it: delete ${devDir} to start fresh ` +
			'(npm run dev then sets up a new n8n login, credentials and example workflow).'
		: 'Delete it to start fresh.';
	return new Error(`${file} is corrupt (${why}). ${fix}`);
}

export function loadDevState(devDir: string): DevState {
	const file = join(devDir, 'state.json');
	if (existsSync(file)) {
		let state: unknown;
		try {
			state = JSON.parse(readFileSync(file, 'utf8'));
		} catch (err) {
			throw corruptStateError(file, devDir, `not valid JSON: ${(err as Error).message}`);
		}
		if (!isDevState(state)) throw corruptStateError(file, devDir, 'no encryptionKey, owner.email or owner.password');
		return state;
	}
	const state: DevState = {
		encryptionKey: randomBytes(24).toString('hex'),
		owner: {
			email: 'dev@example.com',
			firstName: 'Dev',
			lastName: 'Owner',
			// n8n wants 8+ characters with a digit and an upper-case letter
			password: `Dev-${randomBytes(6).toString('hex')}-N8n`,
		},
	};
	// Written under another name and renamed, so a crash never leaves half a file.
	writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
	renameSync(`${file}.tmp`, file);
	return state;
}
