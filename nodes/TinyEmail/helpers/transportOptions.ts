import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_REQUESTS_PER_MINUTE, MAX_MAX_REQUESTS_PER_MINUTE } from '../transport/pacer';
import { DEFAULT_MAX_RETRY_WAIT_SECONDS, MAX_MAX_RETRY_WAIT_SECONDS } from '../transport/retry';
import { showFor } from './showFor';

/**
 * Pacing and retry options, read by the transport (transport/request.ts) from the node parameter
 * "options" (first item) on every operation. Each operation's Options collection includes them;
 * without them the defaults apply.
 */
function transportOptions(): INodeProperties[] {
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
	];
}

/** An operation's Options collection: its own options (if any) followed by the pacing and retry options. */
export function transportOptionsProperty(
	resource: string,
	operation: string,
	ownOptions: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...ownOptions, ...transportOptions()],
		displayOptions: showFor(resource, operation),
	};
}
