import type { AssociationRequest, PlannedInput, WaitingBatch } from '../helpers/interfaces';

/** The object types an item was read with; one object for the items that gave the same ones. */
type ObjectTypesOfItem = Pick<AssociationRequest, 'fromObjectType' | 'toObjectType' | 'fromPathType' | 'toPathType'>;

const isRequest = (held: AssociationRequest | ObjectTypesOfItem): held is AssociationRequest => 'itemIndex' in held;

/**
 * The requests of a run by item index, from planning to the output. A waiting batch holds each
 * input's ids and types, so an item keeps only the object types it was read with (shared by the
 * run's items) and gets its request told again from its input when the batch is sent: a
 * 500,000-item run does not hold a request per item beside its batches. An item its input cannot
 * tell (a looked-up record, types merged with another item's) keeps its request; so does one whose
 * output is built at the end (a failure, a dry run).
 */
export class HeldRequests {
	private readonly held: Array<AssociationRequest | ObjectTypesOfItem | undefined>;
	/** The object types the items read last share. */
	private shared: ObjectTypesOfItem | undefined;

	constructor(itemCount: number, requests: readonly AssociationRequest[], batches: readonly WaitingBatch[]) {
		this.held = new Array<AssociationRequest | ObjectTypesOfItem | undefined>(itemCount);
		for (const request of requests) this.held[request.itemIndex] = request;
		for (const { types, items } of batches) {
			for (let at = 0; at < items.length; at++) {
				const item = items[at];
				if (typeof item === 'number') this.letGo(item, types[at]);
				else for (const itemIndex of item) this.letGo(itemIndex, types[at]);
			}
		}
	}

	/** Keeps only the object types of an item whose input tells the rest of its request. */
	private letGo(itemIndex: number, typesOfInput: AssociationRequest['types']): void {
		const request = this.held[itemIndex] as AssociationRequest;
		if (request.fromLookup || request.toLookup || request.types !== typesOfInput) return;
		const { fromObjectType, toObjectType, fromPathType, toPathType } = request;
		const shared = this.shared;
		if (shared?.fromObjectType !== fromObjectType || shared.toObjectType !== toObjectType || shared.fromPathType !== fromPathType || shared.toPathType !== toPathType) {
			this.shared = { fromObjectType, toObjectType, fromPathType, toPathType };
		}
		this.held[itemIndex] = this.shared;
	}

	/** The request of an item of `input` (of a batch being sent or just answered). */
	of(itemIndex: number, input: PlannedInput): AssociationRequest {
		const held = this.held[itemIndex]!;
		if (isRequest(held)) return held;
		const { fromObjectType, toObjectType, fromPathType, toPathType } = held;
		return { itemIndex, fromObjectType, toObjectType, fromPathType, toPathType, fromObjectId: input.fromObjectId, toObjectId: input.toObjectId, types: input.types };
	}

	/** Holds the request of each item of `input` whole, for an output built at the end. */
	keep(input: PlannedInput, itemIndex?: number): void {
		for (const index of itemIndex === undefined ? input.itemIndexes : [itemIndex]) this.held[index] = this.of(index, input);
	}

	/** Lets an item's request go once its output is built. */
	release(itemIndex: number): void {
		this.held[itemIndex] = undefined;
	}

	/** The request an item's output is built from at the end: held whole by `keep`, or never told from a batch. */
	kept(itemIndex: number): AssociationRequest | undefined {
		const held = this.held[itemIndex];
		return held && isRequest(held) ? held : undefined;
	}
}
