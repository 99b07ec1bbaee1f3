import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties } from 'n8n-workflow';

import { TinyEmail } from '../../nodes/TinyEmail/TinyEmail.node';
import { TinyEmailTrigger } from '../../nodes/TinyEmail/TinyEmailTrigger.node';

const root = join(__dirname, '..', '..');
const trigger = new TinyEmailTrigger();
const description = trigger.description;
const property = (name: string) => description.properties.find((entry) => entry.name === name) as INodeProperties;

describe('tinyEmail Trigger node description', () => {
	test("follows n8n's trigger conventions: a polling trigger without inputs, not a tool", () => {
		expect(description).toMatchObject({
			displayName: 'tinyEmail Trigger',
			name: 'tinyEmailTrigger',
			group: ['trigger'],
			inputs: [],
			polling: true,
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.outputs).toEqual(['main']);
	});

	test("is registered in package.json, has its codex and the node's icons", () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toEqual(['dist/nodes/TinyEmail/TinyEmail.node.js', 'dist/nodes/TinyEmail/TinyEmailTrigger.node.js']);
		const codex = JSON.parse(readFileSync(join(root, 'nodes', 'TinyEmail', 'TinyEmailTrigger.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-tinyemail.tinyEmailTrigger');
		expect(codex.categories).toContain('Marketing & Content');
		expect(description.icon).toEqual(new TinyEmail().description.icon);
		for (const file of Object.values(description.icon as Record<string, string>)) {
			expect(existsSync(join(root, 'nodes', 'TinyEmail', file.replace(/^file:/, '')))).toBe(true);
		}
	});

	test('uses the API-key credential only, and says why', () => {
		expect(description.credentials).toEqual([{ name: 'tinyEmailApi', required: true }]);
		expect(property('authentication')).toMatchObject({ type: 'hidden', default: 'apiKey' });
		expect(property('apiKeyNotice').type).toBe('notice');
		expect(property('apiKeyNotice').displayName).toContain('API key');
	});

	test('offers the three events A–Z, each with its own parameters', () => {
		const event = property('event');
		const values = (event.options as Array<{ name: string; value: string }>).map((option) => option.value);
		expect((event.options as Array<{ name: string }>).map((option) => option.name)).toEqual([
			'Campaign Status Changed',
			'New Audience Member',
			'New Campaign',
		]);
		expect(values).toContain(event.default);
		expect(property('audience')).toMatchObject({
			type: 'resourceLocator',
			required: true,
			displayOptions: { show: { event: ['newAudienceMember'] } },
		});
		expect(property('audience').modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		const statuses = property('statuses');
		expect(statuses.displayOptions).toEqual({ show: { event: ['campaignStatusChanged'] } });
		const names = (statuses.options as Array<{ name: string }>).map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(Object.keys(trigger.methods.listSearch)).toEqual(['searchAudiences']);
	});
});
