// How long an n8n process's event loop was held: a small script preloaded into the n8n process
// (NODE_OPTIONS=--require) runs a 10 ms timer and, whenever the timer comes more than 20 ms late, appends
// the block (its end and length) to a file. The driver reads the file afterwards and takes the longest block
// of a time window: a whole run, or the span of n8n's `Running node "X" started` … `finished` debug lines
// (the node's own execution). The timer's lateness is a lower bound of the block (the loop may have been
// held since just after the timer's previous turn, up to 10 ms more); on a loaded machine it also includes the
// time the OS did not run the process.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const PROBE_SOURCE = `'use strict';
const { appendFileSync } = require('fs');
const file = process.env.TINYEMAIL_EVENT_LOOP_LOG;
if (file) {
	const INTERVAL_MS = 10;
	const THRESHOLD_MS = 20;
	let last = Date.now();
	const tick = () => {
		const now = Date.now();
		const held = now - last - INTERVAL_MS;
		if (held >= THRESHOLD_MS) {
			try {
				appendFileSync(file, JSON.stringify({ pid: process.pid, end: now, ms: held }) + '\\n');
			} catch {}
		}
		last = now;
		setTimeout(tick, INTERVAL_MS).unref();
	};
	setTimeout(tick, INTERVAL_MS).unref();
}
`;

export interface LoopBlock {
	pid: number;
	/** When the block ended (Date.now() in the n8n process). */
	end: number;
	ms: number;
}

export interface EventLoopProbe {
	/** The environment that loads the probe into an n8n process (its task runners log under their own pid). */
	env: Record<string, string>;
	/** The blocks of process `pid` that overlap [from, to], each cut to the window. */
	blocks(pid: number, from: number, to: number): LoopBlock[];
	/** The longest of them, in ms (0 when the loop was never held 20 ms). */
	longest(pid: number, from: number, to: number): number;
}

/** Writes the probe script into `dir`; every process started with `env` logs to `<dir>/<name>.jsonl`. */
export function eventLoopProbe(dir: string, name: string): EventLoopProbe {
	const script = join(dir, 'event-loop-probe.cjs');
	writeFileSync(script, PROBE_SOURCE);
	const logFile = join(dir, `${name}.jsonl`);
	const blocks = (pid: number, from: number, to: number): LoopBlock[] => {
		if (!existsSync(logFile)) return [];
		const found: LoopBlock[] = [];
		for (const line of readFileSync(logFile, 'utf8').split('\n')) {
			if (!line) continue;
			const block = JSON.parse(line) as LoopBlock;
			if (block.pid !== pid) continue;
			const start = Math.max(block.end - block.ms, from);
			const end = Math.min(block.end, to);
			if (end > start) found.push({ pid, end, ms: end - start });
		}
		return found;
	};
	return {
		env: { NODE_OPTIONS: `--require ${script}`, TINYEMAIL_EVENT_LOOP_LOG: logFile },
		blocks,
		longest: (pid, from, to) => Math.max(0, ...blocks(pid, from, to).map((block) => block.ms)),
	};
}

/** One of n8n's debug lines `Running node "X" started` / `finished …`, with the time n8n logged it (N8N_LOG_FORMAT=json). */
export function nodeRunLine(line: string): { node: string; started: boolean; at: number } | undefined {
	if (!line.startsWith('{') || !line.includes('Running node')) return undefined;
	try {
		const entry = JSON.parse(line) as { message?: string; timestamp?: string; metadata?: { timestamp?: string } };
		const match = /^Running node "(.+)" (started|finished)/.exec(entry.message ?? '');
		const at = Date.parse(entry.timestamp ?? entry.metadata?.timestamp ?? '');
		if (!match || Number.isNaN(at)) return undefined;
		return { node: match[1], started: match[2] === 'started', at };
	} catch {
		return undefined;
	}
}
