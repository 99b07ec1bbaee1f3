// `npm run dev`'s port check (scripts/lib/devPorts.ts, portUser.ts), on real sockets over loopback: a busy port
// is named with what listens on it and the variable (with a free value) that moves it.
import { createServer, type Server } from 'net';
import { assertDevPortsFree, portBusyMessage, readDevPorts, type DevPort } from '../../scripts/lib/dev/devPorts';
import { freePort, portIsFree } from '../../scripts/lib/n8n/n8nServer';
import { listeningInodes, portUser } from '../../scripts/lib/dev/portUser';

const onLinux = process.platform === 'linux' ? it : it.skip;

function listen(port = 0): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}
const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('readDevPorts', () => {
	it('defaults to 5678 for n8n and 8787 for the sandbox', () => {
		expect(readDevPorts({})).toEqual({
			n8n: { variable: 'N8N_DEV_PORT', serves: 'n8n', port: 5678 },
			sandbox: { variable: 'SANDBOX_DEV_PORT', serves: 'the tinyEmail sandbox', port: 8787 },
		});
		expect(readDevPorts({ N8N_DEV_PORT: '5800', SANDBOX_DEV_PORT: ' ' }).n8n.port).toBe(5800);
	});

	it.each(['abc', '0', '70000', '56.78'])('refuses N8N_DEV_PORT=%s, naming the variable and the valid range', (value) => {
		expect(() => readDevPorts({ N8N_DEV_PORT: value })).toThrow(
			`N8N_DEV_PORT is "${value}"; set it to a port number from 1 to 65535 (default 5678).`,
		);
	});

	it('refuses the same port for n8n and the sandbox', () => {
		expect(() => readDevPorts({ N8N_DEV_PORT: '9000', SANDBOX_DEV_PORT: '9000' })).toThrow(
			'N8N_DEV_PORT and SANDBOX_DEV_PORT are both 9000',
		);
	});
});

describe('assertDevPortsFree', () => {
	let busy: Server;
	beforeEach(async () => {
		busy = await listen();
	});
	afterEach(() => close(busy));

	const devPort = (variable: string, port: number): DevPort => ({
		variable,
		serves: variable === 'N8N_DEV_PORT' ? 'n8n' : 'the tinyEmail sandbox',
		port,
	});

	it('passes free ports', async () => {
		const a = await freePort();
		const b = await freePort([a]);
		await expect(assertDevPortsFree([devPort('N8N_DEV_PORT', a), devPort('SANDBOX_DEV_PORT', b)])).resolves.toBeUndefined();
	});

	onLinux('names the busy port, the process listening on it and the variable with a free port to use instead', async () => {
		const port = portOf(busy);
		const free = await freePort([port]);
		const error = await assertDevPortsFree([devPort('N8N_DEV_PORT', port), devPort('SANDBOX_DEV_PORT', free)]).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const message = (error as Error).message;
		expect(message).toMatch(
			new RegExp(
				`^Port ${port} for n8n is in use on 127\\.0\\.0\\.1 by pid ${process.pid} \\(.*node.*\\)\\. Stop that, or run on another port: N8N_DEV_PORT=(\\d+) npm run dev$`,
			),
		);
		expect(await portIsFree(Number(/N8N_DEV_PORT=(\d+)/.exec(message)?.[1]))).toBe(true);
	});

	it('suggests the next port that is free and not the other dev port', async () => {
		const busyPorts = [5678, 5680];
		const probe = { isFree: async (port: number) => !busyPorts.includes(port), userOf: () => undefined };
		await expect(assertDevPortsFree([devPort('N8N_DEV_PORT', 5678), devPort('SANDBOX_DEV_PORT', 5679)], probe)).rejects.toThrow(
			'Port 5678 for n8n is in use on 127.0.0.1. Stop that, or run on another port: N8N_DEV_PORT=5681 npm run dev',
		);
	});

	it('reports both ports when both are busy', async () => {
		const other = await listen();
		try {
			const error = await assertDevPortsFree([devPort('N8N_DEV_PORT', portOf(busy)), devPort('SANDBOX_DEV_PORT', portOf(other))]).catch(
				(e: Error) => e,
			);
			const lines = (error as Error).message.split('\n');
			expect(lines).toEqual([
				expect.stringMatching(new RegExp(`^Port ${portOf(busy)} for n8n .* N8N_DEV_PORT=`)),
				expect.stringMatching(new RegExp(`^Port ${portOf(other)} for the tinyEmail sandbox .* SANDBOX_DEV_PORT=`)),
			]);
		} finally {
			await close(other);
		}
	});
});

describe('portBusyMessage', () => {
	const n8n: DevPort = { variable: 'N8N_DEV_PORT', serves: 'n8n', port: 5678 };
	it('leaves out who listens when that cannot be known, and shows the variable even without a free port found', () => {
		expect(portBusyMessage(n8n, undefined, undefined)).toBe(
			'Port 5678 for n8n is in use on 127.0.0.1. Stop that, or run on another port: N8N_DEV_PORT=<port> npm run dev',
		);
	});
});

describe('portUser', () => {
	const table = [
		'  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
		'   0: 0100007F:162E 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0',
		'   1: 0100007F:162E 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 20 4 30 10 -1',
		'   2: 00000000:2253 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7777 1 0000000000000000 100 0 0 10 0',
	].join('\n');

	it('reads the listening sockets of a port from a /proc/net/tcp table (not its connections)', () => {
		expect(listeningInodes(table, 5678)).toEqual(['4242']);
		expect(listeningInodes(table, 8787)).toEqual(['7777']);
		expect(listeningInodes(table, 80)).toEqual([]);
	});

	onLinux('finds this process listening on a port, and nobody on a free one', async () => {
		const server = await listen();
		const port = portOf(server);
		try {
			expect(portUser(port)).toEqual({ pid: process.pid, command: expect.stringContaining('node') });
		} finally {
			await close(server);
		}
		expect(portUser(port)).toBeUndefined();
	});
});
