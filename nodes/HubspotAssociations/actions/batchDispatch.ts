import { knownObjectTypeId } from '../helpers/objectTypes';
import type { WaitingBatch } from '../helpers/interfaces';

/** What a batch is to the dispatch: the records it names. */
export type DispatchedBatch = Pick<WaitingBatch, 'fromPathType' | 'toPathType' | 'fromObjectIds' | 'toObjectIds'>;

/** The run's limit on requests in flight (`ConcurrencyLimit`): a slot for each request, `ceiling` the most there can be. */
export interface RequestSlots {
	readonly ceiling: number;
	acquire(): Promise<() => void>;
}

/** The records a batch names: ids by object type id (so "contacts" and "0-1" name one record), an id once per input naming it. */
export type BatchRecords = Map<string, readonly string[]>;

/** Each record a batch names; reads name no to-record. The batch's own id columns are read, not copied. */
export function recordsOfBatch(batch: DispatchedBatch): BatchRecords {
	const fromType = knownObjectTypeId(batch.fromPathType) ?? batch.fromPathType;
	const toType = knownObjectTypeId(batch.toPathType) ?? batch.toPathType;
	const toIds = batch.toObjectIds.some((id) => id === '') ? batch.toObjectIds.filter((id) => id !== '') : batch.toObjectIds;
	if (fromType === toType) return new Map([[fromType, [...batch.fromObjectIds, ...toIds]]]);
	return new Map([
		[fromType, batch.fromObjectIds],
		[toType, toIds],
	]);
}

/** Of each object type, the ids that more than one batch names: only those can keep two batches apart. */
export function idsInSeveralBatches(batches: readonly DispatchedBatch[]): Map<string, Set<string>> {
	const batchNaming = new Map<string, Map<string, number>>();
	const several = new Map<string, Set<string>>();
	batches.forEach((batch, index) => {
		for (const [type, ids] of recordsOfBatch(batch)) {
			let named = batchNaming.get(type);
			if (!named) batchNaming.set(type, (named = new Map()));
			for (const id of ids) {
				const first = named.get(id);
				if (first === undefined) named.set(id, index);
				else if (first !== index) {
					let ofType = several.get(type);
					if (!ofType) several.set(type, (ofType = new Set()));
					ofType.add(id);
				}
			}
		}
	});
	return several;
}

/**
 * Hands a run's batches to its workers in order, except that a batch naming a record that a
 * batch in flight (retries included) also names waits, and a later batch that shares none goes
 * first: HubSpot answers a write to a record another write is changing with 423 Locked, so two
 * such batches in flight would only trade 423s and 2-second waits. With nothing in flight the
 * first batch left always goes, so every batch is sent. With one worker there is nothing to keep
 * apart, and nothing is tracked. Only the records more than one batch names are tracked: the
 * planner keeps each record's pairs together, so those are few, and a run of 500,000 items does
 * not add and remove every id of every batch in flight.
 */
export class BatchDispatch {
	/** Ids named by the batches in flight, by object type, with how many of them name each. */
	private readonly held = new Map<string, Map<string, number>>();
	private inFlight = 0;
	/** Records of the batches looked at but not sent yet: a waiting batch is read once, not on every wake-up. */
	private readonly looked = new Map<number, BatchRecords>();
	/** The held record a waiting batch last ran into: while it stays held, the batch is not looked at again. */
	private readonly blockedOn = new Map<number, [type: string, id: string]>();
	private readonly taken = new Set<number>();
	/** Index of the first batch not yet handed out. */
	private first = 0;
	private waiting: Array<() => void> = [];
	/** The records more than one batch names, by object type. */
	private readonly shared: Map<string, Set<string>>;

	constructor(
		private readonly batches: readonly DispatchedBatch[],
		/** How many batches may be in flight at most. */
		workers: number,
		/** How far past the first batch left to look for one that shares no record. */
		private readonly lookahead = 2 * workers,
		private readonly tracks = workers > 1,
	) {
		this.shared = tracks ? idsInSeveralBatches(batches) : new Map();
	}

