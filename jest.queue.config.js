/** n8n in queue mode (PostgreSQL, Redis, a main process and two workers); run with `npm run test:queue`. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	// One suite starts everything once; its long scenario (4 × 10,000 paced upserts) takes about 7 minutes.
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	// Everything is stopped in afterAll; this only guards CI against a stray keep-alive socket holding jest open.
	forceExit: true,
};
