import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_REQUESTS_PER_MINUTE, MAX_MAX_REQUESTS_PER_MINUTE } from '../transport/pacer';
import { DEFAULT_MAX_RETRY_WAIT_SECONDS, MAX_MAX_RETRY_WAIT_SECONDS } from '../transport/retry';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS } from '../transport/timeout';

/**
 * Pacing, retry and timeout options, read by the transport (transport/request.ts) from the node parameter
 * "options" (first item) on every operation and in the trigger. Each operation's Options collection
 * includes them; without them the defaults apply.
 */
export function transportOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Max Requests per Minute',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_MAX_REQUESTS_PER_MINUTE },
			default: DEFAULT_MAX_REQUESTS_PER_MINUTE,
			description:
				'Most requests this node sends to tinyEmail in any minute (tinyEmail allows 60 per API key or connection); lower it when other workflows use the same account at the same time. 0 sends without pacing.',
		},
		{
			displayName: 'Max Retry Wait',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_MAX_RETRY_WAIT_SECONDS },
			default: DEFAULT_MAX_RETRY_WAIT_SECONDS,
			description:
				'Longest time in seconds to keep retrying one request when tinyEmail answers with its rate limit or a temporary error. 0 never retries.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: MIN_TIMEOUT_SECONDS, maxValue: MAX_TIMEOUT_SECONDS },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'Longest time in seconds to wait for tinyEmail to answer one request. A request that is safe to repeat (a read, a customer write) is then sent again; one that creates something is not.',
		},
	];
}

/** An operation's Options collection: its own options (if any) and the pacing and retry options. */
export function transportOptionsProperty(ownOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		// A–Z, as n8n's UI guidelines ask for collections
		options: [...ownOptions, ...transportOptions()].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
