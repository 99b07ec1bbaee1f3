import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterPerItem } from '../../helpers/parameterPerItem';
import { showFor } from '../../helpers/showFor';
import { audienceRefsFromCollection, audiencesCollection, nameKey, type AudienceRef } from '../../helpers/audienceLocator';
import { createAudience, fetchAudiences, type AudienceSummary } from '../../helpers/audiences';
import { planMemberBatches, toMember, type MemberChange } from '../../helpers/audienceMembers';
import { sendMemberBatches } from '../../helpers/memberSender';
import { asItemError, type ItemOutcomes } from '../../helpers/itemOutcomes';
import { forEachYielding } from '../../helpers/yieldEvery';
import type { PlannedWrite } from './plannedWrite';

/**
 * Customer > Create or Update, option "Add to Audiences": after the upsert, the customers that were
 * saved are added to the chosen audiences (PUT /audiences/{id}, batched per audience). Audiences
 * given by name are looked up once per run (GET /contacts) before anything is written; with
 * "Create Audience If Missing" a missing one is created once per run (POST /audiences), after the
 * upsert and only if a saved customer needs it.
 */

export const addToAudiencesDescription: INodeProperties[] = [
	audiencesCollection({
		name: 'addToAudiences',
		displayName: 'Add to Audiences',
		description:
			'Audiences to add each saved customer to, after the create or update. Adding starts any automation attached to the audience.',
		withName: true,
		displayOptions: showFor('customer', 'upsert', { authentication: ['apiKey'] }),
	}),
	{
		displayName: 'Create Audience If Missing',
		name: 'createAudienceIfMissing',
		type: 'boolean',
		default: false,
		description: 'Whether to create an audience given By Name when none has that name yet (created once per run, not once per item)',
		displayOptions: showFor('customer', 'upsert', { authentication: ['apiKey'] }),
	},
];

interface ItemTargets {
	itemIndex: number;
	refs: AudienceRef[];
	createIfMissing: boolean;
}

export class AudienceAssignment {
	private readonly targets = new Map<number, ItemTargets>();
	private byName = new Map<string, AudienceSummary[]>();
	/** Audiences created in this run, by name key (a promise, so each is created once). */
	private readonly created = new Map<string, Promise<string>>();

	private constructor(private readonly ctx: IExecuteFunctions) {}

	/**
	 * Reads the option for every item and fails, before any write, the items whose audiences cannot
	 * be used: a name that does not exist without Create If Missing. (With OAuth2 the option is hidden,
	 * and n8n drops hidden parameters: the upsert runs alone.)
	 */
	static async prepare(ctx: IExecuteFunctions, itemIndexes: number[], outcomes: ItemOutcomes): Promise<AudienceAssignment> {
		const assignment = new AudienceAssignment(ctx);
		const audiencesOf = parameterPerItem<unknown>(ctx, 'addToAudiences', {});
		const createIfMissingOf = parameterPerItem(ctx, 'createAudienceIfMissing', false);
		await forEachYielding(itemIndexes.length, (position) => {
			const itemIndex = itemIndexes[position];
			const refs = audienceRefsFromCollection(audiencesOf(itemIndex));
			if (refs.length === 0) return;
			const createIfMissing = createIfMissingOf(itemIndex);
			assignment.targets.set(itemIndex, { itemIndex, refs, createIfMissing });
		});
		const withNames = [...assignment.targets.values()].filter((target) => target.refs.some((ref) => ref.mode === 'name'));
		if (withNames.length === 0) return assignment;
		try {
			for (const audience of await fetchAudiences(ctx, withNames[0].itemIndex)) {
				const key = nameKey(audience.name);
				assignment.byName.set(key, [...(assignment.byName.get(key) ?? []), audience]);
			}
		} catch (error) {
			assignment.dropAll(withNames, outcomes, asItemError(ctx.getNode(), error));
			return assignment;
		}
		for (const target of withNames) {
			const problem = assignment.nameProblem(target);
			if (problem) {
				assignment.targets.delete(target.itemIndex);
				outcomes.fail(target.itemIndex, problem);
			}
		}
		return assignment;
	}

