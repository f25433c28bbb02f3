import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import type { AssociationSpec, InputOutcome, LabelsBetweenObjectPair, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { batchCreateBody, columnsOf } from '../../helpers/planning';
import type { AssociatedRecord } from '../../helpers/associationReads';
import { knownObjectTypeId } from '../../helpers/objectTypes';
import type { RecordRead } from '../../helpers/recordReads';
import { conflictingPrimaries, inBatches, keepingPrimaries, primaryHolderKey, SyncPlanner, typesCreateKept, type PairChange, type SyncPlan, type SyncPlanSettings } from '../../helpers/syncPlan';
import type { Authentication } from '../../transport';
import type { RequestSlots } from '../batchDispatch';
import type { BatchExchange, FailedBeforeSending, SendToDirection } from '../batchRunner';
import { readAssociations } from './readAssociations';
import { checkPairsListedFromBothEnds } from './syncBothEnds';
import { PlanWhileReading } from './syncPlanWhileReading';
import { createPhase, labelsArchivePhase, plannedRequests, sendWrites, writeRequests, type Failure } from './syncPhases';
import { archiveRequests, describeRemovals, RemovalHolds, removeUnlisted, reportRemovals, unlistedPairs, type FromRecordReport, type Unlisted } from './syncUnlisted';

export interface SyncOptions {
	removeUnlisted: boolean;
	maxRemovals: number;
	dryRun: boolean;
	createBatchSize: number;
	removalBatchSize: number;
}

export interface SyncResult {
	change: PairChange;
	/** Dry run: the write request this pair would join, and its input in that request. */
	planned?: { request: IDataObject; input: IDataObject };
	/** On the result of the input whose first item reports its from-record's unlisted pairs. */
	report?: FromRecordReport;
	/** Why the from-record's unlisted pairs were not removed (an item of it failed). */
	removalsSkipped?: string;
}

export type SyncCounts = Record<PairChange['status'] | 'removed' | 'kept' | 'failed' | 'removalsFailed' | 'removalsSkipped', number>;

/** What the exchange needs from the run besides the batch. */
export interface SyncContext {
	node: INode;
	continueOnFail: boolean;
	authentication: Authentication;
	options: SyncOptions;
	/** The path of an endpoint of the batch's direction (shown by the dry run). */
	pathOf(action: string): string;
	/** Receives the totals when the sync ran to its end; `wouldRemove` is set when a dry run exceeded Max Removals. */
	summarize(counts: SyncCounts, wouldRemove?: number): void;
}

type Outcomes = Map<PlannedInput, InputOutcome<SyncResult>>;

/**
 * Fails the inputs of from-records whose read is not complete (nothing is written for them);
 * returns the others and the associations read for their records.
 */
function readableInputs(batch: PlannedBatch, reads: Map<string, RecordRead>, outcomes: Outcomes) {
	const current = new Map<string, AssociatedRecord[]>();
	const readable = batch.inputs.filter((input) => {
		const read = reads.get(input.fromObjectId)!;
		if (read.kind === 'read') {
			current.set(input.fromObjectId, read.associations);
			return true;
		}
		outcomes.set(input, { ...read, message: `reading its current associations: ${read.message}` });
		return false;
	});
	return { readable, current };
}

const objectTypeOf = (pathType: string) => knownObjectTypeId(pathType) ?? pathType.toLowerCase();

const GUARD_ADVICE =
	'A sync removes every association of the listed records that the input does not list. If the input is complete and these removals are intended, raise Max Removals; otherwise check the input (a half-empty sheet removes what it lacks) or turn off Remove Unlisted (options.removeUnlisted).';

/**
 * Max Removals: a run that would remove more pairs fails before any write. With
 * continue-on-fail every item fails with the reason (n8n would pass the input on as if synced).
 */
function guardRemovals(count: number, inputs: PlannedInput[], outcomes: Outcomes, { options, node, continueOnFail }: SyncContext): boolean {
	if (count <= options.maxRemovals || options.dryRun) return true;
	const message = `This sync would remove ${count} associations, more than Max Removals (options.maxRemovals) allows (${options.maxRemovals}); nothing was written`;
	if (!continueOnFail) throw new NodeOperationError(node, message, { description: GUARD_ADVICE });
	for (const input of inputs) outcomes.set(input, { kind: 'failed', message, refusedByNode: true });
	return false;
}

/** The inputs of a plan's write requests; each remembers the input it serves. */
function writesOf(readable: PlannedInput[], plan: SyncPlan) {
	const served = new Map<PlannedInput, PlannedInput>();
	const writeFor = (input: PlannedInput, types: AssociationSpec[]) => {
		const write = { ...input, types };
		served.set(write, input);
		return write;
	};
	const creates: PlannedInput[] = [];
	const labelRemovals: PlannedInput[] = [];
	for (const input of readable) {
		const change = plan.changes.get(input)!;
		if (change.create) creates.push(writeFor(input, change.create));
		if (change.dropLabels) labelRemovals.push(writeFor(input, change.dropLabels));
	}
	return { served, writeFor, creates, labelRemovals };
}

/**
 * The primary types `input`'s pair was to give up to a pair whose create failed (`RemovalHolds`):
 * the pair keeps them, and its change says so from now on.
 */
function keepFailedMoves(plan: SyncPlan, input: PlannedInput, holds: RemovalHolds): void {
	const change = plan.changes.get(input)!;
	if (!change.movedPrimary) return;
	const failed = change.movedPrimary.filter((spec) => holds.primaryStayed(input.fromObjectId, input.toObjectId, spec));
	if (failed.length > 0) plan.changes.set(input, keepingPrimaries(change, failed));
}

/**
 * The inputs of the records no write names, nor the removal of a pair whose primary type the input
 * moves to another pair (it stays if the move fails).
 */
function recordsNoWriteNames(readable: PlannedInput[], plan: SyncPlan, writes: PlannedInput[]): PlannedInput[] {
	const movesPrimary = plan.removals.filter((pair) => pair.types.some((spec) => primaryHolderKey(pair.fromObjectId, pair.toObjectId, spec)));
	const written = new Set([...writes, ...movesPrimary].map((write) => write.fromObjectId));
	return readable.filter((input) => !written.has(input.fromObjectId));
}

/** Settles every input not failed, attaches the reports and sums the run up. */
function finish(batch: PlannedBatch, plan: SyncPlan, outcomes: Outcomes, unlisted: Unlisted, removalsFailed: number, holds: RemovalHolds, removeUnlisted: boolean): SyncCounts {
	const counts: SyncCounts = { created: 0, updated: 0, unchanged: 0, removed: 0, kept: 0, failed: 0, removalsFailed, removalsSkipped: 0 };
	for (const input of batch.inputs) {
		const settled = outcomes.get(input);
		if (settled?.kind === 'failed') {
			counts.failed++;
			continue;
		}
		const result: SyncResult = settled ? { ...settled.result } : { change: plan.changes.get(input)! };
		const reporter = unlisted.reporters.get(input.fromObjectId);
		if (reporter?.input === input) result.report = reporter.report;
		const skipped = removeUnlisted ? holds.reasonFor(input.fromObjectId) : undefined;
		if (skipped) result.removalsSkipped = skipped;
		outcomes.set(input, { kind: 'succeeded', result });
		counts[result.change.status]++;
		if (result.change.keptPrimary.length > 0) counts.kept++;
	}
	for (const { report } of unlisted.reporters.values()) {
		counts.removed += report.removed.length;
		counts.kept += report.kept.length;
		counts.removalsSkipped += report.skipped.length;
	}
	return counts;
}

/**
 * The sync of one direction: reads the listed from-records' associations (every page), plans,
 * checks Max Removals, then creates and relabels, removes labels, and removes unlisted pairs.
 * Requests that do not depend on each other share the run's limit (`slots`); a record's removals
 * wait for its writes, a label a create kept for that create, and every write for every read.
 * A dry run stops before the first write and describes each request.
 */
export async function syncDirection(
	batch: PlannedBatch,
	send: SendToDirection,
	context: SyncContext,
	failedBefore: FailedBeforeSending,
	slots: RequestSlots,
): Promise<BatchExchange<SyncResult>> {
	const { options, continueOnFail } = context;
	const outcomes: Outcomes = new Map();
	const sender = { send, authentication: context.authentication, keepGoing: continueOnFail, slots };

	const sameObjectType = objectTypeOf(batch.fromPathType) === objectTypeOf(batch.toPathType);
	const settingsFor = (holds: RemovalHolds): SyncPlanSettings => ({
		removeUnlisted: options.removeUnlisted,
		sameObjectType,
		// A failed item of a record may have listed any of its pairs, with any type: they lose nothing in this run.
		keepsTypes: (fromObjectId, toObjectId) => holds.holds({ fromObjectId, toObjectId }),
	});
	const whileReading = new PlanWhileReading(batch.inputs, failedBefore, sameObjectType, settingsFor);
	const read = await readAssociations(send, batch, context.authentication, slots, whileReading.recordRead);
	if ('failed' in read) return read;
	const { readable: complete, current } = readableInputs(batch, read.reads, outcomes);
	// Every read succeeded: what was planned while reading is what would be planned now.
	const planned = outcomes.size === 0 ? whileReading.whenEveryRead : undefined;
	const conflicts = planned?.conflicts ?? conflictingPrimaries(complete);
	for (const [input, message] of conflicts) outcomes.set(input, { kind: 'failed', message, refusedByNode: true });
	const readable = conflicts.size > 0 ? complete.filter((input) => !conflicts.has(input)) : complete;
	if (outcomes.size > 0 && !continueOnFail) return { outcomes };

	const holds = new RemovalHolds(failedBefore, sameObjectType);
	holds.addFailed(outcomes);
	const planner = planned?.planner ?? new SyncPlanner(readable, settingsFor(holds));
	for (const fromObjectId of planner.records()) planner.addRecord(fromObjectId, current.get(fromObjectId));
	const plan = planner.plan();
	const removable = plan.removals.filter((pair) => !holds.holds(pair));
	if (!guardRemovals(removable.length, readable, outcomes, context)) return { outcomes };
	const { served, writeFor, creates, labelRemovals } = writesOf(readable, plan);
	// A pair giving up a primary to another pair is written after it: if that write failed, it keeps the primary.
	const givesUpPrimary = (write: PlannedInput) => plan.changes.get(served.get(write)!)!.movedPrimary !== undefined;
	const [first, then] = [creates.filter((write) => !givesUpPrimary(write)), creates.filter(givesUpPrimary)];
	const [firstLabels, thenLabels] = [labelRemovals.filter((write) => !givesUpPrimary(write)), labelRemovals.filter(givesUpPrimary)];
	const createBatches = inBatches(batch, first, options.createBatchSize);

	if (options.dryRun) {
		const requests = [
			...plannedRequests([...createBatches, ...inBatches(batch, then, options.createBatchSize)], context.pathOf(createPhase.action)),
			...plannedRequests(inBatches(batch, labelRemovals, options.removalBatchSize), context.pathOf(labelsArchivePhase.action)),
		];
		for (const [write, request] of requests) {
			const input = served.get(write)!;
			const planned = { request, input: (JSON.parse(batchCreateBody(columnsOf({ inputs: [write] }))) as { inputs: IDataObject[] }).inputs[0] };
			outcomes.set(input, { kind: 'succeeded', result: { change: plan.changes.get(input)!, planned } });
		}
		const unlisted = unlistedPairs(batch, plan, readable, options.removalBatchSize, holds);
		describeRemovals(unlisted, context.pathOf('batch/archive'));
		return finishRun(batch, plan, outcomes, unlisted, 0, { holds, context, failedBefore, removable: removable.length });
	}

	const fail = (write: PlannedInput, failure: Failure) => outcomes.set(served.get(write)!, failure);
	const failCreate = (write: PlannedInput, failure: Failure) => {
		fail(write, failure);
		holds.createFailed(served.get(write)!);
	};
	const followUps: PlannedInput[] = [];
	// HubSpot documents that create "can" drop the labels not sent: what its answer still lists is removed next.
	const removeWhatCreateKept = (write: PlannedInput, result: unknown) => {
		const input = served.get(write)!;
		const kept = typesCreateKept(plan.changes.get(input)!, (result as LabelsBetweenObjectPair).labels);
		if (kept.length > 0) followUps.push(writeFor(input, kept));
	};
	// With continue-on-fail, the unlisted pairs of a record no write names go alongside the writes: no
	// write of the run can hold them. Without it, a failed write stops the run before any removal.
	// In a same-object direction a pair is either end's, so its removal waits for the writes. So does
	// the removal of a pair whose primary type the input moves to another pair: it stays if the move fails.
	const early = continueOnFail && !sameObjectType ? recordsNoWriteNames(readable, plan, [...creates, ...labelRemovals]) : [];
	const earlyUnlisted = unlistedPairs(batch, plan, early, options.removalBatchSize, holds);
	const earlyFailures = new Map<PlannedInput, Failure>();
	const writes = [
		...writeRequests(createPhase, createBatches, failCreate, removeWhatCreateKept),
		...writeRequests(labelsArchivePhase, inBatches(batch, firstLabels, options.removalBatchSize), fail),
		...archiveRequests(earlyUnlisted, earlyFailures),
	];
	if (!(await sendWrites(writes, sender)) && !continueOnFail) return { outcomes };
	// Then the pairs giving up a primary, once the pairs taking it are answered: a pair whose taker failed keeps it.
	// A pair that only gave up a moved primary sends nothing (HubSpot moves it) but reports it kept all the same.
	for (const input of readable) keepFailedMoves(plan, input, holds);
	const afterMoves = (write: PlannedInput, types: (change: PairChange) => AssociationSpec[] | undefined) => {
		const input = served.get(write)!;
		const wanted = types(plan.changes.get(input)!);
		return wanted ? [writeFor(input, wanted)] : [];
	};
	const moves = [
		...writeRequests(createPhase, inBatches(batch, then.flatMap((write) => afterMoves(write, (change) => change.create)), options.createBatchSize), failCreate, removeWhatCreateKept),
		...writeRequests(labelsArchivePhase, inBatches(batch, thenLabels.flatMap((write) => afterMoves(write, (change) => change.dropLabels)), options.removalBatchSize), fail),
	];
	if (!(await sendWrites(moves, sender)) && !continueOnFail) return { outcomes };
	if (!(await sendWrites(writeRequests(labelsArchivePhase, inBatches(batch, followUps, options.removalBatchSize), fail), sender)) && !continueOnFail) return { outcomes };
	if (sameObjectType) await checkPairsListedFromBothEnds(batch, plan, outcomes, send, context.authentication);
	if (!continueOnFail && [...outcomes.values()].some((outcome) => outcome.kind === 'failed')) return { outcomes };
	let removalsFailed = reportRemovals(earlyUnlisted, earlyFailures, continueOnFail, context.node);

	// A record whose write failed in this sync keeps its unlisted pairs too.
	holds.addFailed(outcomes);
	const earlyRecords = new Set(early.map((input) => input.fromObjectId));
	const succeeded = readable.filter((input) => !earlyRecords.has(input.fromObjectId) && outcomes.get(input)?.kind !== 'failed');
	const lateUnlisted = unlistedPairs(batch, plan, succeeded, options.removalBatchSize, holds);
	removalsFailed += await removeUnlisted(lateUnlisted, sender, context.node);
	const unlisted = early.length === 0 ? lateUnlisted : { reporters: new Map([...earlyUnlisted.reporters, ...lateUnlisted.reporters]), archives: [...earlyUnlisted.archives, ...lateUnlisted.archives] };
	return finishRun(batch, plan, outcomes, unlisted, removalsFailed, { holds, context, failedBefore, removable: removable.length });
}

/** Settles the outcomes and sums the run up. */
function finishRun(
	batch: PlannedBatch,
	plan: SyncPlan,
	outcomes: Outcomes,
	unlisted: Unlisted,
	removalsFailed: number,
	{ holds, context, failedBefore, removable }: { holds: RemovalHolds; context: SyncContext; failedBefore: FailedBeforeSending; removable: number },
): BatchExchange<SyncResult> {
	const { options } = context;
	const counts = finish(batch, plan, outcomes, unlisted, removalsFailed, holds, options.removeUnlisted);
	// Items that failed before the sync (validation, lookups, label names) are the run's failures too.
	counts.failed += failedBefore.size;
	context.summarize(counts, options.dryRun && removable > options.maxRemovals ? removable : undefined);
	return { outcomes };
}
