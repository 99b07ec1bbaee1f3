import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import {
	NodeHelpers,
	Workflow,
	type ICredentialType,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeTypes,
} from 'n8n-workflow';

import { TinyEmailApi } from '../../credentials/TinyEmailApi.credentials';
import { TinyEmailOAuth2Api } from '../../credentials/TinyEmailOAuth2Api.credentials';
import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';

const root = join(__dirname, '..', '..');
const description = new TinyEmail().description;
const properties = description.properties;
const credentials: Array<[string, ICredentialType]> = [
	['TinyEmailApi', new TinyEmailApi()],
	['TinyEmailOAuth2Api', new TinyEmailOAuth2Api()],
];

const nodeTypes = {
	getByName: () => new TinyEmail(),
	getByNameAndVersion: () => new TinyEmail(),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** A saved node as n8n holds it: the given values plus the defaults of every parameter the editor shows. */
function savedNode(values: INodeParameters): INode {
	const node: INode = {
		id: '1',
		name: 'tinyEmail',
		type: 'n8n-nodes-tinyemail.tinyEmail',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	node.parameters = NodeHelpers.getNodeParameters(properties, values, true, false, node, description)!;
	return node;
}

function iconFiles(icon: unknown): string[] {
	const themed = icon as { light: string; dark: string };
	return [themed.light, themed.dark].map((file) => file.replace(/^file:/, ''));
}

function allOptionLists(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => {
		const nested = (property.options ?? []).filter((option): option is INodeProperties => 'displayName' in option);
		return [property, ...allOptionLists(nested)];
	});
}

describe('tinyEmail node description', () => {
	test('is registered in package.json under the compiled paths', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/TinyEmail/TinyEmail.node.js');
		for (const [file, credential] of credentials) {
			expect(pkg.n8n.credentials).toContain(`dist/credentials/${file}.credentials.js`);
			expect(existsSync(join(root, 'credentials', `${file}.credentials.ts`))).toBe(true);
			expect(credential.name).toBe(file.charAt(0).toLowerCase() + file.slice(1));
		}
	});

	test('node and credential icons exist, with different light and dark files', () => {
		const nodeIcons = iconFiles(description.icon);
		expect(new Set(nodeIcons).size).toBe(2);
		for (const file of nodeIcons) expect(existsSync(join(root, 'nodes', 'TinyEmail', file))).toBe(true);
		for (const [, credential] of credentials) {
			const files = iconFiles(credential.icon);
			expect(new Set(files).size).toBe(2);
			for (const file of files) expect(existsSync(join(root, 'credentials', file))).toBe(true);
		}
		const light = readFileSync(join(root, 'nodes', 'TinyEmail', nodeIcons[0]), 'utf8');
		const dark = readFileSync(join(root, 'nodes', 'TinyEmail', nodeIcons[1]), 'utf8');
		expect(light).not.toBe(dark);
	});

	test('has the codex with the Marketing & Content category', () => {
		const codex = JSON.parse(readFileSync(join(root, 'nodes', 'TinyEmail', 'TinyEmail.node.json'), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-tinyemail.${description.name}`);
		expect(codex.categories).toContain('Marketing & Content');
	});

	test('offers OAuth2 (default) and API key, each showing its credential', () => {
		const authentication = properties.find((property) => property.name === 'authentication')!;
		expect(authentication.default).toBe('oAuth2');
		expect(authentication.options?.map((option) => (option as { value: string }).value)).toEqual(['oAuth2', 'apiKey']);
		expect(description.credentials).toEqual([
			expect.objectContaining({ name: 'tinyEmailOAuth2Api', displayOptions: { show: { authentication: ['oAuth2'] } } }),
			expect.objectContaining({ name: 'tinyEmailApi', displayOptions: { show: { authentication: ['apiKey'] } } }),
		]);
	});

	test('every operation has a sentence-case action and options are sorted A–Z', () => {
		for (const property of allOptionLists(properties)) {
			if (property.type !== 'options' || property.name === 'authentication') continue;
			const names = (property.options ?? []).map((option) => (option as { name: string }).name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			if (property.name === 'operation') {
				for (const option of property.options as Array<{ action?: string }>) {
					// Sentence case: "Create a customer", "Get many audiences", "Add customers to an audience"
					expect(option.action).toMatch(/^[A-Z][a-z]+( [a-z]+)+$/);
				}
			}
		}
		for (const property of allOptionLists(properties)) {
			if (property.type !== 'collection') continue;
			const names = (property.options as INodeProperties[]).map((option) => option.displayName);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	test('defaults are valid: option defaults are among the options', () => {
		for (const property of allOptionLists(properties)) {
			if (property.type !== 'options') continue;
			const values = (property.options ?? []).map((option) => (option as { value: unknown }).value);
			expect(values).toContain(property.default);
		}
		const operation = properties.find((property) => property.name === 'operation')!;
		expect(operation.default).toBe('upsert');
	});

	test('displayOptions only reference parameters and values that exist', () => {
		const byName = new Map<string, INodeProperties[]>();
		for (const property of properties) byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
		const conditions = [...properties, ...(description.credentials ?? [])].flatMap((entry) =>
			Object.entries(entry.displayOptions?.show ?? {}),
		);
		// n8n's own condition `@tool` (the tool variant); n8n 1.x resolves no other kind (no dotted paths)
		const builtIn: Record<string, unknown[]> = { '@tool': [true, false] };
		for (const [name, values] of conditions) {
			if (name in builtIn) {
				for (const value of values as unknown[]) expect(builtIn[name]).toContain(value);
				continue;
			}
			const targets = byName.get(name);
			expect(targets).toBeDefined();
			const allowed = targets!.flatMap((target) =>
				target.type === 'boolean' ? [true, false] : (target.options ?? []).map((option) => (option as { value: unknown }).value),
			);
			for (const value of values as unknown[]) expect(allowed).toContain(value);
		}
	});

	test('Get, Subscribe and Unsubscribe take an Email parameter; the writes take Fields to Send, a resourceMapper named columns', async () => {
		const emails = properties.filter((property) => property.name === 'email');
		expect(emails.flatMap((property) => property.displayOptions?.show?.operation as string[])).toEqual(['get', 'subscribe', 'unsubscribe']);
		expect(emails[0].placeholder).toBe('e.g. name@example.com');

		const columns = properties.filter((property) => property.name === 'columns');
		const modes = Object.fromEntries(
			columns.map((property) => [
				(property.displayOptions?.show?.operation as string[]).join(),
				property.typeOptions?.resourceMapper?.mode,
			]),
		);
		expect(modes).toEqual({ create: 'add', upsert: 'upsert', update: 'update' });
		for (const property of columns) {
			expect(property.type).toBe('resourceMapper');
			expect(property.displayOptions?.show?.resource).toEqual(['customer']);
			expect(property.typeOptions?.resourceMapper).toEqual(
				expect.objectContaining({ resourceMapperMethod: 'getCustomerFields', supportAutoMap: true }),
			);
			// The method the editor calls exists on the node and answers the customer fields
			const method = property.typeOptions!.resourceMapper!.resourceMapperMethod! as 'getCustomerFields';
			const { fields } = await new TinyEmail().methods.resourceMapping[method].call({} as never);
			expect(fields[0].id).toBe('email');
		}
	});

	test('Fields to Send offers Email (the only matching field, required) and every customer field, Status as a dropdown, dates as date pickers', async () => {
		const { fields } = await new TinyEmail().methods.resourceMapping.getCustomerFields.call({} as never);
		expect(fields[0]).toEqual(expect.objectContaining({ id: 'email', required: true, defaultMatch: true, canBeUsedToMatch: true }));
		expect(fields.filter((field) => field.canBeUsedToMatch).map((field) => field.id)).toEqual(['email']);
		const rest = fields.slice(1);
		expect(rest.map((field) => field.displayName)).toEqual([...rest.map((field) => field.displayName)].sort((a, b) => a.localeCompare(b)));
		expect(rest).toHaveLength(19);
		const status = rest.find((field) => field.id === 'status')!;
		expect(status.type).toBe('options');
		expect(status.options?.map((option) => option.value)).toEqual(['Bounced', 'Inactive', 'Spam', 'Subscribed', 'Unsubscribed']);
		for (const id of ['birthday', 'lastPurchaseDate']) expect(rest.find((field) => field.id === id)!.type).toBe('dateTime');
		expect(rest.find((field) => field.id === 'tags')!.type).toBe('string');
	});

	test('every operation has one Options collection with Max Requests per Minute and Max Retry Wait', () => {
		const resourceOptions = properties.find((property) => property.name === 'resource')!.options as Array<{ value: string }>;
		for (const { value: resource } of resourceOptions) {
			const operationProperty = properties.find(
				(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[]).includes(resource),
			)!;
			for (const { value: operation } of operationProperty.options as Array<{ value: string }>) {
				const collections = properties.filter(
					(property) =>
						property.name === 'options' &&
						(property.displayOptions?.show?.resource as string[]).includes(resource) &&
						(property.displayOptions?.show?.operation as string[]).includes(operation),
				);
				expect([resource, operation, collections.length]).toEqual([resource, operation, 1]);
				const names = (collections[0].options as INodeProperties[]).map((option) => option.name);
				expect([resource, operation, names]).toEqual([
					resource,
					operation,
					expect.arrayContaining(['maxRequestsPerMinute', 'maxRetryWait']),
				]);
			}
		}
	});

	test("Batch Size defaults to tinyEmail's limit, 1000, and allows at most that", () => {
		const options = properties.filter(
			(property) =>
				property.name === 'options' &&
				(property.displayOptions?.show?.resource as string[]).includes('customer') &&
				!(property.displayOptions?.show?.operation as string[]).includes('get'),
		);
		expect(options).toHaveLength(5);
		for (const option of options) {
			const batchSize = (option.options as INodeProperties[]).find((entry) => entry.name === 'batchSize')!;
			expect(batchSize.default).toBe(1000);
			expect(batchSize.typeOptions).toEqual({ minValue: 1, maxValue: 1000 });
		}
	});
});

describe('with OAuth2 the editor and AI agents see only what the scope allows', () => {
	/** The options of the Resource parameter the editor shows for this Authentication. */
	const resourceOptions = (authentication: string) =>
		properties
			.filter((property) => property.name === 'resource' && NodeHelpers.displayParameter({ authentication }, property, null, null))
			.flatMap((property) => (property.options ?? []).map((option) => ('value' in option ? option.value : undefined)));

	test('Resource lists Customer only with OAuth2, every resource with the API key', () => {
		expect(resourceOptions('oAuth2')).toEqual(['customer']);
		expect(resourceOptions('apiKey')).toEqual(['audience', 'campaign', 'customer', 'sender']);
	});

	test('a notice says why, with OAuth2 only', () => {
		expect(savedNode({ authentication: 'oAuth2' }).parameters).toHaveProperty('oAuth2Notice');
		expect(savedNode({ authentication: 'apiKey' }).parameters).not.toHaveProperty('oAuth2Notice');
		const notice = properties.find((property) => property.name === 'oAuth2Notice')!;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/customers only.*Audiences, campaigns and senders need Authentication "API Key"/);
	});

	test.each(['audience', 'campaign', 'sender'])(
		'no %s operation or parameter shows with OAuth2 (a stale saved value included)',
		(resource) => {
			expect(Object.keys(savedNode({ authentication: 'oAuth2', resource }).parameters).sort()).toEqual([
				'authentication',
				'oAuth2Notice',
				'resource',
			]);
			expect(Object.keys(savedNode({ authentication: 'apiKey', resource }).parameters)).toContain('operation');
		},
	);

	test('Create or Update hides Add to Audiences and Create Audience If Missing with OAuth2', () => {
		const withOAuth2 = savedNode({ authentication: 'oAuth2', resource: 'customer', operation: 'upsert' }).parameters;
		const withApiKey = savedNode({ authentication: 'apiKey', resource: 'customer', operation: 'upsert' }).parameters;
		for (const name of ['addToAudiences', 'createAudienceIfMissing']) {
			expect(withOAuth2).not.toHaveProperty(name);
			expect(withApiKey).toHaveProperty(name);
		}
		expect(
			Object.keys(withOAuth2)
				.filter((name) => name !== 'oAuth2Notice')
				.sort(),
		).toEqual(
			Object.keys(withApiKey)
				.filter((name) => !['addToAudiences', 'createAudienceIfMissing'].includes(name))
				.sort(),
		);
	});
});

describe('subtitle and AI texts', () => {
	const operations = properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options ?? []).map(
				(option) =>
					[
						(property.displayOptions?.show?.resource as string[])[0],
						'value' in option ? String(option.value) : '',
						'action' in option ? option.action : undefined,
					] as const,
			),
		);

	test.each(operations)("%s %s: the canvas subtitle is the action, evaluated by n8n's expression engine", (resource, operation, action) => {
		const node = savedNode({ authentication: 'apiKey', resource, operation });
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		expect(workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {})).toBe(action);
	});

	test('the default node (OAuth2, Customer, Create or Update) reads "Create or update a customer"', () => {
		const node = savedNode({});
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		expect(workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {})).toBe(
			'Create or update a customer by email',
		);
	});

	test('as a tool and for the AI builder it states the limits: 60 requests a minute, upsert, no delete, OAuth2 customers only', () => {
		const usableAsTool = description.usableAsTool as { replacements: { description: string } };
		for (const text of [usableAsTool.replacements.description, description.builderHint!.searchHint!]) {
			expect(text).toMatch(/60 requests a minute/);
			expect(text).toMatch(/upsert/);
			expect(text).toMatch(/[Nn]o(thing can be)? delete/);
			expect(text).toMatch(/API-key credential/);
		}
	});
});

describe('credentials', () => {
	test('both offer Base URL tinyEmail (default) or Custom URL, the URL field shown only for Custom', () => {
		for (const [, credential] of credentials) {
			const byName = Object.fromEntries(credential.properties.map((property) => [property.name, property]));
			expect(byName.server.displayName).toBe('Base URL');
			expect(byName.server.default).toBe('tinyEmail');
			expect(byName.server.options).toEqual([
				expect.objectContaining({ name: 'Custom URL', value: 'custom' }),
				expect.objectContaining({ name: 'tinyEmail (api.tinyemail.com)', value: 'tinyEmail' }),
			]);
			expect(byName.baseUrl).toMatchObject({
				displayName: 'Custom URL',
				type: 'string',
				required: true,
				displayOptions: { show: { server: ['custom'] } },
			});
			expect(byName.httpNotice).toMatchObject({
				type: 'notice',
				displayOptions: { show: { server: ['custom'], baseUrl: [{ _cnd: { startsWith: 'http://' } }] } },
			});
		}
	});

	test('OAuth2 derives its URLs from the Base URL and asks for import_customers', () => {
		const oauth = new TinyEmailOAuth2Api();
		expect(oauth.extends).toEqual(['oAuth2Api']);
		const byName = Object.fromEntries(oauth.properties.map((property) => [property.name, property]));
		expect(byName.authUrl.type).toBe('hidden');
		expect(byName.authUrl.default).toMatch(/^=\{\{.*\$self\["baseUrl"\].*\}\}\/api\/authorization-server\/oauth\/authorize$/);
		expect(byName.accessTokenUrl.default).toMatch(/^=\{\{.*\$self\["baseUrl"\].*\}\}\/api\/authorization-server\/oauth\/token$/);
		expect(byName.scope.default).toBe('import_customers');
		expect(byName.authentication.default).toBe('body');
		expect(byName.grantType.default).toBe('authorizationCode');
	});

	test('API key is a password field, sent by authenticate(), with a test request that explains a refused key', async () => {
		const apiKey = new TinyEmailApi();
		const key = apiKey.properties.find((property) => property.name === 'apiKey')!;
		expect(key.typeOptions?.password).toBe(true);
		const sent = await apiKey.authenticate(
			{ apiKey: 'the-key' },
			{ url: 'https://api.tinyemail.com/v1/sender-details', headers: { Accept: 'application/json' } },
		);
		expect(sent.headers).toEqual({ Accept: 'application/json', 'X-API-KEY': 'the-key' });
		expect(apiKey.test?.request.url).toBe('/sender-details');
		const refused = (apiKey.test?.rules ?? []).map((rule) => (rule.type === 'responseCode' ? rule.properties.value : undefined));
		expect(refused).toEqual([401, 403]);
	});
});
