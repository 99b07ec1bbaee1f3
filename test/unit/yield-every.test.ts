import type { INode } from 'n8n-workflow';

import { ItemOutcomes } from '../../nodes/TinyEmail/helpers/itemOutcomes';
import { ITEMS_PER_SLICE, forEachYielding } from '../../nodes/TinyEmail/helpers/yieldEvery';
import { countTurns } from '../harness/turnCounter';

const node: INode = { id: '1', name: 'tinyEmail', type: 'n8n-nodes-tinyemail.tinyEmail', typeVersion: 1, position: [0, 0], parameters: {} };

describe('forEachYielding', () => {
	test('runs every index in order, awaiting async work, and lets the event loop run between slices', async () => {
		const counter = countTurns();
		const turnAt: number[] = [];
		const items = 5 * ITEMS_PER_SLICE;
		await forEachYielding(items, async (index) => {
			turnAt.push(counter.turns);
			if (index % 1000 === 0) await Promise.resolve();
		});
		counter.stop();
		expect(turnAt).toHaveLength(items);
		// A new slice starts after at most ITEMS_PER_SLICE items (sooner when a slice took SLICE_MS), with a turn in between
		const slices = new Set(turnAt).size;
		expect(slices).toBeGreaterThanOrEqual(5);
		for (let index = ITEMS_PER_SLICE; index < items; index += ITEMS_PER_SLICE) {
			expect(turnAt[index]).toBeGreaterThan(turnAt[index - ITEMS_PER_SLICE]);
		}
	});

	test('stops at the first error, which it throws as it is', async () => {
		const seen: number[] = [];
		const boom = new Error('boom');
		await expect(
			forEachYielding(3 * ITEMS_PER_SLICE, (index) => {
				seen.push(index);
				if (index === ITEMS_PER_SLICE + 5) throw boom;
			}),
		).rejects.toBe(boom);
		expect(seen).toHaveLength(ITEMS_PER_SLICE + 6);
	});

	test('ItemOutcomes.toOutput builds a large output in slices, every item paired in order', async () => {
		const items = 4 * ITEMS_PER_SLICE;
		const outcomes = new ItemOutcomes(node, items, false);
		for (let itemIndex = 0; itemIndex < items; itemIndex++) outcomes.succeed(itemIndex, { itemIndex });
		const counter = countTurns();
		const before = counter.turns;
		const output = await outcomes.toOutput();
		const during = counter.turns - before;
		counter.stop();
		expect(during).toBeGreaterThanOrEqual(3);
		expect(output).toEqual(Array.from({ length: items }, (_, itemIndex) => ({ json: { itemIndex }, pairedItem: { item: itemIndex } })));
	});
});
