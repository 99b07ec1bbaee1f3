// Peak memory of an n8n process and its children (n8n 2.x runs Code nodes in a task-runner child process,
// so the main process alone would hide the Code-node flow's cost).
import { readdirSync, readFileSync, writeFileSync } from 'fs';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** The process and all its descendants, from /proc/<pid>/stat's parent ids. */
function processTree(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			// "pid (comm) state ppid …": comm may contain spaces, so read after the last ")"
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
		} catch {
			// the process ended meanwhile
		}
	}
	const tree: number[] = [];
	const queue = [root];
	while (queue.length > 0 && tree.length < 1000) {
		const pid = queue.shift()!;
		tree.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return tree;
}

export interface MemoryPeak {
	/** Resident memory of n8n and its children when the run started, MiB. */
	baselineMiB: number;
	/** Highest sum of resident memory of n8n and its children, sampled every 100 ms, MiB. */
	peakMiB: number;
	/** The n8n main process's own high-water mark (VmHWM, reset before the run), MiB. */
	mainPeakMiB?: number;
}

export class MemoryProbe {
	private peak = 0;
	private baseline = 0;
	private timer?: NodeJS.Timeout;
	private hwmReset = false;

	constructor(private readonly pid: number) {}

	private treeRss(): number {
		return processTree(this.pid).reduce((sum, pid) => sum + (statusField(pid, 'VmRSS') ?? 0), 0);
	}

	start(): void {
		try {
			// "5" resets the peak resident set size (VmHWM) to the current one
			writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
			this.hwmReset = true;
		} catch {
			this.hwmReset = false;
		}
		this.baseline = this.treeRss();
		this.peak = this.baseline;
		this.timer = setInterval(() => {
			this.peak = Math.max(this.peak, this.treeRss());
		}, 100);
	}

	stop(): MemoryPeak {
		if (this.timer) clearInterval(this.timer);
		this.peak = Math.max(this.peak, this.treeRss());
		const mainPeak = this.hwmReset ? statusField(this.pid, 'VmHWM') : undefined;
		return {
			baselineMiB: Math.round(this.baseline),
			peakMiB: Math.round(this.peak),
			mainPeakMiB: mainPeak === undefined ? undefined : Math.round(mainPeak),
		};
	}
}
