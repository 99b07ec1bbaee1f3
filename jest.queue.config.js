/** n8n in queue mode (PostgreSQL, Redis, a main process and workers); run with `npm run test:queue`. */
const e2e = require('./jest.e2e.config.js');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/queue'],
	// One suite starts everything once; its longest scenario (4 × 10,000 paced upserts) takes about 7 minutes.
};
