import { knownObjectTypeId } from './objectTypes';
import { inRecordGroupOrder } from './recordComponents';
import type { AssociationRequest, AssociationSpec, PlannedBatch, PlannedInput, WaitingBatch } from './interfaces';

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
 * A from-record's pairs, each held as the request of the first item naming it, in the order items
 * first named their to-records. Most records of a run have one or a few pairs: a Map per record
 * would cost far more than the pairs themselves, so a record holds its request alone, then an
 * array searched in place, and a Map only once it is long.
 */
type RecordPairs = AssociationRequest | AssociationRequest[] | Map<string, AssociationRequest>;
const SEARCHED_IN_PLACE = 16;

function pairTo(pairs: RecordPairs, toObjectId: string): AssociationRequest | undefined {
	if (pairs instanceof Map) return pairs.get(toObjectId);
	if (Array.isArray(pairs)) return pairs.find((first) => first.toObjectId === toObjectId);
	return pairs.toObjectId === toObjectId ? pairs : undefined;
}

function withPair(pairs: RecordPairs, first: AssociationRequest): RecordPairs {
	if (pairs instanceof Map) return pairs.set(first.toObjectId, first);
	if (!Array.isArray(pairs)) return [pairs, first];
	pairs.push(first);
	return pairs.length > SEARCHED_IN_PLACE ? new Map(pairs.map((held) => [held.toObjectId, held])) : pairs;
}

function pairsInOrder(pairs: RecordPairs): Iterable<AssociationRequest> {
	if (pairs instanceof Map) return pairs.values();
	return Array.isArray(pairs) ? pairs : [pairs];
}

/** A pair several items named: the union of their types and every item. */
interface NamedAgain {
	types: AssociationSpec[];
	itemIndexes: number[];
}

interface PlannedDirection {
	fromPathType: string;
	toPathType: string;
	/** Each from-record's pairs, in the order items first named the records. */
	byFromRecord: Map<string, RecordPairs>;
	pairs: number;
}

/** "contacts" and "0-1" name one type: one direction, so one input per pair. */
function directionKey(request: AssociationRequest): string {
	return `${knownObjectTypeId(request.fromPathType) ?? request.fromPathType} ${knownObjectTypeId(request.toPathType) ?? request.toPathType}`;
}

/** Longest column built at its final length: V8 gives `new Array(n)` fast elements only up to a size. */
const PRESIZED_MAX = 65_536;

