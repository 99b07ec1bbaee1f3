import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The Batch Size option of the operations that write in batches: its default and its maximum. */
export interface BatchSizeLimits {
	default: number;
	max: number;
}

export function batchSizeOption(limits: BatchSizeLimits, description: string): INodeProperties {
	const { default: defaultSize, max } = limits;
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: defaultSize,
		description,
	};
}

/** The Batch Size option (first item: batching spans items), kept within the limits. */
export function readBatchSize(ctx: IExecuteFunctions, limits: BatchSizeLimits): number {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const size = Math.floor(Number(options.batchSize ?? limits.default));
	if (!Number.isFinite(size) || size < 1) return limits.default;
	return Math.min(size, limits.max);
}
