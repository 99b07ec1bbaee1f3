// `npm run dev`'s state file (scripts/lib/devState.ts): created once with private permissions, reused, and a
// corrupt one reported with its path and what to delete instead of a bare JSON error.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadDevState } from '../../scripts/lib/dev/devState';

let devDir: string;
let file: string;
beforeEach(() => {
	devDir = mkdtempSync(join(tmpdir(), 'tinyemail-dev-'));
	file = join(devDir, 'state.json');
});
afterEach(() => rmSync(devDir, { recursive: true, force: true }));

it('creates the state on the first run, readable by its owner only, and returns the same state afterwards', () => {
	const first = loadDevState(devDir);
	expect(first.encryptionKey).toMatch(/^[0-9a-f]{48}$/);
	expect(first.owner.password).toMatch(/^Dev-[0-9a-f]{12}-N8n$/);
	expect(statSync(file).mode & 0o777).toBe(0o600);
	expect(existsSync(`${file}.tmp`)).toBe(false);
	expect(loadDevState(devDir)).toEqual(first);
});

it('reports a state file that is not JSON with its path and "delete it to start fresh"', () => {
	writeFileSync(file, '{"encryptionKey": "ab');
	expect(() => loadDevState(devDir)).toThrow(new RegExp(`^${file} is corrupt \\(not valid JSON: .+\\)\\. Delete it to start fresh\\.$`));
	expect(readFileSync(file, 'utf8')).toBe('{"encryptionKey": "ab'); // left for the user to look at
});

it('reports JSON without the key or the login as corrupt too', () => {
	writeFileSync(file, JSON.stringify({ encryptionKey: 'k', owner: { email: 'dev@example.com' } }));
	expect(() => loadDevState(devDir)).toThrow(
		`${file} is corrupt (no encryptionKey, owner.email or owner.password). Delete it to start fresh.`,
	);
	writeFileSync(file, 'null');
	expect(() => loadDevState(devDir)).toThrow(`${file} is corrupt`);
});

it('says to delete the whole dev folder when n8n data encrypted with the lost key sits next to it', () => {
	mkdirSync(join(devDir, 'n8n'));
	writeFileSync(file, '');
	expect(() => loadDevState(devDir)).toThrow(
		`It holds the encryption key of the n8n data in ${join(devDir, 'n8n')}, which n8n cannot open without it: delete ${devDir} to start fresh`,
	);
});
