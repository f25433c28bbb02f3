import type { AssociatedRecord } from '../../helpers/associationReads';
import { isPrimaryType } from '../../helpers/associationLabels';
import { withExistingTypes } from '../../helpers/existingTypes';
import type { AssociationRequest, AssociationSpec, InputOutcome, LabelsBetweenObjectPair, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, columnsOf } from '../../helpers/planning';
import { JsonBody, takeBody } from '../../transport';
import type { BatchExchange, SendToDirection } from '../batchRunner';
import type { UnresolvedItem } from '../labelNamesStep';
import { readAssociations } from './readAssociations';

type Outcome = BatchExchange<LabelsBetweenObjectPair>;

const isPrimary = (spec: AssociationSpec) => isPrimaryType({ category: spec.associationCategory, typeId: spec.associationTypeId });
const specKey = (category: string, typeId: number) => `${category}:${typeId}`;

/**
 * Batch Create with Keep Existing Labels: each pair's current types are read and sent along with
 * the asked ones, so HubSpot's replace keeps them. Two things it must not undo:
 * - a primary type the same run moves to another pair of the record (HubSpot holds one per
 *   record): the old pair's copy is not sent back;
 * - another write to the same pair between this run's read and its write: the pairs are read
 *   again after the write, and a pair that lost an asked type is written once more with what it
 *   now holds (its own asked types only; what another run removed stays removed).
 */
export class KeepExistingLabels {
	/** Primary types the run asks for, by direction and from-record: the to-records they go to. */
	private readonly primaries = new Map<string, Map<number, Set<string>>>();

	readonly prepare = async (requests: AssociationRequest[]): Promise<Map<number, UnresolvedItem>> => {
		for (const request of requests) {
			for (const spec of request.types.filter(isPrimary)) {
				const key = `${request.fromPathType} ${request.toPathType} ${request.fromObjectId}`;
				const byType = this.primaries.get(key) ?? new Map<number, Set<string>>();
				this.primaries.set(key, byType);
				byType.set(spec.associationTypeId, (byType.get(spec.associationTypeId) ?? new Set()).add(request.toObjectId));
			}
		}
		return new Map();
	};

	readonly exchange = async (batch: PlannedBatch, send: SendToDirection): Promise<Outcome> => {
		const read = await readAssociations(send, batch.inputs.map((input) => input.fromObjectId));
		if ('failed' in read) return read;
		const merged = batch.inputs.map((input) => this.merged(batch, input, read.gathered.get(input.fromObjectId)));
		const written = await create(batch, merged, send);
		if ('failed' in written) return written;

		// The check: a pair whose asked types are gone was replaced by another write after this run's read.
		const succeeded = merged.filter((input) => written.outcomes.get(input)?.kind === 'succeeded');
		const check = succeeded.length > 0 ? await readAssociations(send, succeeded.map((input) => input.fromObjectId)) : undefined;
		if (!check || 'failed' in check) return written;
		const lost = succeeded.flatMap((input) => {
			const asked = batch.inputs[merged.indexOf(input)].types;
			// A primary type the run also asks on another pair of the record may rightly have moved there.
			const expected = asked.filter((spec) => !this.movedAway(batch, input, spec.associationCategory, spec.associationTypeId));
			const held = check.gathered.get(input.fromObjectId)?.find((record) => String(record.toObjectId) === input.toObjectId);
			const holds = new Set((held?.associationTypes ?? []).map((type) => specKey(type.category, type.typeId)));
			return expected.every((spec) => holds.has(specKey(spec.associationCategory, spec.associationTypeId))) ? [] : [{ ...input, types: withExistingTypes(asked, check.gathered.get(input.fromObjectId), input.toObjectId) }];
		});
		if (lost.length === 0) return written;
		const again = await create(batch, lost, send);
		if ('failed' in again) return written;
		for (const input of lost) written.outcomes.delete(merged.find((candidate) => candidate.itemIndexes === input.itemIndexes)!);
		for (const [input, outcome] of again.outcomes) written.outcomes.set(input, outcome);
		return written;
	};

	/** An input with the pair's current types added, except a primary type the run moves to another pair. */
	private merged(batch: PlannedBatch, input: PlannedInput, associated: AssociatedRecord[] | undefined): PlannedInput {
		const kept = associated?.map((record) => ({ ...record, associationTypes: record.associationTypes?.filter((type) => !this.movedAway(batch, input, type.category, type.typeId)) }));
		return { ...input, types: withExistingTypes(input.types, kept, input.toObjectId) };
	}

	/** Whether the run asks for this primary type on another pair of the input's from-record. */
	private movedAway(batch: PlannedBatch, input: PlannedInput, category: string, typeId: number): boolean {
		const moved = this.primaries.get(`${batch.fromPathType} ${batch.toPathType} ${input.fromObjectId}`)?.get(typeId);
		return isPrimaryType({ category, typeId }) && [...(moved ?? [])].some((toObjectId) => toObjectId !== input.toObjectId);
	}
}

async function create(batch: PlannedBatch, inputs: PlannedInput[], send: SendToDirection): Promise<{ outcomes: Map<PlannedInput, InputOutcome<LabelsBetweenObjectPair>> } | Extract<Outcome, { failed: unknown }>> {
	const planned: PlannedBatch = { ...batch, inputs };
	const answer = await send(JsonBody.of(batchCreateBody(columnsOf(planned))));
	return answer.ok ? { outcomes: matchBatchCreateResponse(planned, takeBody(answer) as never) } : { failed: answer };
}
