// The node as n8n runs it as an AI tool (tinyEmailTool, for an AI Agent or the MCP Server Trigger), through
// n8n-core's real tool path: the tool's name, description and $fromAI inputs, a call's request, and how a
// call that cannot work reads for the agent.
import { runNode } from '../harness/runNode';
import { runTool } from '../harness/runTool';
import { mapAutomatically, mapEachField } from '../harness/customerColumns';
import { AUTH_CHOICES, everythingSaid, sandboxAuth } from '../harness/sandboxCredentials';
import { useSandbox } from '../harness/useSandbox';

const sandbox = useSandbox();

const upsertFromAi = {
	resource: 'customer',
	operation: 'upsert',
	...mapEachField({
		email: "={{ $fromAI('email', 'The customer\\'s email address', 'string') }}",
		firstName: "={{ $fromAI('firstName', 'The customer\\'s first name', 'string') }}",
	}),
};

const getFromAi = { resource: 'customer', operation: 'get', email: "={{ $fromAI('email', 'The customer\\'s email address', 'string') }}" };

const saidByTool = (result: { response?: unknown; error?: Error & { description?: string | null } }) =>
	JSON.stringify(result.response ?? null) +
	(result.error ? JSON.stringify({ message: result.error.message, description: result.error.description }) : '');

describe.each(AUTH_CHOICES)('tinyEmail Tool with %s', (authentication) => {
	test('Create or Update: n8n offers the tool with the action as description and the $fromAI inputs; a call writes the customer', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const result = await runTool({
			name: 'Create or Update Customer',
			parameters: { authentication, ...upsertFromAi },
			credentials: auth.credentials,
			args: { email: 'ada@example.com', firstName: 'Ada' },
		});

		expect(result.error).toBeUndefined();
		expect(result.tool).toEqual({
			name: 'Create_or_Update_Customer',
			description: 'Create or update a customer by email in tinyEmail',
			inputs: ['email', 'firstName'],
		});
		expect(result.response).toEqual([{ email: 'ada@example.com', firstName: 'Ada' }]);
		expect(sandbox.control.getCustomer('ada@example.com')?.firstName).toBe('Ada');
		const puts = sandbox.control.requestLog().filter((entry) => entry.method === 'PUT');
		expect(puts.map((entry) => [entry.path, entry.batchSize, entry.status])).toEqual([['/v1/account/customer', 1, 200]]);
		expect(saidByTool(result)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});

	test('Map Automatically in a tool fails before any request, saying to map each field and let the model define it', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const result = await runTool({
			parameters: { authentication, resource: 'customer', operation: 'upsert', ...mapAutomatically() },
			credentials: auth.credentials,
			args: {},
		});

		// n8n asks the agent for nothing: the tool has no inputs
		expect(result.tool.inputs).toEqual([]);
		expect(result.error?.message).toBe(
			'Fields to Send is set to Map Automatically, which gets no customer fields in a tool\n\nDetails: An AI agent or MCP client only fills the values defined with $fromAI(). Set Fields to Send to Map Each Column Manually and let the model define Email and each field it should fill (the ✨ button next to the field).',
		);
		expect(sandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'))).toEqual([]);
	});

	test('an invalid email from the agent: the message names the field and the value, not an item number', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const result = await runTool({
			parameters: { authentication, ...upsertFromAi },
			credentials: auth.credentials,
			args: { email: 'not-an-email', firstName: 'X' },
		});

		expect(result.error?.message).toMatch(/^The email "not-an-email" /);
		expect(result.error?.message).not.toMatch(/\bitem\b/i);
		expect(sandbox.control.requestLog().filter((entry) => entry.path.startsWith('/v1/'))).toEqual([]);
	});

	test('Get of an unknown customer: the message names the email, not an item number; with Continue On Fail it is the answer', async () => {
		const auth = sandboxAuth(sandbox, authentication);
		const failed = await runTool({
			parameters: { authentication, ...getFromAi },
			credentials: auth.credentials,
			args: { email: 'nobody@example.com' },
		});
		expect(failed.tool.description).toBe('Get a customer by email in tinyEmail');
		expect(failed.error?.message).toMatch(/^No customer with email "nobody@example\.com" exists in tinyEmail\n\nDetails: /);
		expect(failed.error?.message).not.toMatch(/\bitem \d/i);

		const answered = await runTool({
			parameters: { authentication, ...getFromAi },
			credentials: auth.credentials,
			args: { email: 'nobody@example.com' },
			continueOnFail: true,
		});
		expect(answered.error).toBeUndefined();
		expect(answered.response).toEqual([{ error: 'No customer with email "nobody@example.com" exists in tinyEmail' }]);
		expect(saidByTool(failed) + saidByTool(answered)).not.toMatch(new RegExp(auth.secrets.join('|')));
	});
});

describe('the same errors outside a tool', () => {
	test('still name the item (the regular tinyEmail node is unchanged)', async () => {
		const auth = sandboxAuth(sandbox, 'apiKey');
		const result = await runNode({
			parameters: { authentication: 'apiKey', resource: 'customer', operation: 'get', email: '={{ $json.email }}' },
			items: [{ email: 'nobody@example.com' }],
			credentials: auth.credentials,
		});
		expect(result.error?.message).toBe('No customer with email "nobody@example.com" exists in tinyEmail (item 0)');
		expect(everythingSaid(result)).not.toContain(auth.secrets[0]);
	});
});
