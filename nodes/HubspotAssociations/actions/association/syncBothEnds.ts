import type { AssociatedRecord } from '../../helpers/associationReads';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { InputOutcome, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { pairKey } from '../../helpers/planning';
import type { SyncPlan } from '../../helpers/syncPlan';
import type { Authentication } from '../../transport';
import type { SendToDirection } from '../batchRunner';
import { readAssociations } from './readAssociations';

const typeText = (type: { category: string; typeId: number }) => `${type.category}:${type.typeId}`;

/** The types HubSpot holds on the pair to `toObjectId`: all of them, and those with a label. */
function heldOn(records: AssociatedRecord[], toObjectId: string) {
	const all = new Set<string>();
	const labelled = new Set<string>();
	for (const record of records) {
		if (String(record.toObjectId) !== toObjectId) continue;
		for (const type of record.associationTypes ?? []) {
			all.add(typeText(type));
			if (type.label) labelled.add(typeText(type));
		}
	}
	return { all, labelled };
}

/**
 * Same-object directions: a pair listed from both ends is one association written from each, and
 * the two items can ask for types that undo each other (1 → 2 as parent, 2 → 1 unlabeled only).
 * Such pairs, when either end was written, are read back: an item whose types HubSpot does not
 * hold afterwards fails, saying what it holds, instead of claiming them.
 */
export async function checkPairsListedFromBothEnds(
	batch: PlannedBatch,
	plan: SyncPlan,
	outcomes: Map<PlannedInput, InputOutcome<unknown>>,
	send: SendToDirection,
	authentication: Authentication,
): Promise<void> {
	const byPair = new Map([...plan.changes.keys()].map((input) => [pairKey(input.fromObjectId, input.toObjectId), input]));
	const written = (input: PlannedInput) => plan.changes.get(input)!.status !== 'unchanged';
	const inputs = [...plan.changes.keys()].filter((input) => {
		if (outcomes.get(input)?.kind === 'failed') return false;
		const reverse = byPair.get(pairKey(input.toObjectId, input.fromObjectId));
		return reverse !== undefined && reverse !== input && (written(input) || written(reverse));
	});
	if (inputs.length === 0) return;
	const read = await readAssociations(send, { ...batch, inputs }, authentication);
	for (const input of inputs) {
		const outcome = 'failed' in read ? { kind: 'failed' as const, message: describeFailedExchange(read.failed, authentication) } : read.reads.get(input.fromObjectId)!;
		if (outcome.kind === 'failed') {
			outcomes.set(input, { kind: 'failed', message: `reading the pair back (another item lists it from its other end): ${outcome.message}` });
			continue;
		}
		const held = heldOn(outcome.associations, input.toObjectId);
		const claimed = new Set(plan.changes.get(input)!.types.map((spec) => typeText({ category: spec.associationCategory, typeId: spec.associationTypeId })));
		const missing = [...claimed].filter((type) => !held.all.has(type));
		const extra = [...held.labelled].filter((type) => !claimed.has(type));
		if (missing.length === 0 && extra.length === 0) continue;
		const holds = held.all.size > 0 ? [...held.all].join(', ') : 'no association';
		outcomes.set(input, {
			kind: 'failed',
			message: `another item of this run lists this pair from its other end with types that undo these: HubSpot now holds ${holds} (read from this end)`,
		});
	}
}
