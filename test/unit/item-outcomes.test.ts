import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ItemOutcomes } from '../../nodes/TinyEmail/helpers/itemOutcomes';
import { showOnlyFor } from '../../nodes/TinyEmail/helpers/showFor';
import { ExecutionStoppedError } from '../../nodes/TinyEmail/transport/stop';

const node: INode = { id: '1', name: 'tinyEmail', type: 'n8n-nodes-tinyemail.tinyEmail', typeVersion: 1, position: [0, 0], parameters: {} };

describe('ItemOutcomes.attempt and forEachItem', () => {
	test('with Continue On Fail, what an item throws becomes its { error }, in input order and paired', async () => {
		const outcomes = new ItemOutcomes(node, 3, true);
		await outcomes.forEachItem(async (itemIndex) => {
			if (itemIndex === 1) throw new Error('boom');
			outcomes.succeed(itemIndex, { itemIndex });
		});
		expect(await outcomes.toOutput()).toEqual([
			{ json: { itemIndex: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'boom' }, pairedItem: { item: 1 } },
			{ json: { itemIndex: 2 }, pairedItem: { item: 2 } },
		]);
	});

	test('without Continue On Fail, the first failure is thrown as it is, naming its item', async () => {
		const outcomes = new ItemOutcomes(node, 2, false);
		const error = new NodeOperationError(node, 'bad');
		await expect(outcomes.attempt(1, async () => await Promise.reject(error))).rejects.toBe(error);
		expect(error.context.itemIndex).toBe(1);
	});

	test('attempt gives the work result, or undefined when the item failed; explain rewrites the error first', async () => {
		const outcomes = new ItemOutcomes(node, 2, true);
		expect(await outcomes.attempt(0, async () => await Promise.resolve('id-1'))).toBe('id-1');
		const failed = await outcomes.attempt(
			1,
			async () => await Promise.reject(new Error('raw')),
			async () => await Promise.resolve(new Error('explained')),
		);
		expect(failed).toBeUndefined();
		outcomes.succeed(0, {});
		expect((await outcomes.toOutput())[1].json).toEqual({ error: 'explained' });
	});

	test('a stopped execution ends the run even with Continue On Fail', async () => {
		const outcomes = new ItemOutcomes(node, 1, true);
		await expect(outcomes.attempt(0, async () => await Promise.reject(new ExecutionStoppedError(node)))).rejects.toBeInstanceOf(
			ExecutionStoppedError,
		);
	});
});

describe('showOnlyFor', () => {
	test('puts resource and operation before a parameter’s own conditions', () => {
		const [plain, limit] = showOnlyFor('audience', 'getAll', [
			{ displayName: 'A', name: 'a', type: 'string', default: '' },
			{ displayName: 'B', name: 'b', type: 'number', default: 1, displayOptions: { show: { returnAll: [false] } } },
		]);
		expect(JSON.stringify(plain.displayOptions)).toBe('{"show":{"resource":["audience"],"operation":["getAll"]}}');
		expect(JSON.stringify(limit.displayOptions)).toBe('{"show":{"resource":["audience"],"operation":["getAll"],"returnAll":[false]}}');
	});
});
