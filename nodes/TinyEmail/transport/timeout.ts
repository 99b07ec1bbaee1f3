/** "Timeout": how long one request may go unanswered before the node gives up on it (n8n itself would wait 300 s). */

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 600;

/** Reads "Timeout" (seconds) from the node's Options, kept within bounds. */
export function requestTimeoutMs(seconds: unknown): number {
	const value = seconds === undefined || seconds === null || seconds === '' ? DEFAULT_TIMEOUT_SECONDS : Number(seconds);
	if (!Number.isFinite(value) || value <= 0) return DEFAULT_TIMEOUT_SECONDS * 1000;
	return Math.round(Math.min(Math.max(value, MIN_TIMEOUT_SECONDS), MAX_TIMEOUT_SECONDS) * 1000);
}
