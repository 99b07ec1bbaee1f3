// The OAuth 2.0 authorize endpoint, ours rather than the library's: consent page, then an authorization code.
import type { ParsedRequest, Reply } from './http';
import { CODE_LIFETIME_MS, type SandboxState } from './state';
import { authorizeErrorPage, consentPage } from './consentPage';
import { AUTHORIZE_PATH, mergedParams, randomToken, splitScope } from './oauth';

export function handleAuthorize(state: SandboxState, request: ParsedRequest): Reply {
	if (request.method !== 'GET' && request.method !== 'POST') return { status: 405, html: authorizeErrorPage('Use GET or POST.') };
	const params = request.method === 'POST' ? mergedParams(request) : request.query;
	const client = state.clients.find((candidate) => candidate.id === params.get('client_id'));
	// Never redirect to a URI we cannot trust: unknown client or unregistered redirect URI gets an error page.
	if (!client) return { status: 400, html: authorizeErrorPage('Unknown client_id.') };
	const redirectUri = params.get('redirect_uri') ?? '';
	if (!client.redirectUris.includes(redirectUri)) {
		return { status: 400, html: authorizeErrorPage('The redirect_uri is missing or not registered for this client.') };
	}
	const stateParam = params.get('state');
	const redirectWith = (values: Record<string, string>): Reply => {
		const target = new URL(redirectUri);
		for (const [key, value] of Object.entries(values)) target.searchParams.set(key, value);
		if (stateParam !== null) target.searchParams.set('state', stateParam);
		return { status: 302, headers: { location: target.toString() } };
	};
	if (params.get('response_type') !== 'code') {
		return redirectWith({ error: 'unsupported_response_type', error_description: 'Only response_type=code is supported' });
	}
	const requested = params.get('scope');
	const scopes = requested ? splitScope(requested) : [...client.scopes];
	const unknown = scopes.filter((scope) => !client.scopes.includes(scope));
	if (unknown.length > 0 || scopes.length === 0) {
		return redirectWith({ error: 'invalid_scope', error_description: `Unknown scope: ${unknown.join(' ')}` });
	}
	if (request.method === 'GET') return { status: 200, html: consentPage(client.name, scopes, params, AUTHORIZE_PATH) };

	const decision = params.get('decision');
	if (decision === 'deny') return redirectWith({ error: 'access_denied', error_description: 'The user denied access' });
	if (decision !== 'approve') return redirectWith({ error: 'invalid_request', error_description: 'decision must be approve or deny' });
	const code = randomToken('code');
	state.codes.set(code, { clientId: client.id, redirectUri, scope: scopes, expiresAt: state.now() + CODE_LIFETIME_MS });
	return redirectWith({ code });
}
