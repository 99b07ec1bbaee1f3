// Runs in every test worker before the test file: n8n-core must never write into $HOME or reach out.
if (!process.env.N8N_USER_FOLDER) {
	throw new Error('N8N_USER_FOLDER is not set: run the tests through jest.config.js (its globalSetup creates it)');
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.NO_PROXY = '127.0.0.1,localhost';
