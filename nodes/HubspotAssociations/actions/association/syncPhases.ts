import type { IDataObject } from 'n8n-workflow';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { InputOutcome, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse, matchBatchResponse, NO_RESULTS } from '../../helpers/matching';
import { archiveBody, batchCreateBody, columnsOf, type BodyColumns } from '../../helpers/planning';
import { JsonBody, takeBody, type Authentication } from '../../transport';
import type { SendToDirection } from '../batchRunner';
import { confirmUnfinished } from '../writeConfirmation';

export type Failure = Extract<InputOutcome<never>, { kind: 'failed' }>;

/** One write step of a sync: its endpoint, body and how its answer names the failed inputs. */
export interface SyncPhase {
	action: string;
	/** How a failure of this step reads in the item's error: "…: <phase>: <HubSpot's reason>". */
	phase: string;
	body(batch: BodyColumns): string;
	match(batch: PlannedBatch, body: unknown): Map<PlannedInput, InputOutcome<unknown>>;
}

const noResults = (batch: PlannedBatch, body: unknown) => matchBatchResponse(batch, body as { errors?: [] } | undefined, NO_RESULTS);

export const createPhase: SyncPhase = {
	action: 'batch/create',
	phase: 'setting its types',
	body: batchCreateBody,
	match: (batch, body) => matchBatchCreateResponse(batch, body as Parameters<typeof matchBatchCreateResponse>[1]),
};

export const labelsArchivePhase: SyncPhase = { action: 'batch/labels/archive', phase: 'removing the types not asked for', body: batchCreateBody, match: noResults };

export const archivePhase: SyncPhase = { action: 'batch/archive', phase: 'removing the pair the input does not list', body: archiveBody, match: noResults };

/** How a sync sends: the runner's `send`, and its error and concurrency settings. */
export interface PhaseSender {
	send: SendToDirection;
	authentication: Authentication;
	/** Continue-on-fail: send every batch whatever fails. */
	keepGoing: boolean;
	concurrency: number;
}

/**
 * Sends a step's batches, `concurrency` at a time in order, and hands every failed input to
 * `fail` (and every answered one to `succeed`). Without `keepGoing`, no batch is started once one had a failure. Returns whether all succeeded.
 */
export async function sendPhase(
	phase: SyncPhase,
	batches: PlannedBatch[],
	{ send, authentication, keepGoing, concurrency }: PhaseSender,
	fail: (input: PlannedInput, failure: Failure) => void,
	succeed?: (input: PlannedInput, result: unknown) => void,
): Promise<boolean> {
	let succeeded = true;
	const sendOne = async (batch: PlannedBatch) => {
		const answer = await send(JsonBody.of(phase.body(columnsOf(batch))), phase.action);
		if (!answer.ok) {
			const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
			const failure: Failure = { kind: 'failed', message: `${phase.phase}: ${describeFailedExchange(answer, authentication)}`, hubspot };
			for (const input of batch.inputs) fail(input, failure);
			succeeded = false;
			return;
		}
		const outcomes = phase.match(batch, takeBody(answer));
		await confirmUnfinished(batch, outcomes, phase.action, send, authentication);
		for (const [input, outcome] of outcomes) {
			if (outcome.kind === 'succeeded') {
				succeed?.(input, outcome.result);
				continue;
			}
			fail(input, { ...outcome, message: `${phase.phase}: ${outcome.message}` });
			succeeded = false;
		}
	};
	let next = 0;
	const worker = async () => {
		while ((succeeded || keepGoing) && next < batches.length) await sendOne(batches[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
	return succeeded;
}

/** Where each input of a step's batches would go: request `batch` of `of` (shown by a dry run). */
export function plannedRequests(batches: PlannedBatch[], path: string): Map<PlannedInput, IDataObject> {
	return new Map(batches.flatMap((batch, index) => batch.inputs.map((input) => [input, { method: 'POST', path, batch: index + 1, of: batches.length }])));
}
