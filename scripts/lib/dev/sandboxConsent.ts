// Plays the user on the tinyEmail sandbox's consent page: opens the authorize URL n8n produced,
// submits the form with "Approve", and returns where the sandbox redirects the browser (n8n's callback).
import { request } from 'undici';

function decodeHtml(text: string): string {
	return text
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

export async function approveOnSandbox(authorizeUrl: string): Promise<string> {
	const page = await request(authorizeUrl, { method: 'GET', headers: { accept: 'text/html' } });
	const html = await page.body.text();
	if (page.statusCode !== 200) {
		throw new Error(
			`The sandbox's authorize page answered ${page.statusCode}: ${html
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
				.slice(0, 300)}`,
		);
	}
	const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
	if (!form) throw new Error('The sandbox consent page has no form');
	const fields = new URLSearchParams();
	for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
		const name = /name="([^"]*)"/.exec(input[0]);
		const value = /value="([^"]*)"/.exec(input[0]);
		if (name) fields.set(decodeHtml(name[1]), decodeHtml(value ? value[1] : ''));
	}
	fields.set('decision', 'approve');
	const action = new URL(decodeHtml(form[1]), authorizeUrl).toString();
	const res = await request(action, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
	});
	await res.body.text();
	const location = res.headers.location;
	if (res.statusCode !== 302 || typeof location !== 'string')
		throw new Error(`Approving on the sandbox answered ${res.statusCode} without a redirect`);
	const target = new URL(location, action);
	if (target.searchParams.get('error')) {
		throw new Error(
			`The sandbox refused the authorization: ${target.searchParams.get('error')} ${target.searchParams.get('error_description') ?? ''}`,
		);
	}
	return target.toString();
}
