// n8n-core writes its config under N8N_USER_FOLDER when loaded: keep that out of $HOME.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'tinyemail-n8n-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.NO_PROXY = '127.0.0.1,localhost';
