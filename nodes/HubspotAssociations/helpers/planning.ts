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

/**
 * A from-record's inputs, in the order items first named their to-records. Most records of a run
 * have one or a few pairs: a Map per record would cost far more than the pairs themselves, so a
 * record holds its input alone, then an array searched in place, and a Map only once it is long.
 */
type RecordInputs = PlannedInput | PlannedInput[] | Map<string, PlannedInput>;
const SEARCHED_IN_PLACE = 16;

function inputTo(inputs: RecordInputs, toObjectId: string): PlannedInput | undefined {
	if (inputs instanceof Map) return inputs.get(toObjectId);
	if (Array.isArray(inputs)) return inputs.find((input) => input.toObjectId === toObjectId);
	return inputs.toObjectId === toObjectId ? inputs : undefined;
}

function withInput(inputs: RecordInputs, input: PlannedInput): RecordInputs {
	if (inputs instanceof Map) return inputs.set(input.toObjectId, input);
	if (!Array.isArray(inputs)) return [inputs, input];
	inputs.push(input);
	return inputs.length > SEARCHED_IN_PLACE ? new Map(inputs.map((held) => [held.toObjectId, held])) : inputs;
}

function inputsInOrder(inputs: RecordInputs): Iterable<PlannedInput> {
	if (inputs instanceof Map) return inputs.values();
	return Array.isArray(inputs) ? inputs : [inputs];
}

interface PlannedDirection {
	fromPathType: string;
	toPathType: string;
	/** Each from-record's inputs, in the order items first named the records. */
	byFromRecord: Map<string, RecordInputs>;
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
		const ofRecord = direction.byFromRecord.get(request.fromObjectId);
		const input = ofRecord && inputTo(ofRecord, request.toObjectId);
		if (input) {
			input.itemIndexes.push(request.itemIndex);
			input.types = unionOfTypes(input.types, request.types);
			continue;
		}
		// The first item's types are shared until another item adds one: unionOfTypes copies before it changes them.
		const added: PlannedInput = { fromObjectId: request.fromObjectId, toObjectId: request.toObjectId, types: request.types, itemIndexes: [request.itemIndex] };
		const grown = ofRecord ? withInput(ofRecord, added) : added;
		if (grown !== ofRecord) direction.byFromRecord.set(request.fromObjectId, grown);
	}

	const batches: PlannedBatch[] = [];
	for (const { fromPathType, toPathType, byFromRecord } of directions.values()) {
		let inputs: PlannedInput[] = [];
		for (const ofRecord of inRecordGroupOrder([...byFromRecord.values()], inputsInOrder)) {
			for (const input of inputsInOrder(ofRecord)) {
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

/**
 * The JSON body HubSpot's batch/create takes for a batch. The inputs of a run mostly share one
 * types array: it is written once per batch, not once per input, since the body lives as long as
 * its request.
 */
export function batchCreateBody(batch: PlannedBatch) {
	const written = new Map<AssociationSpec[], AssociationSpec[]>();
	const typesOf = (types: AssociationSpec[]) => {
		let sent = written.get(types);
		if (!sent) {
			sent = types.map(({ associationCategory, associationTypeId }) => ({ associationCategory, associationTypeId }));
			written.set(types, sent);
		}
		return sent;
	};
	return {
		inputs: batch.inputs.map((input) => ({ from: { id: input.fromObjectId }, to: { id: input.toObjectId }, types: typesOf(input.types) })),
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
