import { normalizeBaseUrl } from '../../nodes/TinyEmail/transport/credentials';
import { requestTimeoutMs } from '../../nodes/TinyEmail/transport/timeout';

describe('Timeout option', () => {
	test.each([
		[undefined, 30_000],
		['', 30_000],
		[5, 5_000],
		[0.5, 1_000],
		[1e6, 600_000],
		[0, 30_000],
		['x', 30_000],
	])('%s seconds → %i ms', (value, expected) => {
		expect(requestTimeoutMs(value)).toBe(expected);
	});
});

describe('Base URL', () => {
	test.each([
		['https://api.tinyemail.com', 'https://api.tinyemail.com'],
		['https://api.tinyemail.com/', 'https://api.tinyemail.com'],
		['https://api.tinyemail.com/v1', 'https://api.tinyemail.com'],
		[' https://api.tinyemail.com/V1/ ', 'https://api.tinyemail.com'],
		['http://127.0.0.1:8787/proxy/v1//', 'http://127.0.0.1:8787/proxy'],
		['https://example.com/v10', 'https://example.com/v10'],
	])('%s → %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
	});
});
