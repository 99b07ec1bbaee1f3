// Shared by the fault-injection tests: a loopback proxy that can answer in the sandbox's place (for
// answers the sandbox's fault rules do not give, such as a 429 with a short Retry-After) or run a hook
// before forwarding, and the "every item written exactly once" check.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { Sandbox } from '../../../sandbox/types';

export interface ProxiedRequest {
	method: string;
	path: string;
	/** 1-based count of requests with this method seen so far, this one included. */
	nthOfMethod: number;
	/** The request body's size (its Content-Length), 0 when it has none. */
	bodyBytes: number;
}

export type ProxyDecision = undefined | { status: number; headers?: Record<string, string>; body?: unknown };

export interface FaultProxy {
	url: string;
	stop(): Promise<void>;
}

/** Forwards every request to `target` unless `decide` answers it; `decide` may also act (e.g. expire tokens) first. */
export async function startFaultProxy(target: string, decide: (request: ProxiedRequest) => ProxyDecision): Promise<FaultProxy> {
	const counts = new Map<string, number>();
	const upstream = new URL(target);
	const server: Server = createServer((req: IncomingMessage, res) => {
		const method = req.method ?? 'GET';
		const nthOfMethod = (counts.get(method) ?? 0) + 1;
		counts.set(method, nthOfMethod);
		const answer = decide({ method, path: req.url ?? '/', nthOfMethod, bodyBytes: Number(req.headers['content-length'] ?? 0) });
		if (answer) {
			req.resume();
			res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
			// A text body (e.g. an HTML page) goes out as it is, anything else as JSON
			res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? { message: 'Too many requests' }));
			return;
		}
		const forward = httpRequest(
			{ host: upstream.hostname, port: upstream.port, method, path: req.url, headers: { ...req.headers, host: upstream.host } },
			(upstreamRes) => {
				res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
				upstreamRes.pipe(res);
			},
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Every expected email is stored, and the successful customer writes carried exactly as many
 * customers as expected: so each was written once, none twice (faults in the sandbox strike before
 * anything is written, so only 200 answers wrote anything).
 */
export function expectWrittenExactlyOnce(sandbox: Sandbox, emails: string[]): void {
	const written = sandbox.control
		.requestLog()
		.filter((entry) => entry.method === 'PUT' && entry.path.startsWith('/v1/account/customer') && entry.status === 200)
		.reduce((sum, entry) => sum + (entry.batchSize ?? 0), 0);
	expect(written).toBe(emails.length);
	const stored = new Set(sandbox.control.listCustomers().map((customer) => customer.email.toLowerCase()));
	for (const email of emails) expect(stored.has(email.toLowerCase())).toBe(true);
}

/** One output per input, in order, each paired to its input. */
export function expectPaired(output: Array<{ pairedItem?: unknown }> | undefined, count: number): void {
	expect(output).toHaveLength(count);
	output!.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
}

export const emailsFor = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);
