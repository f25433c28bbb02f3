import type { AssociatedRecord } from '../../helpers/associationReads';
import { isPrimaryType } from '../../helpers/associationLabels';
import { withExistingTypes } from '../../helpers/existingTypes';
import type { AssociationSpec, InputOutcome, LabelsBetweenObjectPair, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, columnsOf } from '../../helpers/planning';
import { JsonBody, takeBody } from '../../transport';
import type { BatchExchange, SendToDirection } from '../batchRunner';
import { readAssociations } from './readAssociations';

type Outcome = BatchExchange<LabelsBetweenObjectPair>;
type Written = Extract<Outcome, { outcomes: unknown }>;

const specKey = (category: string, typeId: number) => `${category}:${typeId}`;
const holds = (records: AssociatedRecord[] | undefined, toObjectId: string | undefined, spec: AssociationSpec) =>
	(records ?? []).some(
		(record) => (toObjectId === undefined || String(record.toObjectId) === toObjectId) && (record.associationTypes ?? []).some((type) => specKey(type.category, type.typeId) === specKey(spec.associationCategory, spec.associationTypeId)),
	);

/**
 * Batch Create with Keep Existing Labels: each pair's current types are read and sent along with
 * the asked ones, so HubSpot's replace keeps them. Two things it must not undo:
 * - a primary type another input of the batch moves to another pair of the record (HubSpot holds
 *   one per record): the old pair's copy is held back, and given back if the move failed;
 * - another write to the same pair between this run's read and its write: the pairs are read
 *   again after the write, and a pair that lost an asked type is written once more with what it
 *   now holds (its own asked types only; what another run removed stays removed).
 * A move in another batch needs neither: a later batch reads the moved primary, an earlier one's
 * copy is moved by HubSpot when the later batch asks for it.
 */
export async function createKeepingExisting(batch: PlannedBatch, send: SendToDirection): Promise<Outcome> {
	const read = await readAssociations(send, batch.inputs.map((input) => input.fromObjectId));
	if ('failed' in read) return read;
	const heldBack = new Map<PlannedInput, AssociationSpec[]>();
	const merged = batch.inputs.map((input) => {
		const current = read.gathered.get(input.fromObjectId)?.find((record) => String(record.toObjectId) === input.toObjectId);
		const types = withExistingTypes(input.types, current && [current], input.toObjectId);
		const withheld = types.slice(input.types.length).filter((spec) => isMovedAway(batch, input, spec));
		const sent = { ...input, types: types.filter((spec) => !withheld.includes(spec)) };
		if (withheld.length > 0) heldBack.set(sent, withheld);
		return sent;
	});
	const written = await create(batch, merged, send);
	if ('failed' in written) return written;

	const succeeded = merged.filter((input) => written.outcomes.get(input)?.kind === 'succeeded');
	const check = succeeded.length > 0 ? await readAssociations(send, succeeded.map((input) => input.fromObjectId)) : undefined;
	if (!check || 'failed' in check) return written;
	const again = succeeded.flatMap((input) => {
		const original = batch.inputs[merged.indexOf(input)];
		const records = check.gathered.get(input.fromObjectId);
		// A primary type another input of the batch asks for may rightly have moved there.
		const lost = original.types.filter((spec) => !isMovedAway(batch, original, spec) && !holds(records, input.toObjectId, spec));
		const unmoved = (heldBack.get(input) ?? []).filter((spec) => !holds(records, undefined, spec));
		if (lost.length === 0 && unmoved.length === 0) return [];
		return [{ ...input, types: withExistingTypes([...original.types, ...unmoved], records, input.toObjectId) }];
	});
	return again.length > 0 ? await writeAgain(batch, written, merged, again, send) : written;
}

/** Whether another input of the batch asks for this primary type on another pair of the input's from-record. */
function isMovedAway(batch: PlannedBatch, input: PlannedInput, spec: AssociationSpec): boolean {
	if (!isPrimaryType({ category: spec.associationCategory, typeId: spec.associationTypeId })) return false;
	const key = specKey(spec.associationCategory, spec.associationTypeId);
	return batch.inputs.some(
		(other) => other.fromObjectId === input.fromObjectId && other.toObjectId !== input.toObjectId && other.types.some((asked) => specKey(asked.associationCategory, asked.associationTypeId) === key),
	);
}

/** The second write of the pairs the check found short; its answers stand for theirs. A failure leaves the first answers. */
async function writeAgain(batch: PlannedBatch, written: Written, merged: PlannedInput[], again: PlannedInput[], send: SendToDirection): Promise<Outcome> {
	const rewritten = await create(batch, again, send);
	if ('failed' in rewritten) return written;
	for (const input of again) written.outcomes.delete(merged.find((candidate) => candidate.itemIndexes === input.itemIndexes)!);
	for (const [input, outcome] of rewritten.outcomes) written.outcomes.set(input, outcome);
	return written;
}

async function create(batch: PlannedBatch, inputs: PlannedInput[], send: SendToDirection): Promise<Written | Extract<Outcome, { failed: unknown }>> {
	const planned: PlannedBatch = { ...batch, inputs };
	const answer = await send(JsonBody.of(batchCreateBody(columnsOf(planned))));
	return answer.ok ? { outcomes: matchBatchCreateResponse(planned, takeBody(answer) as never) as Map<PlannedInput, InputOutcome<LabelsBetweenObjectPair>> } : { failed: answer };
}
