import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { describeFailure } from '../../nodes/TinyEmail/transport/send';

const node: INode = {
	id: 'n1',
	name: 'tinyEmail',
	type: 'n8n-nodes-tinyemail.tinyEmail',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The error @n8n/client-oauth2 throws when the token endpoint refuses a refresh (n8n 1.x lets it through). */
function refusedRefreshError(): Error {
	return Object.assign(new Error('The provided authorization grant is invalid, expired or revoked'), {
		code: 'EAUTH',
		body: { error: 'invalid_grant', error_description: 'Refresh token revoked' },
	});
}

describe('describeFailure: what n8n threw, as facts the transport can act on', () => {
	test('n8n 1.x: a refused refresh wrapped in a NodeApiError asks to reconnect, not "could not reach"', () => {
		const wrapped = new NodeApiError(node, refusedRefreshError() as unknown as JsonObject);
		const failure = describeFailure(wrapped);
		expect(failure.status).toBeUndefined();
		expect(failure.credentialMessage).toMatch(/needs to be reconnected/);
		expect(failure.credentialDescription).toContain('invalid_grant');
	});

	test('n8n 1.x as it really arrives: a NodeApiError that kept only httpCode EAUTH asks to reconnect', () => {
		// n8n-workflow 1.x copies the AuthError's code into httpCode and drops the cause and body
		const arrived = Object.assign(new Error('The provided authorization grant is invalid, expired or revoked'), {
			name: 'NodeApiError',
			httpCode: 'EAUTH',
		});
		const failure = describeFailure(arrived);
		expect(failure.credentialMessage).toMatch(/needs to be reconnected/);
		expect(failure.status).toBeUndefined();
	});

	test('n8n 2.x: its own "needs to be reconnected" error is passed on as it is', () => {
		const failure = describeFailure(new NodeOperationError(node, 'The credential "tinyEmail account" needs to be reconnected.'));
		expect(failure.credentialMessage).toBe('The credential "tinyEmail account" needs to be reconnected.');
	});

	test('an HTTP answer keeps its status, body and lower-cased headers', () => {
		const axiosLike = Object.assign(new Error('Request failed with status code 429'), {
			response: { status: 429, data: { message: 'Too many requests' }, headers: { 'Retry-After': '3' } },
		});
		const failure = describeFailure(axiosLike);
		expect(failure).toMatchObject({ status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '3' } });
		expect(failure.credentialMessage).toBeUndefined();
	});

	test('a 400 invalid_grant from the API itself stays an HTTP failure (no reconnect advice)', () => {
		const axiosLike = Object.assign(new Error('Bad request'), {
			response: { status: 400, data: { error: 'invalid_grant' }, headers: {} },
		});
		expect(describeFailure(axiosLike)).toMatchObject({ status: 400 });
		expect(describeFailure(axiosLike).credentialMessage).toBeUndefined();
	});

	test('n8n 1.x as an HTTP error really arrives: the status from httpCode, a JSON body from context.data', () => {
		// n8n-workflow 1.x's NodeApiError drops the axios error it wraps, but keeps a JSON answer
		const arrived = Object.assign(new Error('The resource you are requesting could not be found'), {
			name: 'NodeApiError',
			httpCode: '404',
			context: { data: { message: 'Customer not found' } },
		});
		expect(describeFailure(arrived)).toMatchObject({ status: 404, body: { message: 'Customer not found' } });
		const withoutBody = Object.assign(new Error('Bad request'), { name: 'NodeApiError', httpCode: '400', context: {} });
		expect(describeFailure(withoutBody)).toEqual({ status: 400, headers: {}, code: undefined });
	});

	test('n8n 1.x as a network error really arrives: the code in httpCode, the text in messages', () => {
		const timeout = Object.assign(new Error('The connection was aborted, perhaps the server is offline'), {
			name: 'NodeApiError',
			httpCode: 'ECONNABORTED',
			messages: ['timeout of 1000ms exceeded'],
		});
		expect(describeFailure(timeout)).toMatchObject({ code: 'ECONNABORTED', timedOut: true, status: undefined });
		const reset = Object.assign(new Error('The connection to the server was closed unexpectedly'), {
			name: 'NodeApiError',
			httpCode: 'ECONNRESET',
			messages: ['socket hang up'],
		});
		expect(describeFailure(reset)).toMatchObject({ code: 'ECONNRESET' });
		expect(describeFailure(reset).timedOut).toBeUndefined();
	});

	test('a lost connection keeps its network code', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(describeFailure(reset)).toMatchObject({ code: 'ECONNRESET', status: undefined });
		expect(describeFailure(reset).timedOut).toBeUndefined();
	});

	test("axios's timeout is told apart from other aborted connections", () => {
		const timeout = Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' });
		expect(describeFailure(new NodeApiError(node, timeout as unknown as JsonObject))).toMatchObject({ timedOut: true });
		expect(describeFailure(Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT' }))).toMatchObject({
			timedOut: true,
		});
		expect(describeFailure(Object.assign(new Error('aborted'), { code: 'ECONNABORTED' })).timedOut).toBeUndefined();
	});
});

describe('a failure that is neither an HTTP answer nor a network error', () => {
	test('keeps its own words (for the error message) instead of counting as "could not reach"', () => {
		const inside = new NodeApiError(node, new Error('Connection terminated due to connection timeout') as unknown as JsonObject);
		expect(describeFailure(inside)).toMatchObject({ otherError: 'Connection terminated due to connection timeout', status: undefined });
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(describeFailure(reset).otherError).toBeUndefined();
		const tls = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
		expect(describeFailure(tls).otherError).toBeUndefined();
	});
});
