/**
 * Error codes that mean the connection to tinyEmail failed (name lookup, TCP, TLS, a connection timeout), as
 * Node.js, undici and axios name them. Only these are "Could not reach tinyEmail"; any other failure without
 * an HTTP answer happened inside n8n or on this computer (e.g. n8n's own database timing out).
 */
const NETWORK_CODES: readonly string[] = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_FAIL',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
	'EADDRNOTAVAIL',
	'EPROTO',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];

/** TLS certificate problems (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, …) and undici's connection errors. */
const NETWORK_CODE_PATTERN = /CERT|^ERR_TLS_|^ERR_SSL_|^UNABLE_TO_|^UND_ERR_(CONNECT|SOCKET|CLOSED|HEADERS_TIMEOUT)/;

export function isNetworkErrorCode(code: string | undefined): boolean {
	if (!code) return false;
	const upper = code.toUpperCase();
	return NETWORK_CODES.includes(upper) || NETWORK_CODE_PATTERN.test(upper);
}
