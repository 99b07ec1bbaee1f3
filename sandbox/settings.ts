// Validation and application of a partial settings object sent to POST /__sandbox/settings.
import type { NotFoundStyle, RateLimitScope, SandboxControl } from './types';
import type { SandboxState } from './state';
import { refusalPatternProblem } from './memberRefusal';

const NOT_FOUND_STYLES: NotFoundStyle[] = ['404', '400', 'empty200'];
const RATE_LIMIT_SCOPES: RateLimitScope[] = ['key', 'account'];

/** Applies a partial settings object (HTTP /settings); returns a problem text when a value is wrong. */
export function applySettings(control: SandboxControl, state: SandboxState, body: Record<string, unknown>): string | undefined {
	const known = [
		'latencyMs',
		'batchLimit',
		'notFoundStyle',
		'rateLimitPerMinute',
		'retryAfterHeader',
		'accessTokenLifetimeSeconds',
		'rotateRefreshTokens',
		'refreshTokenReuseDetection',
		'namesRefusedCustomer',
		'refuseEmailsMatching',
		'rateLimitScope',
		'tokenEndpointDelayMs',
	];
	const unknown = Object.keys(body).find((key) => !known.includes(key));
	if (unknown) return `Unknown setting "${unknown}"; known: ${known.join(', ')}`;
	const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
	if (body.latencyMs !== undefined && !isCount(body.latencyMs)) return 'latencyMs must be an integer ≥ 0';
	if (body.batchLimit !== undefined && !(isCount(body.batchLimit) && body.batchLimit > 0)) return 'batchLimit must be an integer ≥ 1';
	if (body.notFoundStyle !== undefined && !NOT_FOUND_STYLES.includes(body.notFoundStyle as NotFoundStyle))
		return `notFoundStyle must be one of ${NOT_FOUND_STYLES.join(', ')}`;
	if (body.rateLimitPerMinute !== undefined && body.rateLimitPerMinute !== false && !isCount(body.rateLimitPerMinute))
		return 'rateLimitPerMinute must be an integer ≥ 0 or false';
	if (body.retryAfterHeader !== undefined && typeof body.retryAfterHeader !== 'boolean') return 'retryAfterHeader must be a boolean';
	if (body.accessTokenLifetimeSeconds !== undefined && !(isCount(body.accessTokenLifetimeSeconds) && body.accessTokenLifetimeSeconds > 0))
		return 'accessTokenLifetimeSeconds must be an integer ≥ 1';
	if (body.rotateRefreshTokens !== undefined && typeof body.rotateRefreshTokens !== 'boolean')
		return 'rotateRefreshTokens must be a boolean';
	if (body.refreshTokenReuseDetection !== undefined && typeof body.refreshTokenReuseDetection !== 'boolean')
		return 'refreshTokenReuseDetection must be a boolean';
	if (body.namesRefusedCustomer !== undefined && typeof body.namesRefusedCustomer !== 'boolean')
		return 'namesRefusedCustomer must be a boolean';
	if (body.refuseEmailsMatching !== undefined && refusalPatternProblem(body.refuseEmailsMatching))
		return refusalPatternProblem(body.refuseEmailsMatching);
	if (body.rateLimitScope !== undefined && !RATE_LIMIT_SCOPES.includes(body.rateLimitScope as RateLimitScope))
		return `rateLimitScope must be one of ${RATE_LIMIT_SCOPES.join(', ')}`;
	if (body.tokenEndpointDelayMs !== undefined && !isCount(body.tokenEndpointDelayMs)) return 'tokenEndpointDelayMs must be an integer ≥ 0';
	if (body.latencyMs !== undefined) control.setLatency(body.latencyMs as number);
	if (body.batchLimit !== undefined) control.setBatchLimit(body.batchLimit as number);
	if (body.notFoundStyle !== undefined) control.setNotFoundStyle(body.notFoundStyle as NotFoundStyle);
	if (body.rateLimitPerMinute !== undefined || body.retryAfterHeader !== undefined) {
		control.setRateLimit(
			body.rateLimitPerMinute !== undefined ? (body.rateLimitPerMinute as number | false) : state.settings.rateLimitPerMinute,
			body.retryAfterHeader as boolean | undefined,
		);
	}
	if (body.accessTokenLifetimeSeconds !== undefined) state.settings.accessTokenLifetimeSeconds = body.accessTokenLifetimeSeconds as number;
	if (body.rotateRefreshTokens !== undefined) control.setRefreshTokenRotation(body.rotateRefreshTokens as boolean);
	if (body.refreshTokenReuseDetection !== undefined) control.setRefreshTokenReuseDetection(body.refreshTokenReuseDetection as boolean);
	if (body.namesRefusedCustomer !== undefined) control.setNamesRefusedCustomer(body.namesRefusedCustomer as boolean);
	if (body.refuseEmailsMatching !== undefined) control.setRefuseEmailsMatching(body.refuseEmailsMatching as string | false);
	if (body.rateLimitScope !== undefined) control.setRateLimitScope(body.rateLimitScope as RateLimitScope);
	if (body.tokenEndpointDelayMs !== undefined) control.setTokenEndpointDelay(body.tokenEndpointDelayMs as number);
	return undefined;
}
