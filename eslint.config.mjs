// Lint = n8n's two community-node rule sets on the published code (nodes/, credentials/,
// package.json) plus typescript-eslint's recommended rules on everything we write.
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const packageCode = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default tseslint.config(
	{ ignores: ['dist/**', '.build/**', 'coverage/**', 'node_modules/**', 'gulpfile.js', 'eslint.config.mjs', 'jest.config.js'] },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: [...packageCode, 'package.json'] },
	// The three rules switched off below are off in n8n's own community lint (`n8n-node lint` and the
	// verification scanner @n8n/scan-community-package), which ignores inline eslint-disable comments:
	// they only fit nodes inside n8n's repository, and the community rules ask for the opposite.
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// A documentation slug in camelCase; a community credential links a full URL instead
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// The 'main' string literal; the community rules want NodeConnectionTypes.Main
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
);
