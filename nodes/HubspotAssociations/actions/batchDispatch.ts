import { knownObjectTypeId } from '../helpers/objectTypes';
import type { PlannedBatch } from '../helpers/interfaces';

/** Each record a batch names, as `objectTypeId:id` (so "contacts" and "0-1" name one record); reads name no to-record. */
export function recordsOfBatch(batch: PlannedBatch): Set<string> {
	const fromType = knownObjectTypeId(batch.fromPathType) ?? batch.fromPathType;
	const toType = knownObjectTypeId(batch.toPathType) ?? batch.toPathType;
	const records = new Set<string>();
	for (const { fromObjectId, toObjectId } of batch.inputs) {
		records.add(`${fromType}:${fromObjectId}`);
		if (toObjectId !== '') records.add(`${toType}:${toObjectId}`);
	}
	return records;
}

/**
 * Hands a run's batches to its workers in order, except that a batch naming a record that a
 * batch in flight (retries included) also names waits, and a later batch that shares none goes
 * first: HubSpot answers a write to a record another write is changing with 423 Locked, so two
 * such batches in flight would only trade 423s and 2-second waits. With nothing in flight the
 * first batch left always goes, so every batch is sent.
 */
export class BatchDispatch {
	/** Records named by the batches in flight, with how many of them name each. */
	private readonly held = new Map<string, number>();
	private readonly taken = new Set<number>();
	/** Index of the first batch not yet handed out. */
	private first = 0;
	private waiting: Array<() => void> = [];

	constructor(
		private readonly batches: readonly PlannedBatch[],
		/** How far past the first batch left to look for one that shares no record. */
		private readonly lookahead: number,
	) {}

	/** The index of the next batch to send and what to call once it is settled; undefined when none is left. */
	async take(): Promise<{ index: number; settled: () => void } | undefined> {
		for (;;) {
			while (this.taken.has(this.first)) this.taken.delete(this.first++);
			if (this.first >= this.batches.length) return undefined;
			const last = Math.min(this.batches.length, this.first + this.lookahead);
			for (let index = this.first; index < last; index++) {
				if (this.taken.has(index)) continue;
				const records = recordsOfBatch(this.batches[index]);
				if (this.held.size > 0 && [...records].some((record) => this.held.has(record))) continue;
				this.taken.add(index);
				for (const record of records) this.held.set(record, (this.held.get(record) ?? 0) + 1);
				let settled = false;
				return {
					index,
					settled: () => {
						if (settled) return;
						settled = true;
						this.settle(records);
					},
				};
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	private settle(records: Set<string>): void {
		for (const record of records) {
			const count = this.held.get(record)! - 1;
			if (count === 0) this.held.delete(record);
			else this.held.set(record, count);
		}
		const waiting = this.waiting;
		this.waiting = [];
		for (const wake of waiting) wake();
	}
}
