import { knownObjectTypeId } from './objectTypes';
import { inRecordGroupOrder } from './recordComponents';
import type { AssociationRequest, AssociationSpec, PlannedBatch, PlannedInput } from './interfaces';

function sameType(a: AssociationSpec, b: AssociationSpec): boolean {
	return a.associationTypeId === b.associationTypeId && a.associationCategory === b.associationCategory;
}

/** `known` plus the types of `asked` it lacks, in first-seen order; `known` itself when nothing is new. */
function unionOfTypes(known: AssociationSpec[], asked: AssociationSpec[]): AssociationSpec[] {
	let union = known;
	for (const spec of asked) {
		if (union.some((held) => sameType(held, spec))) continue;
		if (union === known) union = [...known];
		union.push(spec);
	}
	return union;
}

/** Identifies a (from, to) pair of records within one direction. */
export function pairKey(fromObjectId: string, toObjectId: string): string {
	return `${fromObjectId}>${toObjectId}`;
}

interface PlannedDirection {
	fromPathType: string;
	toPathType: string;
	/** Each from-record's inputs by to-record; both in the order items first named them. */
	byFromRecord: Map<string, Map<string, PlannedInput>>;
}

/** "contacts" and "0-1" name one type: one direction, so one input per pair. */
function directionKey(request: AssociationRequest): string {
	return `${knownObjectTypeId(request.fromPathType) ?? request.fromPathType} ${knownObjectTypeId(request.toPathType) ?? request.toPathType}`;
}

/**
 * Gathers the requests of a run into batches: one input per (direction, from, to) pair,
 * carrying the union of the types every item asked for (HubSpot replaces a pair's labels,
 * so two inputs for one pair could drop one), cut into batches of at most `batchSize`.
 * The pairs of one from-record sit next to each other, and from-records sharing a to-record
 * (contacts of one company) too, so parallel batches rarely write to the same record (HubSpot
 * answers concurrent writes to one record with 423 Locked): only a group whose pairs straddle a
 * cut is in two batches, and never a batch more than needed. Directions, groups, the from-records
 * of a group and each record's pairs keep the order in which items first named them.
 */
export function planBatches(requests: AssociationRequest[], batchSize: number): PlannedBatch[] {
	const directions = new Map<string, PlannedDirection>();
	// Items of a run almost always share one direction: its key is worked out once per change.
	let last: { fromPathType: string; toPathType: string; direction: PlannedDirection } | undefined;
	for (const request of requests) {
		let direction = last?.fromPathType === request.fromPathType && last.toPathType === request.toPathType ? last.direction : undefined;
		if (!direction) {
			const key = directionKey(request);
			direction = directions.get(key);
			if (!direction) {
				direction = { fromPathType: request.fromPathType, toPathType: request.toPathType, byFromRecord: new Map() };
				directions.set(key, direction);
			}
			last = { fromPathType: request.fromPathType, toPathType: request.toPathType, direction };
		}
		let ofRecord = direction.byFromRecord.get(request.fromObjectId);
		if (!ofRecord) {
			ofRecord = new Map();
			direction.byFromRecord.set(request.fromObjectId, ofRecord);
		}
		const input = ofRecord.get(request.toObjectId);
		if (input) {
			input.itemIndexes.push(request.itemIndex);
			input.types = unionOfTypes(input.types, request.types);
			continue;
		}
		// The first item's types are shared until another item adds one: unionOfTypes copies before it changes them.
		ofRecord.set(request.toObjectId, { fromObjectId: request.fromObjectId, toObjectId: request.toObjectId, types: request.types, itemIndexes: [request.itemIndex] });
	}

	const batches: PlannedBatch[] = [];
	for (const { fromPathType, toPathType, byFromRecord } of directions.values()) {
		let inputs: PlannedInput[] = [];
		for (const ofRecord of inRecordGroupOrder([...byFromRecord.values()], (pairs) => pairs.values())) {
			for (const input of ofRecord.values()) {
				inputs.push(input);
				if (inputs.length === batchSize) {
					batches.push({ fromPathType, toPathType, inputs });
					inputs = [];
				}
			}
		}
		if (inputs.length > 0) batches.push({ fromPathType, toPathType, inputs });
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
