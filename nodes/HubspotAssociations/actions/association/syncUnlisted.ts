import type { IDataObject, INode } from 'n8n-workflow';
import type { AssociationSpec, HubSpotErrorInfo, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { firstInputOfEachRecord, inBatches, primaryHolderKey, type SyncPlan, type UnlistedPair } from '../../helpers/syncPlan';
import { hubspotError } from '../batchErrors';
import { archivePhase, plannedRequests, sendWrites, writeRequests, type Failure, type PhaseSender, type WriteRequest } from './syncPhases';

/** What the first item naming a from-record says about the record's unlisted pairs. */
export interface FromRecordReport {
	itemIndex: number;
	removed: IDataObject[];
	kept: UnlistedPair[];
	/** Unlisted pairs not removed because an item of the record failed. */
	skipped: UnlistedPair[];
	removalErrors: IDataObject[];
}

export interface Unlisted {
	/** Each from-record's reporting input, and its report. */
	reporters: Map<string, { input: PlannedInput; report: FromRecordReport }>;
	archives: PlannedBatch[];
}

/**
 * Why a from-record's unlisted pairs are not removed in this run: one of its items failed (before
 * sending, or in this sync), so the input may list pairs the run could not see. An item that failed
 * before its from-record was known could belong to any record: then no record loses unlisted pairs.
 */
export class RemovalHolds {
	private readonly failedItems = new Map<string, Set<number>>();
	private readonly unidentified: number[] = [];
	/** The primary types of failed creates, by holder (`primaryHolderKey`): they did not move. */
	private readonly unmoved = new Set<string>();

	/** `sameObjectType`: a pair is either end's (company → company), so a failed item of either end holds it. */
	constructor(
		failedBefore: ReadonlyMap<number, string | undefined>,
		private readonly sameObjectType: boolean,
	) {
		for (const [itemIndex, fromObjectId] of failedBefore) {
			if (fromObjectId === undefined) this.unidentified.push(itemIndex);
			else this.add(fromObjectId, itemIndex);
		}
	}

	add(fromObjectId: string, itemIndex: number): void {
		const items = this.failedItems.get(fromObjectId);
		if (items) items.add(itemIndex);
		else this.failedItems.set(fromObjectId, new Set([itemIndex]));
	}

	/** The items of inputs that failed in this sync so far. */
	addFailed(outcomes: ReadonlyMap<PlannedInput, { kind: string }>): void {
		for (const [input, outcome] of outcomes) if (outcome.kind === 'failed') for (const itemIndex of input.itemIndexes) this.add(input.fromObjectId, itemIndex);
	}

	/** The create of `input` failed: the primary types it asked for stay where they were. */
	createFailed(input: PlannedInput): void {
		for (const spec of input.types) {
			const holder = primaryHolderKey(input.fromObjectId, input.toObjectId, spec);
			if (holder) this.unmoved.add(holder);
		}
	}

	/**
	 * Whether an unlisted pair still holds a primary type because the input moving it to another pair
	 * failed (a contact's primary company moved from one company's pair to another's): a sync never removes a primary.
	 */
	keepsPrimary(pair: UnlistedPair): boolean {
		return pair.types.some((spec) => this.primaryStayed(pair.fromObjectId, pair.toObjectId, spec));
	}

	/** Whether `spec` is a primary type a failed create was to move away from this pair. */
	primaryStayed(fromObjectId: string, toObjectId: string, spec: AssociationSpec): boolean {
		const holder = primaryHolderKey(fromObjectId, toObjectId, spec);
		return holder !== undefined && this.unmoved.has(holder);
	}

	/** Whether an unlisted pair stays because an item of its record (or, same-object, of its other end) failed. */
	holds(pair: { fromObjectId: string; toObjectId: string }): boolean {
		if (this.reasonFor(pair.fromObjectId) !== undefined) return true;
		return this.sameObjectType && this.failedItems.has(pair.toObjectId);
	}

	reasonFor(fromObjectId: string): string | undefined {
		const items = this.failedItems.get(fromObjectId);
		if (items) return `${itemsText([...items])} of this from-record failed: its unlisted pairs were not removed in this run, as the input may list them`;
		if (this.unidentified.length > 0) return `${itemsText(this.unidentified)} failed before its from-record was known: no unlisted pair was removed in this run`;
		return undefined;
	}
}

function itemsText(items: number[]): string {
	const sorted = [...items].sort((a, b) => a - b);
	return sorted.length === 1 ? `Item ${sorted[0]}` : `Items ${sorted.join(', ')}`;
}

/**
 * The unlisted pairs of each from-record, reported on the first of its items that did not fail.
 * A record whose every item failed keeps its pairs: nothing could report their removal. A record
 * `holds` names keeps them too, listed as skipped.
 */
export function unlistedPairs(batch: PlannedBatch, plan: SyncPlan, succeeded: PlannedInput[], removalBatchSize: number, holds: RemovalHolds): Unlisted {
	const reporters = new Map<string, { input: PlannedInput; report: FromRecordReport }>();
	for (const [fromObjectId, input] of firstInputOfEachRecord(succeeded)) {
		reporters.set(fromObjectId, { input, report: { itemIndex: Math.min(...input.itemIndexes), removed: [], kept: [], skipped: [], removalErrors: [] } });
	}
	for (const pair of plan.kept) reporters.get(pair.fromObjectId)?.report.kept.push(pair);
	const removals = plan.removals.flatMap((pair) => {
		const reporter = reporters.get(pair.fromObjectId);
		if (!reporter) return [];
		if (holds.keepsPrimary(pair)) {
			reporter.report.kept.push(pair);
			return [];
		}
		if (holds.holds(pair)) {
			reporter.report.skipped.push(pair);
			return [];
		}
		return [{ ...pair, itemIndexes: [reporter.report.itemIndex] }];
	});
	return { reporters, archives: inBatches(batch, removals, removalBatchSize) };
}

const reportOf = (unlisted: Unlisted, pair: PlannedInput) => unlisted.reporters.get(pair.fromObjectId)!.report;

/** Dry run: lists each removal with the request it would join. */
export function describeRemovals(unlisted: Unlisted, path: string): void {
	for (const [pair, request] of plannedRequests(unlisted.archives, path)) {
		reportOf(unlisted, pair).removed.push({ toObjectId: pair.toObjectId, types: pair.types, request });
	}
}

/** The removals of `unlisted` as write requests: a failed one goes to `failures`. */
export function archiveRequests(unlisted: Unlisted, failures: Map<PlannedInput, Failure>): WriteRequest[] {
	return writeRequests(archivePhase, unlisted.archives, (pair, failure) => failures.set(pair, failure));
}

/**
 * Lists each removal sent as removed, or with its error, on its record's report. Without
 * continue-on-fail a failure stops the run naming the item that reports it. Returns how many failed.
 */
export function reportRemovals(unlisted: Unlisted, failures: Map<PlannedInput, Failure>, keepGoing: boolean, node: INode): number {
	if (failures.size > 0 && !keepGoing) {
		const [pair, failure] = [...failures][0];
		const itemIndex = pair.itemIndexes[0];
		const message = `Item ${itemIndex}: HubSpot did not remove ${pair.fromObjectId} → ${pair.toObjectId}, a pair the input does not list: ${failure.message}`;
		throw hubspotError(node, { message, hubspot: failure.hubspot as HubSpotErrorInfo | undefined, itemIndex });
	}
	for (const pair of unlisted.archives.flatMap((archive) => archive.inputs)) {
		const { toObjectId, types } = pair;
		const failure = failures.get(pair);
		if (!failure) reportOf(unlisted, pair).removed.push({ toObjectId, types });
		else reportOf(unlisted, pair).removalErrors.push({ toObjectId, types, error: failure.message, ...(failure.hubspot ? { hubspot: failure.hubspot } : {}) });
	}
	return failures.size;
}

/** Removes the unlisted pairs (batch/archive) and reports them (`reportRemovals`). */
export async function removeUnlisted(unlisted: Unlisted, sender: PhaseSender, node: INode): Promise<number> {
	const failures = new Map<PlannedInput, Failure>();
	await sendWrites(archiveRequests(unlisted, failures), sender);
	return reportRemovals(unlisted, failures, sender.keepGoing, node);
}
