// Saves a JSON snapshot to a file atomically (tmp file + rename) and serially: at most one write runs,
// and a save requested meanwhile is coalesced into one more write of the latest state, so no update is lost.
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

export class JsonFilePersistence<T> {
	private running?: Promise<void>;
	private pending?: () => T;

	constructor(private readonly file: string) {}

	load(): T | undefined {
		if (!existsSync(this.file)) return undefined;
		const text = readFileSync(this.file, 'utf8');
		return text.trim() ? (JSON.parse(text) as T) : undefined;
	}

	save(snapshot: () => T): void {
		this.pending = snapshot;
		if (!this.running) this.running = this.drain();
	}

	async flush(): Promise<void> {
		while (this.running) await this.running;
	}

	private async drain(): Promise<void> {
		try {
			// Bounded: each pass consumes the pending request; new ones only arrive from new API writes.
			while (this.pending) {
				const snapshot = this.pending;
				this.pending = undefined;
				// Serialize synchronously so the file reflects one consistent moment of the store.
				const text = JSON.stringify(snapshot(), null, '\t');
				const tmp = `${this.file}.${process.pid}.tmp`;
				await writeFile(tmp, text, 'utf8');
				await rename(tmp, this.file);
			}
		} catch (error) {
			// A sandbox that cannot save should say so, but keep serving from memory.
			process.stderr.write(`sandbox: could not save ${this.file}: ${(error as Error).message}\n`);
		} finally {
			this.running = undefined;
		}
	}
}
