import type { AssociatedRecord } from './associationReads';
import type { AssociationCategory, PlannedBatch, PlannedInput } from './interfaces';
import { knownObjectTypeId } from './objectTypes';

/** The types HubSpot holds on one pair, from a read of its from-record (a to-record split over pages counts once). */
export function typesHeld(records: AssociatedRecord[] | undefined, toObjectId: string): Array<{ category: string; typeId: number; label?: string | null }> {
	return (records ?? []).filter((record) => String(record.toObjectId) === toObjectId).flatMap((record) => record.associationTypes ?? []);
}

const typeIdOf = (pathType: string) => knownObjectTypeId(pathType) ?? pathType;

/**
 * Whether what HubSpot holds on a pair is what a write to `action` asked for, and then the result
 * the write's answer would have given for it; undefined when the read does not confirm it.
 */
export function confirmedResult(action: string, batch: Pick<PlannedBatch, 'fromPathType' | 'toPathType'>, input: PlannedInput, held: ReturnType<typeof typesHeld>, listed = held.length > 0): { result: unknown } | undefined {
	const heldIds = new Set(held.map((type) => type.typeId));
	const { fromObjectId, toObjectId } = input;
	switch (action) {
		case 'batch/create':
			if (held.length === 0 || !input.types.every((type) => heldIds.has(type.associationTypeId))) return undefined;
			return {
				result: {
					fromObjectId,
					fromObjectTypeId: typeIdOf(batch.fromPathType),
					toObjectId,
					toObjectTypeId: typeIdOf(batch.toPathType),
					labels: held.flatMap((type) => (type.label ? [type.label] : [])),
				},
			};
		case 'batch/associate/default': {
			const unlabeled = held.filter((type) => !type.label).map((type) => ({ associationCategory: type.category as AssociationCategory, associationTypeId: type.typeId }));
			return unlabeled.length === 0 ? undefined : { result: { from: { id: fromObjectId }, to: { id: toObjectId }, associationSpecs: unlabeled } };
		}
		case 'batch/archive':
			// A to-record the read still lists is held, whatever types it shows.
			return held.length === 0 && !listed ? { result: undefined } : undefined;
		case 'batch/labels/archive':
			return input.types.some((type) => heldIds.has(type.associationTypeId)) ? undefined : { result: undefined };
		default:
			return undefined;
	}
}