	private dropAll(targets: ItemTargets[], outcomes: ItemOutcomes, error: NodeOperationError | Error): void {
		for (const target of targets) {
			this.targets.delete(target.itemIndex);
			outcomes.fail(target.itemIndex, asItemError(this.ctx.getNode(), error));
		}
	}

	private nameProblem(target: ItemTargets): NodeOperationError | undefined {
		for (const ref of target.refs) {
			if (ref.mode !== 'name') continue;
			const found = this.byName.get(nameKey(ref.value)) ?? [];
			if (found.length > 1) {
				return new NodeOperationError(
					this.ctx.getNode(),
					`Several tinyEmail audiences are named "${ref.value}" (item ${target.itemIndex}); the node cannot tell which one to use`,
					{ itemIndex: target.itemIndex, description: 'Pick the audience from the list or give its ID instead of its name.' },
				);
			}
			if (found.length === 0 && !target.createIfMissing) {
				return new NodeOperationError(this.ctx.getNode(), `No tinyEmail audience is named "${ref.value}" (item ${target.itemIndex})`, {
					itemIndex: target.itemIndex,
					description: 'Check the name, pick the audience from the list, or turn on Create Audience If Missing.',
				});
			}
		}
		return undefined;
	}

	/** Whether any item still has audiences to be added to. */
	get isEmpty(): boolean {
		return this.targets.size === 0;
	}

	/** Adds each successfully written customer to its audiences; a failure fails that item with a clear message. */
	async assign(writes: PlannedWrite[], batchSize: number, outcomes: ItemOutcomes): Promise<void> {
		const changes: MemberChange[] = [];
		const labels = new Map<string, string>();
		const audienceIdsByItem = new Map<number, string[]>();
		const writeByItem = new Map(writes.map((write) => [write.itemIndex, write]));
		for (const write of writes) {
			const target = this.targets.get(write.itemIndex);
			if (!target || !outcomes.hasSucceeded(write.itemIndex)) continue;
			const ids: string[] = [];
			try {
				for (const ref of target.refs) {
					const id = await this.resolve(ref, write.itemIndex);
					labels.set(id, ref.mode === 'name' ? `"${ref.value}"` : ref.value);
					if (!ids.includes(id)) ids.push(id);
				}
			} catch (error) {
				outcomes.fail(write.itemIndex, this.saved(write, asItemError(this.ctx.getNode(), error).message));
				continue;
			}
			audienceIdsByItem.set(write.itemIndex, ids);
			for (const audienceId of ids) changes.push({ itemIndex: write.itemIndex, audienceId, members: [toMember(write.customer)] });
		}
		const failed = await sendMemberBatches(
			this.ctx,
			planMemberBatches(changes, batchSize),
			'assign',
			outcomes,
			(error, batch, itemIndex) => {
				return this.saved(
					writeByItem.get(itemIndex) as PlannedWrite,
					`adding it to the audience ${labels.get(batch.audienceId)} failed: ${asItemError(this.ctx.getNode(), error).message}`,
				);
			},
		);
		for (const write of writes) {
			const ids = audienceIdsByItem.get(write.itemIndex);
			if (ids && !failed.has(write.itemIndex)) outcomes.succeed(write.itemIndex, { ...write.output, audienceIds: ids });
		}
	}

	private saved(write: PlannedWrite, what: string): NodeOperationError {
		return new NodeOperationError(
			this.ctx.getNode(),
			`The customer ${write.customer.email} was saved, but ${what} (item ${write.itemIndex})`,
			{
				itemIndex: write.itemIndex,
				description:
					'The customer is in tinyEmail; run the item again (Create or Update is safe to repeat) or add it with Audience > Add Customers.',
			},
		);
	}

	private async resolve(ref: AudienceRef, itemIndex: number): Promise<string> {
		if (ref.mode === 'id') return ref.value;
		const key = nameKey(ref.value);
		const existing = this.byName.get(key);
		if (existing && existing.length === 1) return existing[0].id;
		let pending = this.created.get(key);
		if (!pending) {
			pending = createAudience(this.ctx, ref.value, [], itemIndex);
			this.created.set(key, pending);
		}
		return await pending;
	}
}
