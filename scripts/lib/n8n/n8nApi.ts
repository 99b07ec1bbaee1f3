// A small client for n8n's internal REST API (/rest/...), the one the editor uses, with the session
// cookie handled by hand. Works with n8n 1.x and 2.x; version differences are handled where they occur.
import { request } from 'undici';
import { parseFlatted } from './flatted';
import { waitFor } from '../proc';

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export class N8nApiError extends Error {
	constructor(
		message: string,
		public status: number,
		public body: string,
	) {
		super(message);
	}
}

export interface CredentialSummary {
	id: string;
	name: string;
	type: string;
}

/** The answer of n8n's credential test, as the credential dialog shows it. */
export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	active: boolean;
	versionId?: string;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	finished?: boolean;
	mode?: string;
	workflowId?: string;
}

/** The parts of an execution's run data that tests and scripts read. */
export interface ExecutionDetail {
	id: string;
	status: string;
	/** Workflow-level error message (resultData.error.message), if any. */
	errorMessage?: string;
	/** Error description (resultData.error.description), if any. */
	errorDescription?: string;
	/** JSON of each node's first output, by node name. */
	nodeOutputs: Record<string, Array<Record<string, unknown>>>;
	/** Error message per failing node. */
	nodeErrors: Record<string, string>;
	/** When the execution started and stopped (ISO 8601), as n8n recorded it. */
	startedAt?: string;
	stoppedAt?: string;
	raw: unknown;
}

function unwrap<T>(body: unknown): T {
	if (body && typeof body === 'object' && 'data' in body) return (body as { data: T }).data;
	return body as T;
}

export class N8nClient {
	private cookies = new Map<string, string>();

	constructor(public readonly baseUrl: string) {}

	get cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	/** The session cookie value, for handing to a browser. */
	get authCookie(): string | undefined {
		return this.cookies.get('n8n-auth');
	}

