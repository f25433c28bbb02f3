import { listIn } from './answerShapes';
import type { HubSpotBatchError, PlannedBatch } from './interfaces';
import { defaultAssociationResults, defaultAssociationTypes, matchBatchResponse, type DefaultAssociationResult } from './matching';
import { knownObjectTypeId } from './objectTypes';
import { pairKey } from './planning';

type DefaultAnswer = { status?: string; results?: DefaultAssociationResult[]; errors?: HubSpotBatchError[] } | undefined;

/**
 * Pairs a `batch/associate/default` answer with the batch's inputs. A pair of one id on both sides
 * (contact 5 → company 5) gets both directions' results, which name no object type: it keeps the
 * types the batch's other pairs show as this direction's (none to learn from: it keeps both).
 */
export function matchDefaultAssociationResponse(batch: PlannedBatch, body: DefaultAnswer) {
	const outcomes = matchBatchResponse(batch, body, defaultAssociationResults);
	const sameTypeBothWays = (knownObjectTypeId(batch.fromPathType) ?? batch.fromPathType) === (knownObjectTypeId(batch.toPathType) ?? batch.toPathType);
	if (sameTypeBothWays || !batch.inputs.some((input) => input.fromObjectId === input.toObjectId)) return outcomes;

	const asked = new Set(batch.inputs.map((input) => pairKey(input.fromObjectId, input.toObjectId)));
	const own = new Set<number>();
	const other = new Set<number>();
	for (const result of listIn<DefaultAssociationResult | null>(body?.results)) {
		if (!result || !defaultAssociationResults.pairOf(result)) continue;
		const [from, to] = [String(result.from?.id), String(result.to?.id)];
		if (from === to || asked.has(pairKey(from, to)) === asked.has(pairKey(to, from))) continue;
		for (const { associationTypeId } of defaultAssociationTypes(result)) (asked.has(pairKey(from, to)) ? own : other).add(associationTypeId);
	}
	for (const [input, outcome] of outcomes) {
		if (outcome.kind !== 'succeeded' || input.fromObjectId !== input.toObjectId) continue;
		const mine = defaultAssociationTypes(outcome.result).filter(({ associationTypeId }) => own.has(associationTypeId) || (own.size === 0 && other.size > 0 && !other.has(associationTypeId)));
		if (mine.length > 0) outcome.result = { ...outcome.result, associationSpecs: mine };
	}
	return outcomes;
}
