// node:http front door: parses each request, dispatches to OAuth, /v1 or /__sandbox/, and logs what happened.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SandboxControl, RequestLogEntry } from './types';
import { BodyTooLargeError, message, readBody, sendReply, type ParsedRequest, type Reply } from './http';
import type { SandboxState } from './state';
import { AUTHORIZE_PATH, TOKEN_PATH } from './oauth';
import { handleAuthorize } from './oauthAuthorize';
import { handleToken } from './oauthToken';
import { API_PREFIX, handleApi } from './api/router';
import { CONTROL_PREFIX, handleControl } from './controlRoutes';
import { redactPath } from './requestLog';

function authKind(request: IncomingMessage): RequestLogEntry['auth'] {
	if (request.headers['x-api-key']) return 'apiKey';
	const authorization = request.headers.authorization ?? '';
	if (/^bearer /i.test(authorization)) return 'bearer';
	if (/^basic /i.test(authorization)) return 'basic';
	return 'none';
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSandboxServer(state: SandboxState, control: SandboxControl): Server {
	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
		const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
		const entry: RequestLogEntry = { method, path: redactPath(req.url ?? '/'), auth: authKind(req), status: 0, at: state.now() };
		// The log is about the client under test, so control traffic stays out of it.
		const finish = (reply: Reply): void => {
			entry.status = reply.status;
			entry.answeredAt = state.now();
			if (!isControl) state.log.record(entry);
			sendReply(res, reply);
		};

		let rawBody: string;
		try {
			rawBody = await readBody(req, state.settings.maxBodyBytes);
		} catch (error) {
			if (error instanceof BodyTooLargeError && !res.destroyed) {
				return finish({
					...message(413, `Request body is larger than ${state.settings.maxBodyBytes} bytes`),
					headers: { connection: 'close' },
				});
			}
			return;
		}
		const request: ParsedRequest = {
			method,
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			contentType: String(req.headers['content-type'] ?? '').toLowerCase(),
		};

		if (isControl) return finish(handleControl(control, state, request));
		if (url.pathname === AUTHORIZE_PATH) return finish(handleAuthorize(state, request));
		if (url.pathname === TOKEN_PATH) {
			// A slow authorization server: the grant is looked at only when the answer is due.
			if (state.settings.tokenEndpointDelayMs > 0) await delay(state.settings.tokenEndpointDelayMs);
			const outcome = await handleToken(state, request);
			if (outcome.grantType) entry.grantType = outcome.grantType;
			return finish(outcome.reply);
		}
		if (isApi) {
			if (state.settings.latencyMs > 0) await delay(state.settings.latencyMs);
			const outcome = handleApi(state, request);
			if (outcome.kind === 'hang') {
				// Logged now (status 0: no answer); the socket stays open until the client gives up or the sandbox stops.
				entry.fault = 'hang';
				state.log.record(entry);
				return;
			}
			if (outcome.kind === 'drop') {
				entry.fault = outcome.fault;
				if (outcome.batchSize !== undefined) entry.batchSize = outcome.batchSize;
				if (outcome.appliedStatus !== undefined) entry.appliedStatus = outcome.appliedStatus;
				state.log.record(entry);
				res.socket?.destroy();
				return;
			}
			if (outcome.batchSize !== undefined) entry.batchSize = outcome.batchSize;
			if (outcome.fault !== undefined) entry.fault = outcome.fault;
			return finish(outcome.reply);
		}
		return finish(message(404, `Nothing at ${url.pathname}`));
	}

	return createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			process.stderr.write(`sandbox: internal error: ${(error as Error).stack ?? String(error)}\n`);
			if (!res.headersSent && !res.destroyed) sendReply(res, message(500, 'Internal sandbox error'));
		});
	});
}
