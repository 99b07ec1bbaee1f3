// Injected failures for /v1 requests: the next N matching requests, or a percentage of them decided by a
// seeded PRNG (mulberry32) so a run with the same seed fails the same requests.
import type { FaultKind, FaultRule } from './types';
import { validateItems } from './customerValidation';

const VALID_KINDS: FaultKind[] = [400, 429, 500, 502, 503, 'drop', 'hang', 'applyThenDrop', 'concurrentWrite'];

/** A refusal for a reason that applies to every member: the contract says such a 400 names no customer. */
export const SYSTEMIC_REFUSAL = 'This account does not accept customer imports through the API right now';

export function validateFaultRule(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return 'A fault rule must be a JSON object';
	const rule = value as Record<string, unknown>;
	if (!VALID_KINDS.includes(rule.kind as FaultKind)) return `kind must be one of ${VALID_KINDS.join(', ')}`;
	if (rule.count !== undefined && !(Number.isInteger(rule.count) && (rule.count as number) > 0)) return 'count must be a positive integer';
	if (rule.percentage !== undefined && !(typeof rule.percentage === 'number' && rule.percentage >= 0 && rule.percentage <= 100)) {
		return 'percentage must be a number from 0 to 100';
	}
	if (rule.pathPrefix !== undefined && typeof rule.pathPrefix !== 'string') return 'pathPrefix must be a string';
	if (rule.method !== undefined && typeof rule.method !== 'string') return 'method must be a string';
	if (rule.message !== undefined && (rule.kind !== 400 || typeof rule.message !== 'string'))
		return 'message is a text, and only for kind 400';
	if (rule.kind === 'concurrentWrite') {
		const customers = validateItems(rule.customers, 'customers', 'customer');
		if (!customers.ok || customers.items.length === 0)
			return `concurrentWrite needs "customers": a non-empty array of customers${customers.ok ? '' : ` (${customers.message})`}`;
	} else if (rule.customers !== undefined) {
		return 'customers is only for kind concurrentWrite';
	}
	return undefined;
}

interface ActiveRule {
	rule: FaultRule;
	remaining: number | undefined;
}

export class FaultInjector {
	private rules: ActiveRule[] = [];
	private state: number;

	constructor(private readonly seed: number = 1) {
		this.state = seed >>> 0;
	}

	add(rule: FaultRule): void {
		// A rule with neither count nor percentage fails just the next matching request.
		const remaining = rule.percentage === undefined ? (rule.count ?? 1) : undefined;
		this.rules.push({ rule: structuredClone(rule), remaining });
	}

	clear(): void {
		this.rules = [];
		this.state = this.seed >>> 0;
	}

	/** The rule to apply to this request, consuming one use of a counted rule; undefined when none applies. */
	take(method: string, path: string): FaultRule | undefined {
		for (const active of this.rules) {
			const { rule } = active;
			if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
			if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
			if (active.remaining !== undefined) {
				active.remaining--;
				if (active.remaining <= 0) this.rules = this.rules.filter((other) => other !== active);
				return rule;
			}
			if (this.nextRandom() * 100 < (rule.percentage ?? 0)) return rule;
		}
		return undefined;
	}

	private nextRandom(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
}
