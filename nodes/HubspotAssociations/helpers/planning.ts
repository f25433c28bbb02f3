import { knownObjectTypeId } from './objectTypes';
import type { AssociationRequest, AssociationSpec, PlannedBatch, PlannedInput } from './interfaces';

function typeKey(spec: AssociationSpec): string {
	return `${spec.associationCategory}:${spec.associationTypeId}`;
}

/** Identifies a (from, to) pair of records within one direction. */
export function pairKey(fromObjectId: string, toObjectId: string): string {
	return `${fromObjectId}>${toObjectId}`;
}

/**
 * Gathers the requests of a run into batches: one input per (direction, from, to) pair,
 * carrying the union of the types every item asked for (HubSpot replaces a pair's labels,
 * so two inputs for one pair could drop one), cut into batches of at most `batchSize`.
 * Directions and pairs keep the order in which items first named them.
 */
export function planBatches(requests: AssociationRequest[], batchSize: number): PlannedBatch[] {
	const directions = new Map<string, { fromPathType: string; toPathType: string; pairs: Map<string, PlannedInput> }>();
	const typeKeysByInput = new Map<PlannedInput, Set<string>>();

	for (const request of requests) {
		// "contacts" and "0-1" name one type: one direction, so one input per pair.
		const directionKey = `${knownObjectTypeId(request.fromPathType) ?? request.fromPathType} ${knownObjectTypeId(request.toPathType) ?? request.toPathType}`;
		let direction = directions.get(directionKey);
		if (!direction) {
			direction = { fromPathType: request.fromPathType, toPathType: request.toPathType, pairs: new Map() };
			directions.set(directionKey, direction);
		}
		const key = pairKey(request.fromObjectId, request.toObjectId);
		let input = direction.pairs.get(key);
		if (!input) {
			input = { fromObjectId: request.fromObjectId, toObjectId: request.toObjectId, types: [], itemIndexes: [] };
			direction.pairs.set(key, input);
			typeKeysByInput.set(input, new Set());
		}
		input.itemIndexes.push(request.itemIndex);
		const known = typeKeysByInput.get(input)!;
		for (const spec of request.types) {
			if (!known.has(typeKey(spec))) {
				known.add(typeKey(spec));
				input.types.push(spec);
			}
		}
	}

	const batches: PlannedBatch[] = [];
	for (const { fromPathType, toPathType, pairs } of directions.values()) {
		const inputs = [...pairs.values()];
		for (let start = 0; start < inputs.length; start += batchSize) {
			batches.push({ fromPathType, toPathType, inputs: inputs.slice(start, start + batchSize) });
		}
	}
	return batches;
}

/** The JSON body HubSpot's batch/create takes for a batch. */
export function batchCreateBody(batch: PlannedBatch) {
	return {
		inputs: batch.inputs.map((input) => ({
			from: { id: input.fromObjectId },
			to: { id: input.toObjectId },
			types: input.types.map(({ associationCategory, associationTypeId }) => ({ associationCategory, associationTypeId })),
		})),
	};
}

/** The JSON body of batch/associate/default: the pairs, without types. */
export function defaultAssociationBody(batch: PlannedBatch) {
	return { inputs: batch.inputs.map((input) => ({ from: { id: input.fromObjectId }, to: { id: input.toObjectId } })) };
}

/** The JSON body of batch/archive: one input per from-record, listing its to-records. */
export function archiveBody(batch: PlannedBatch) {
	const toIdsByFrom = new Map<string, Array<{ id: string }>>();
	for (const input of batch.inputs) {
		const toIds = toIdsByFrom.get(input.fromObjectId) ?? [];
		toIds.push({ id: input.toObjectId });
		toIdsByFrom.set(input.fromObjectId, toIds);
	}
	return { inputs: [...toIdsByFrom].map(([fromObjectId, to]) => ({ from: { id: fromObjectId }, to })) };
}
