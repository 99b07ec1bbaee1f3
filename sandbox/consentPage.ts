// The HTML the authorization endpoint shows: the consent form and the error page for requests that must not redirect.
const escapeHtml = (text: string): string =>
	text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

const page = (title: string, body: string): string =>
	`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
	'<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}</style>' +
	`</head><body>${body}</body></html>`;

export function consentPage(clientName: string, scopes: string[], params: URLSearchParams, action: string): string {
	// Every original parameter travels back unchanged, so the POST sees the same request the user approved.
	const hidden = [...params.entries()]
		.filter(([key]) => key !== 'decision')
		.map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
		.join('');
	const scopeItems = scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('');
	return page(
		'Authorize access – tinyEmail sandbox',
		`<h1>Authorize ${escapeHtml(clientName)}</h1><p><strong>${escapeHtml(clientName)}</strong> asks for access to your tinyEmail sandbox account:</p>` +
			`<ul>${scopeItems}</ul><form method="post" action="${escapeHtml(action)}">${hidden}` +
			'<button type="submit" name="decision" value="approve">Approve</button>' +
			'<button type="submit" name="decision" value="deny">Deny</button></form>',
	);
}

export function authorizeErrorPage(reason: string): string {
	return page('Authorization error – tinyEmail sandbox', `<h1>Authorization error</h1><p>${escapeHtml(reason)}</p>`);
}
