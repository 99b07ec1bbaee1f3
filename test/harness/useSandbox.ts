import { startSandbox } from '../../sandbox';
import type { Sandbox, SandboxOptions } from '../../sandbox/types';

/**
 * One sandbox per test file: started before the first test, reset before each one, stopped after
 * the last. The handle forwards to the running sandbox, so it can be captured at module level.
 */
export function useSandbox(options: SandboxOptions = { rateLimitPerMinute: false }): Sandbox {
	let running: Sandbox | undefined;
	const started = (): Sandbox => {
		if (!running) throw new Error('The sandbox is not running: use it inside a test or a hook');
		return running;
	};

	beforeAll(async () => {
		running = await startSandbox(options);
	});
	afterAll(async () => {
		await running?.stop();
	});
	beforeEach(() => {
		started().control.reset();
	});

	return {
		get url() {
			return started().url;
		},
		get control() {
			return started().control;
		},
		stop: async () => await started().stop(),
	};
}
