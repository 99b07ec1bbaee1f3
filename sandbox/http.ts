// Small HTTP vocabulary shared by the sandbox's route handlers: what a handler returns and how it is sent.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
	status: number;
	json?: unknown;
	html?: string;
	headers?: Record<string, string>;
}

export interface ParsedRequest {
	method: string;
	/** Path without the query string, e.g. /v1/account/customer/a%40b.com (still encoded). */
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	/** Raw body text ('' when there is none). */
	rawBody: string;
	contentType: string;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: body, headers });
export const message = (status: number, text: string): Reply => json(status, { message: text });
export const noContent = (): Reply => ({ status: 204 });

export function sendReply(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...reply.headers };
	let payload: string | undefined;
	if (reply.html !== undefined) {
		headers['content-type'] = 'text/html; charset=utf-8';
		payload = reply.html;
	} else if (reply.json !== undefined) {
		headers['content-type'] = 'application/json';
		payload = JSON.stringify(reply.json);
	}
	if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(reply.status, headers);
	res.end(payload);
}

export class BodyTooLargeError extends Error {}

/**
 * Reads the whole body up to `limit` bytes. Past the limit the rest is drained (up to a hard cap) and discarded,
 * so the client gets to read our 413 instead of seeing its upload cut off.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
	const drainCap = limit * 16;
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				tooLarge = true;
				chunks.length = 0;
				if (size > drainCap) req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => (tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8'))));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete) reject(new BodyTooLargeError());
		});
	});
}

/** Parses a JSON body; answers with the 400 the API gives for anything that is not JSON. */
export function parseJsonBody(request: ParsedRequest): { ok: true; value: unknown } | { ok: false; reply: Reply } {
	if (!request.contentType.includes('application/json')) {
		return { ok: false, reply: json(415, { message: `Content-Type must be application/json (got ${request.contentType || 'none'})` }) };
	}
	try {
		return { ok: true, value: JSON.parse(request.rawBody) };
	} catch {
		return { ok: false, reply: message(400, 'Malformed JSON request body') };
	}
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
