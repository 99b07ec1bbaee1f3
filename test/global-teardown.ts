import { rmSync } from 'fs';

export default function globalTeardown(): void {
	if (process.env.TINYEMAIL_TEST_OWNS_USER_FOLDER && process.env.N8N_USER_FOLDER) {
		rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
	}
}