	private storeCookies(setCookie: string | string[] | undefined): void {
		if (!setCookie) return;
		for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
		}
	}

	/** Raw request against n8n; follows no redirects. */
	async raw(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
		const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
		const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
		if (this.cookies.size) headers.cookie = this.cookieHeader;
		let body: string | undefined;
		if (opts.body !== undefined) {
			body = JSON.stringify(opts.body);
			headers['content-type'] = 'application/json';
		}
		const res = await request(url, { method: method as 'GET', headers, body, headersTimeout: 120000, bodyTimeout: 120000 });
		this.storeCookies(res.headers['set-cookie']);
		const text = await res.body.text();
		return { status: res.statusCode, headers: res.headers, text };
	}

	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.raw(method, path, { body });
		if (res.status < 200 || res.status >= 300) {
			throw new N8nApiError(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 500)}`, res.status, res.text);
		}
		return unwrap<T>(res.text ? JSON.parse(res.text) : undefined);
	}

	/** Waits until the REST API answers (n8n finished starting). */
	async waitUntilReady(opts: { timeoutMs?: number; abortIf?: () => string | undefined } = {}): Promise<void> {
		await waitFor(
			`n8n at ${this.baseUrl}`,
			async () => {
				// readiness: database connected and migrated; settings: the REST API is mounted
				const ready = await this.raw('GET', '/healthz/readiness');
				if (ready.status !== 200) return undefined;
				const res = await this.raw('GET', '/rest/settings');
				return res.status === 200 ? true : undefined;
			},
			{ timeoutMs: opts.timeoutMs ?? 180000, intervalMs: 1000, abortIf: opts.abortIf },
		);
	}

	async settings(): Promise<Record<string, unknown>> {
		return this.call('GET', '/rest/settings');
	}

	/** Creates the owner on a fresh instance, else logs in. Returns which one happened. */
	async setupOrLogin(owner: OwnerAccount): Promise<'created' | 'logged-in'> {
		const settings = await this.settings();
		const um = (settings.userManagement ?? {}) as { showSetupOnFirstLoad?: boolean };
		if (um.showSetupOnFirstLoad) {
			await this.call('POST', '/rest/owner/setup', owner);
			if (!this.authCookie) await this.login(owner);
			return 'created';
		}
		await this.login(owner);
		return 'logged-in';
	}

	async login(owner: Pick<OwnerAccount, 'email' | 'password'>): Promise<void> {
		// n8n 2.x (and late 1.x) read emailOrLdapLoginId, older 1.x read email; unknown keys are ignored.
		await this.call('POST', '/rest/login', { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password });
		if (!this.authCookie) throw new Error('n8n accepted the login but set no n8n-auth cookie');
	}

	async listCredentials(): Promise<CredentialSummary[]> {
		return this.call('GET', '/rest/credentials');
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string> {
		const created = await this.call<{ id: string }>('POST', '/rest/credentials', { name, type, data });
		return created.id;
	}

	async getCredential(
		id: string,
		includeData = false,
	): Promise<{ id: string; name: string; type: string; data?: Record<string, unknown> }> {
		return this.call('GET', `/rest/credentials/${id}${includeData ? '?includeData=true' : ''}`);
	}

	/**
	 * Updates a credential's name, type and data (`PATCH /rest/credentials/<id>`). n8n keeps the stored OAuth
	 * token data, and masked values sent back unchanged keep their stored secret.
	 */
	async updateCredential(id: string, name: string, type: string, data: Record<string, unknown>): Promise<void> {
		await this.call('PATCH', `/rest/credentials/${id}`, { name, type, data });
	}

	/**
	 * Presses the credential's Test button as the editor does (n8n 1.x and 2.x alike): reads the credential as the
	 * edit dialog shows it (`GET /rest/credentials/<id>?includeData=true`, secrets masked), applies what the user
	 * typed (`changes`), and sends it to `POST /rest/credentials/test`; n8n puts the stored secrets back for masked
	 * values. Returns what the dialog shows: status OK or Error and the message.
	 */
	async testCredential(id: string, changes: Record<string, unknown> = {}): Promise<CredentialTestResult> {
		const stored = await this.getCredential(id, true);
		const data = { ...(stored.data ?? {}), ...changes };
		return this.call<CredentialTestResult>('POST', '/rest/credentials/test', {
			credentials: { id, name: stored.name, type: stored.type, data },
		});
	}

	/**
	 * Whether n8n holds OAuth tokens for the credential (the editor's "Account connected"). n8n 2.x masks the
	 * token data over REST (a blanking value when present, `__n8n_EMPTY_VALUE_…` when empty); 1.x returns `true`.
	 */
	async credentialConnected(id: string): Promise<boolean> {
		const cred = await this.getCredential(id, true);
		const tokens = cred.data?.oauthTokenData;
		return Boolean(tokens) && !(typeof tokens === 'string' && tokens.startsWith('__n8n_EMPTY_VALUE_'));
	}

	/**
	 * Connects an OAuth2 credential the way the editor does: asks n8n for the authorize URL, opens it,
	 * `approve(url)` performs the user's consent and returns the redirect URL back to n8n, which is then
	 * requested with the session cookie so that n8n exchanges the code.
	 */
	/** The authorization URL n8n opens when the user clicks "Connect my account" on an OAuth2 credential. */
	async oAuth2AuthorizeUrl(credentialId: string): Promise<string> {
		return this.call<string>('GET', `/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
	}

	async connectOAuth2(credentialId: string, approve: (authorizeUrl: string) => Promise<string>): Promise<void> {
		const authorizeUrl = await this.oAuth2AuthorizeUrl(credentialId);
		const callbackUrl = await approve(authorizeUrl);
		if (!callbackUrl.startsWith(this.baseUrl)) {
			throw new Error(
				`The authorization server redirected to ${callbackUrl}, not to this n8n (${this.baseUrl}); check N8N_EDITOR_BASE_URL and the registered redirect URI.`,
			);
		}
		const res = await this.raw('GET', callbackUrl, { headers: { accept: 'text/html' } });
		if (res.status !== 200) throw new Error(`n8n's OAuth callback answered ${res.status}: ${res.text.slice(0, 300)}`);
		if (!(await this.credentialConnected(credentialId))) {
			const page = res.text
				.replace(/<style[\s\S]*?<\/style>/gi, ' ')
				.replace(/<script[\s\S]*?<\/script>/gi, ' ')
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim();
			throw new Error(`n8n did not store OAuth tokens after the callback; its page said: ${page.slice(0, 400)}`);
		}
	}

	async listWorkflows(): Promise<WorkflowSummary[]> {
		return this.call('GET', '/rest/workflows');
	}

	async createWorkflow(workflow: Record<string, unknown>): Promise<WorkflowSummary> {
		return this.call('POST', '/rest/workflows', workflow);
	}

	async getWorkflow(id: string): Promise<WorkflowSummary & Record<string, unknown>> {
		return this.call('GET', `/rest/workflows/${id}`);
	}

	/** Activates (2.x: publishes) a workflow so its production webhooks listen. */
	async activateWorkflow(id: string): Promise<void> {
		const wf = await this.getWorkflow(id);
		// n8n 2.x: POST /rest/workflows/:id/activate {versionId}; n8n 1.x: PATCH /rest/workflows/:id {active: true, versionId}.
		const res = await this.raw('POST', `/rest/workflows/${id}/activate`, { body: { versionId: wf.versionId } });
		if (res.status >= 200 && res.status < 300) return;
		if (res.status !== 404 && res.status !== 405) {
			throw new N8nApiError(`Activating workflow ${id} failed (${res.status}): ${res.text.slice(0, 500)}`, res.status, res.text);
		}
		await this.call('PATCH', `/rest/workflows/${id}`, { active: true, versionId: wf.versionId });
	}

	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.call<{ results: ExecutionSummary[] } | ExecutionSummary[]>(
			'GET',
			`/rest/executions?filter=${filter}&limit=100`,
		);
		const list = Array.isArray(data) ? data : data.results;
		return list.map((e) => ({ ...e, id: String(e.id) }));
	}

	/** Waits for an execution of the workflow that is not in `known` and has finished. */
	async waitForNewExecution(workflowId: string, known: Set<string>, timeoutMs = 120000): Promise<ExecutionDetail> {
		const summary = await waitFor(
			`an execution of workflow ${workflowId}`,
			async () => {
				const list = await this.listExecutions(workflowId);
				return list.find((e) => !known.has(e.id) && !['new', 'running', 'waiting'].includes(e.status));
			},
			{ timeoutMs, intervalMs: 500 },
		);
		return this.getExecution(summary.id);
	}

	async getExecution(id: string): Promise<ExecutionDetail> {
		const exec = await this.call<{ id: string; status: string; data: string; startedAt?: string; stoppedAt?: string }>(
			'GET',
			`/rest/executions/${id}`,
		);
		const raw = (typeof exec.data === 'string' ? parseFlatted(exec.data) : exec.data) as {
			resultData?: {
				error?: { message?: string; description?: string };
				runData?: Record<
					string,
					Array<{ error?: { message?: string }; data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>
				>;
			};
		};
		const nodeOutputs: ExecutionDetail['nodeOutputs'] = {};
		const nodeErrors: ExecutionDetail['nodeErrors'] = {};
		for (const [node, runs] of Object.entries(raw?.resultData?.runData ?? {})) {
			const last = runs[runs.length - 1];
			if (last?.error?.message) nodeErrors[node] = last.error.message;
			const items = last?.data?.main?.[0] ?? [];
			nodeOutputs[node] = items.map((item) => item.json);
		}
		return {
			id: String(exec.id),
			status: exec.status,
			errorMessage: raw?.resultData?.error?.message,
			errorDescription: raw?.resultData?.error?.description,
			nodeOutputs,
			nodeErrors,
			startedAt: exec.startedAt,
			stoppedAt: exec.stoppedAt,
			raw,
		};
	}

	/** Stops a running execution, as the editor's Stop button does. */
	async stopExecution(id: string): Promise<void> {
		await this.call('POST', `/rest/executions/${id}/stop`);
	}

	/** Calls a production webhook of an active workflow; returns status and parsed body. */
	async callWebhook(path: string, payload: unknown): Promise<{ status: number; body: unknown }> {
		const res = await request(`${this.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			headersTimeout: 120000,
			bodyTimeout: 120000,
		});
		const text = await res.body.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.statusCode, body };
	}
}