	/** The records of a batch another batch also names. */
	private sharedRecordsOf(batch: DispatchedBatch): BatchRecords {
		const records: BatchRecords = new Map();
		for (const [type, ids] of recordsOfBatch(batch)) {
			const shared = this.shared.get(type);
			if (shared) records.set(type, ids.filter((id) => shared.has(id)));
		}
		return records;
	}

	/** The index of the next batch to send and what to call once it is settled; undefined when none is left. */
	async take(): Promise<{ index: number; settled: () => void } | undefined> {
		for (;;) {
			while (this.taken.has(this.first)) this.taken.delete(this.first++);
			if (this.first >= this.batches.length) return undefined;
			if (!this.tracks) return { index: this.first++, settled: () => {} };
			const last = Math.min(this.batches.length, this.first + this.lookahead);
			for (let index = this.first; index < last; index++) {
				if (this.taken.has(index)) continue;
				let records = this.looked.get(index);
				if (!records) {
					records = this.sharedRecordsOf(this.batches[index]);
					this.looked.set(index, records);
				}
				const blocker = this.blockedOn.get(index);
				if (blocker && this.held.get(blocker[0])?.has(blocker[1])) continue;
				const shared = this.inFlight > 0 ? this.heldRecordIn(records) : undefined;
				if (shared) {
					this.blockedOn.set(index, shared);
					continue;
				}
				this.blockedOn.delete(index);
				this.looked.delete(index);
				this.taken.add(index);
				return { index, settled: this.hold(records) };
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	private heldRecordIn(records: BatchRecords): [type: string, id: string] | undefined {
		// To-records first: they are the shared ones (a company of many contacts), so a clash shows soonest.
		for (const [type, ids] of [...records].reverse()) {
			const held = this.held.get(type);
			if (held) for (const id of ids) if (held.has(id)) return [type, id];
		}
		return undefined;
	}

	private hold(records: BatchRecords): () => void {
		this.inFlight++;
		for (const [type, ids] of records) {
			let held = this.held.get(type);
			if (!held) this.held.set(type, (held = new Map()));
			for (const id of ids) held.set(id, (held.get(id) ?? 0) + 1);
		}
		let settled = false;
		return () => {
			if (settled) return;
			settled = true;
			this.inFlight--;
			for (const [type, ids] of records) {
				const held = this.held.get(type)!;
				for (const id of ids) {
					const count = held.get(id)! - 1;
					if (count === 0) held.delete(id);
					else held.set(id, count);
				}
			}
			const waiting = this.waiting;
			this.waiting = [];
			for (const wake of waiting) wake();
		};
	}
}

/**
 * Sends `batches` under the run's limit: a slot first, then the batch BatchDispatch hands out, so
 * batches go out in order however the limit moves, and two naming one record are never in flight
 * together. `send` gets the batch's slot, to hand back early if it takes slots of its own. Once
 * `stopped()` says so, no batch is started; those in flight finish. A `send` that throws stops
 * the others too: the error is thrown once those in flight finished, so nothing is sent after it.
 */
export async function dispatchBatches(
	batches: readonly DispatchedBatch[],
	slots: RequestSlots,
	send: (index: number, release: () => void) => Promise<void>,
	stopped: () => boolean = () => false,
): Promise<void> {
	const dispatch = new BatchDispatch(batches, slots.ceiling);
	let thrown: { error: unknown } | undefined;
	const stop = () => thrown !== undefined || stopped();
	const worker = async () => {
		while (!stop()) {
			const release = await slots.acquire();
			const taken = stop() ? undefined : await dispatch.take();
			try {
				if (stop() || !taken) break;
				await send(taken.index, release);
			} catch (error) {
				thrown ??= { error };
			} finally {
				taken?.settled();
				release();
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(slots.ceiling, batches.length) }, worker));
	if (thrown) throw thrown.error;
}
