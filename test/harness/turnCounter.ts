/**
 * Counts turns of the event loop: a timer that sets itself again each time it runs. While a synchronous
 * loop holds the event loop, the count stands still; it moves only where the code lets the loop run.
 */
export function countTurns(): { readonly turns: number; stop(): void } {
	let turns = 0;
	let stopped = false;
	let timer: NodeJS.Timeout;
	const tick = () => {
		turns++;
		if (!stopped) timer = setTimeout(tick, 0);
	};
	timer = setTimeout(tick, 0);
	return {
		get turns() {
			return turns;
		},
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
	};
}
