// One temporary n8n user folder for the whole run (n8n-core writes .n8n/config there when loaded),
// created before the workers start so they inherit it, and removed by global-teardown.ts.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export default function globalSetup(): void {
	if (!process.env.N8N_USER_FOLDER) {
		process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'tinyemail-n8n-'));
		process.env.TINYEMAIL_TEST_OWNS_USER_FOLDER = '1';
	}
}
