/** End-to-end tests against a real n8n (see scripts/lib/provision.ts); run with `npm run test:e2e`. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	// Provisioning a missing n8n can take 10 minutes; one suite starts n8n and runs several workflows.
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	// Everything is stopped in afterAll; this only guards CI against a stray keep-alive socket holding jest open.
	forceExit: true,
};
