// Entry point: startSandbox() starts a tinyEmail emulator on 127.0.0.1 and hands back its URL and controls.
import type { AddressInfo } from 'node:net';
import type { Sandbox, SandboxOptions } from './types';
import { createState } from './state';
import { createControl } from './controls';
import { createSandboxServer } from './server';

export { DEMO_API_KEY, DEMO_CLIENT } from './demo';
export { AUTHORIZE_PATH, TOKEN_PATH } from './oauth';
export type * from './types';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const state = createState(options);
	const control = createControl(state);
	const server = createSandboxServer(state, control);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	let stopping: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${port}`,
		control,
		stop() {
			stopping ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				// Keep-alive sockets would hold close() open; the sandbox ends them itself.
				server.closeAllConnections();
			}).then(() => state.store.flush());
			return stopping;
		},
	};
}
