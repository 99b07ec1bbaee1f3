// `npm run sandbox`: a long-running sandbox for clicking through the OAuth flow or pointing a local n8n at.
import { parseArgs } from 'node:util';
import { startSandbox, DEMO_API_KEY, DEMO_CLIENT, AUTHORIZE_PATH, TOKEN_PATH } from './index';
import { refusalPatternProblem } from './memberRefusal';
import type { NotFoundStyle, RateLimitScope, SandboxOptions } from './types';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N                 port on 127.0.0.1 (default 8787; 0 = any free port)
  --data FILE              load state from FILE and save every change to it
  --token-lifetime SEC     access-token lifetime in seconds (default 3600)
  --rotate-refresh-tokens  issue a new refresh token on every refresh and reject used ones
  --reuse-detection        with rotation: a used refresh token presented again revokes all tokens of its grant
  --rate-limit N|off       requests per minute per key/token (default 60)
  --rate-limit-scope key|account  one budget per API key / token (default) or one for the whole account
  --token-delay MS         the token endpoint answers after MS milliseconds (default 0)
  --no-retry-after         answer 429 without a Retry-After header
  --batch-limit N          most customers per PUT /v1/account/customer (default 1000)
  --not-found 404|400|empty200  how GET /v1/account/customer/{email} answers an unknown email
  --refuse-emails REGEX    refuse members whose email matches, one name per 400 ("Email address is not accepted: …")
  --redirect-uri URI       register another redirect URI for the demo client (repeatable)
  --help`;

function fail(text: string): never {
	process.stderr.write(`${text}\n\n${USAGE}\n`);
	process.exit(2);
}

function positiveInt(flag: string, raw: string | undefined, min: number): number | undefined {
	if (raw === undefined) return undefined;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) fail(`${flag} must be an integer ≥ ${min} (got "${raw}")`);
	return value;
}

function parseOptions(argv: string[]): SandboxOptions {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				port: { type: 'string' },
				data: { type: 'string' },
				'token-lifetime': { type: 'string' },
				'rotate-refresh-tokens': { type: 'boolean' },
				'reuse-detection': { type: 'boolean' },
				'rate-limit': { type: 'string' },
				'rate-limit-scope': { type: 'string' },
				'token-delay': { type: 'string' },
				'no-retry-after': { type: 'boolean' },
				'batch-limit': { type: 'string' },
				'not-found': { type: 'string' },
				'refuse-emails': { type: 'string' },
				'redirect-uri': { type: 'string', multiple: true },
				help: { type: 'boolean' },
			},
		}));
	} catch (error) {
		fail((error as Error).message);
	}
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		process.exit(0);
	}
	const notFound = values['not-found'];
	if (notFound !== undefined && !['404', '400', 'empty200'].includes(notFound)) fail('--not-found must be 404, 400 or empty200');
	const rateLimit = values['rate-limit'];
	const rateLimitScope = values['rate-limit-scope'];
	if (rateLimitScope !== undefined && !['key', 'account'].includes(rateLimitScope)) fail('--rate-limit-scope must be key or account');
	const refuseEmails = values['refuse-emails'];
	const refusalProblem = refuseEmails === undefined ? undefined : refusalPatternProblem(refuseEmails);
	if (refusalProblem) fail(`--refuse-emails: ${refusalProblem}`);
	const extraUris = values['redirect-uri'] ?? [];
	for (const uri of extraUris) {
		if (!URL.canParse(uri)) fail(`--redirect-uri "${uri}" is not an absolute URL`);
	}
	return {
		port: positiveInt('--port', values.port, 0) ?? 8787,
		dataFile: values.data,
		accessTokenLifetimeSeconds: positiveInt('--token-lifetime', values['token-lifetime'], 1),
		rotateRefreshTokens: values['rotate-refresh-tokens'] ?? false,
		refreshTokenReuseDetection: values['reuse-detection'] ?? false,
		rateLimitPerMinute: rateLimit === 'off' ? false : positiveInt('--rate-limit', rateLimit, 1),
		rateLimitScope: rateLimitScope as RateLimitScope | undefined,
		tokenEndpointDelayMs: positiveInt('--token-delay', values['token-delay'], 0),
		retryAfterHeader: !values['no-retry-after'],
		batchLimit: positiveInt('--batch-limit', values['batch-limit'], 1),
		notFoundStyle: notFound as NotFoundStyle | undefined,
		refuseEmailsMatching: refuseEmails,
		clients: [{ ...DEMO_CLIENT, redirectUris: [...new Set([...DEMO_CLIENT.redirectUris, ...extraUris])] }],
	};
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const sandbox = await startSandbox(options);
	const client = options.clients?.[0] ?? DEMO_CLIENT;
	const lines = [
		`tinyEmail sandbox listening on ${sandbox.url}  (demo credentials below are for this local sandbox only)`,
		`  REST base URL:     ${sandbox.url}/v1`,
		`  In n8n:            credential Base URL "Custom URL", ${sandbox.url}`,
		`  API key:           ${DEMO_API_KEY}`,
		`  OAuth client id:   ${client.id}`,
		`  OAuth secret:      ${client.secret}`,
		`  Authorize URL:     ${sandbox.url}${AUTHORIZE_PATH}`,
		`  Token URL:         ${sandbox.url}${TOKEN_PATH}`,
		`  Scopes:            ${client.scopes.join(' ')}`,
		'  Redirect URIs:',
		...client.redirectUris.map((uri) => `    ${uri}`),
		`  Data file:         ${options.dataFile ?? '(none, in memory)'}`,
		`  Controls:          ${sandbox.url}/__sandbox/ (see docs/development/sandbox.md, "Control interface")`,
		'Press Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const stop = (): void => {
		if (stopping) return;
		stopping = true;
		sandbox.stop().then(
			() => {
				process.stdout.write('tinyEmail sandbox stopped.\n');
				process.exit(0);
			},
			(error: unknown) => {
				process.stderr.write(`tinyEmail sandbox: ${(error as Error).message}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`tinyEmail sandbox could not start: ${(error as Error).message}\n`);
	process.exit(1);
});