/** A batch whose columns will hold `size` inputs: sized once, so a run's columns carry no spare room. */
function emptyBatch(fromPathType: string, toPathType: string, size: number): WaitingBatch {
	const column = <T>() => (size <= PRESIZED_MAX ? new Array<T>(size) : []);
	return { fromPathType, toPathType, fromObjectIds: column(), toObjectIds: column(), types: column(), items: column() };
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
 * A pair is held by its first item's request until it is written into its batch's columns: no
 * object per input, only one per pair that several items name.
 */
export function planBatches(requests: AssociationRequest[], batchSize: number): WaitingBatch[] {
	const directions = new Map<string, PlannedDirection>();
	const namedAgain = new Map<AssociationRequest, NamedAgain>();
	// Items of a run almost always share one direction: its key is worked out once per change.
	let last: { fromPathType: string; toPathType: string; direction: PlannedDirection } | undefined;
	for (const request of requests) {
		let direction = last?.fromPathType === request.fromPathType && last.toPathType === request.toPathType ? last.direction : undefined;
		if (!direction) {
			const key = directionKey(request);
			direction = directions.get(key);
			if (!direction) {
				direction = { fromPathType: request.fromPathType, toPathType: request.toPathType, byFromRecord: new Map(), pairs: 0 };
				directions.set(key, direction);
			}
			last = { fromPathType: request.fromPathType, toPathType: request.toPathType, direction };
		}
		const ofRecord = direction.byFromRecord.get(request.fromObjectId);
		const first = ofRecord && pairTo(ofRecord, request.toObjectId);
		if (first) {
			let again = namedAgain.get(first);
			if (!again) namedAgain.set(first, (again = { types: first.types, itemIndexes: [first.itemIndex] }));
			again.itemIndexes.push(request.itemIndex);
			// The first item's types are shared until another item adds one: unionOfTypes copies before it changes them.
			again.types = unionOfTypes(again.types, request.types);
			continue;
		}
		direction.pairs++;
		const grown = ofRecord ? withPair(ofRecord, request) : request;
		if (grown !== ofRecord) direction.byFromRecord.set(request.fromObjectId, grown);
	}

	const batches: WaitingBatch[] = [];
	for (const { fromPathType, toPathType, byFromRecord, pairs } of directions.values()) {
		let left = pairs;
		let batch = emptyBatch(fromPathType, toPathType, Math.min(batchSize, left));
		let at = 0;
		for (const ofRecord of inRecordGroupOrder([...byFromRecord.values()], pairsInOrder)) {
			for (const first of pairsInOrder(ofRecord)) {
				const again = namedAgain.get(first);
				batch.fromObjectIds[at] = first.fromObjectId;
				batch.toObjectIds[at] = first.toObjectId;
				batch.types[at] = again?.types ?? first.types;
				batch.items[at] = again?.itemIndexes ?? first.itemIndex;
				if (++at === batchSize || at === left) {
					batches.push(batch);
					left -= at;
					at = 0;
					batch = emptyBatch(fromPathType, toPathType, Math.min(batchSize, left));
				}
			}
		}
	}
	return batches;
}

/** A waiting batch's inputs, built for its send: an object per input lives only while its batch is in flight. */
export function plannedBatch(batch: WaitingBatch): PlannedBatch {
	const { fromPathType, toPathType, fromObjectIds, toObjectIds, types, items } = batch;
	const inputs = items.map(
		(item, at): PlannedInput => ({ fromObjectId: fromObjectIds[at], toObjectId: toObjectIds[at], types: types[at], itemIndexes: typeof item === 'number' ? [item] : item }),
	);
	return { fromPathType, toPathType, inputs };
}

/** The columns a batch's body is written from: a waiting batch's own, or a planned batch's (`columnsOf`). */
export type BodyColumns = Pick<WaitingBatch, 'fromObjectIds' | 'toObjectIds' | 'types'>;

/** A planned batch's inputs as columns, for a body written from them. */
export function columnsOf(batch: Pick<PlannedBatch, 'inputs'>): BodyColumns {
	const { inputs } = batch;
	return { fromObjectIds: inputs.map((input) => input.fromObjectId), toObjectIds: inputs.map((input) => input.toObjectId), types: inputs.map((input) => input.types) };
}

/*
 * Bodies are written as JSON text straight from the columns. Built as objects, a batch's 2,000
 * inputs would all be alive until serialized; V8 then often decides that objects made there live
 * long and allocates every later batch's body objects where only a full collection frees them.
 */
const recordJson = (id: string) => `{"id":${JSON.stringify(id)}}`;

/**
 * The JSON body HubSpot's batch/create takes for a batch. The inputs of a run mostly share one
 * types array: it is written once per batch, not once per input.
 */
export function batchCreateBody(batch: BodyColumns): string {
	const { fromObjectIds, toObjectIds, types } = batch;
	const written = new Map<AssociationSpec[], string>();
	const inputs = fromObjectIds.map((fromObjectId, at) => {
		let typesJson = written.get(types[at]);
		if (typesJson === undefined) {
			typesJson = JSON.stringify(types[at].map(({ associationCategory, associationTypeId }) => ({ associationCategory, associationTypeId })));
			written.set(types[at], typesJson);
		}
		return `{"from":${recordJson(fromObjectId)},"to":${recordJson(toObjectIds[at])},"types":${typesJson}}`;
	});
	return `{"inputs":[${inputs.join(',')}]}`;
}

/** The JSON body of batch/associate/default: the pairs, without types. */
export function defaultAssociationBody(batch: BodyColumns): string {
	const { fromObjectIds, toObjectIds } = batch;
	const inputs = fromObjectIds.map((fromObjectId, at) => `{"from":${recordJson(fromObjectId)},"to":${recordJson(toObjectIds[at])}}`);
	return `{"inputs":[${inputs.join(',')}]}`;
}

/** The JSON body of batch/archive: one input per from-record, listing its to-records. */
export function archiveBody(batch: BodyColumns): string {
	const toIdsByFrom = new Map<string, string[]>();
	batch.fromObjectIds.forEach((fromObjectId, at) => {
		const toIds = toIdsByFrom.get(fromObjectId) ?? [];
		toIds.push(recordJson(batch.toObjectIds[at]));
		toIdsByFrom.set(fromObjectId, toIds);
	});
	const inputs = [...toIdsByFrom].map(([fromObjectId, to]) => `{"from":${recordJson(fromObjectId)},"to":[${to.join(',')}]}`);
	return `{"inputs":[${inputs.join(',')}]}`;
}
