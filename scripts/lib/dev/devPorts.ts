// The two ports `npm run dev` serves on, each set by its own variable, checked before anything slow happens
// so that a busy port is reported in seconds, with what uses it and how to pick another.
import { portIsFree } from '../n8n/n8nServer';
import { portUser, type PortUser } from './portUser';

export interface DevPort {
	/** The environment variable that sets it. */
	variable: string;
	/** What listens on it. */
	serves: string;
	port: number;
}

function readPort(env: NodeJS.ProcessEnv, variable: string, serves: string, fallback: number): DevPort {
	const raw = env[variable];
	if (raw === undefined || raw.trim() === '') return { variable, serves, port: fallback };
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`${variable} is "${raw}"; set it to a port number from 1 to 65535 (default ${fallback}).`);
	}
	return { variable, serves, port };
}

/** N8N_DEV_PORT (default 5678) and SANDBOX_DEV_PORT (default 8787). */
export function readDevPorts(env: NodeJS.ProcessEnv): { n8n: DevPort; sandbox: DevPort } {
	const n8n = readPort(env, 'N8N_DEV_PORT', 'n8n', 5678);
	const sandbox = readPort(env, 'SANDBOX_DEV_PORT', 'the tinyEmail sandbox', 8787);
	if (n8n.port === sandbox.port) {
		throw new Error(`N8N_DEV_PORT and SANDBOX_DEV_PORT are both ${n8n.port}; n8n and the sandbox need a port each.`);
	}
	return { n8n, sandbox };
}

export function portBusyMessage(busy: DevPort, user: PortUser | undefined, freeAlternative: number | undefined): string {
	const by = user ? ` by pid ${user.pid} (${user.command})` : '';
	const fix = freeAlternative ? `${busy.variable}=${freeAlternative} npm run dev` : `${busy.variable}=<port> npm run dev`;
	return `Port ${busy.port} for ${busy.serves} is in use on 127.0.0.1${by}. Stop that, or run on another port: ${fix}`;
}

export interface PortProbe {
	isFree: (port: number) => Promise<boolean>;
	userOf: (port: number) => PortUser | undefined;
}

/** Throws naming every busy port, what uses it, and the variable (with a free value) that moves it. */
export async function assertDevPortsFree(ports: DevPort[], probe: PortProbe = { isFree: portIsFree, userOf: portUser }): Promise<void> {
	const taken = ports.map((p) => p.port);
	const problems: string[] = [];
	for (const p of ports) {
		if (await probe.isFree(p.port)) continue;
		let alternative: number | undefined;
		for (let candidate = p.port + 1; candidate <= Math.min(p.port + 20, 65535) && !alternative; candidate++) {
			if (!taken.includes(candidate) && (await probe.isFree(candidate))) alternative = candidate;
		}
		problems.push(portBusyMessage(p, probe.userOf(p.port), alternative));
	}
	if (problems.length) throw new Error(problems.join('\n'));
}
