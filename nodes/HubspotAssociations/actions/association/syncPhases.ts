import type { IDataObject } from 'n8n-workflow';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { InputOutcome, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse, matchBatchResponse, NO_RESULTS } from '../../helpers/matching';
import { archiveBody, batchCreateBody } from '../../helpers/planning';
import type { Authentication, HubSpotAnswer } from '../../transport';
import type { SendToDirection } from '../batchRunner';

export type Failure = Extract<InputOutcome<never>, { kind: 'failed' }>;

/** One write phase of a sync: its endpoint, body and how its answer names the failed inputs. */
export interface SyncPhase {
	action: string;
	/** How a failure of this phase reads in the item's error: "…: <phase>: <HubSpot's reason>". */
	phase: string;
	body(batch: PlannedBatch): IDataObject;
	match(batch: PlannedBatch, body: unknown): Map<PlannedInput, InputOutcome<unknown>>;
}

export const createPhase: SyncPhase = {
	action: 'batch/create',
	phase: 'setting its types',
	body: batchCreateBody,
	match: (batch, body) => matchBatchCreateResponse(batch, body as Parameters<typeof matchBatchCreateResponse>[1]),
};

export const labelsArchivePhase: SyncPhase = {
	action: 'batch/labels/archive',
	phase: 'removing the types not asked for',
	body: batchCreateBody,
	match: (batch, body) => matchBatchResponse(batch, body as { errors?: [] } | undefined, NO_RESULTS),
};

export const archivePhase: SyncPhase = {
	action: 'batch/archive',
	phase: 'removing the pair the input does not list',
	body: archiveBody,
	match: (batch, body) => matchBatchResponse(batch, body as { errors?: [] } | undefined, NO_RESULTS),
};

/** The failure of every input of a request HubSpot refused as a whole. */
export function failedAnswer(answer: Extract<HubSpotAnswer, { ok: false }>, authentication: Authentication, phase: string): Failure {
	const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
	return { kind: 'failed', message: `${phase}: ${describeFailedExchange(answer, authentication)}`, hubspot };
}

/**
 * Sends a phase's batches in order and hands every failed input to `fail`. Without
 * `keepGoing` it sends nothing more once a request had a failure. Returns whether all succeeded.
 */
export async function sendPhase(
	phase: SyncPhase,
	batches: PlannedBatch[],
	{ send, authentication, keepGoing }: { send: SendToDirection; authentication: Authentication; keepGoing: boolean },
	fail: (input: PlannedInput, failure: Failure) => void,
): Promise<boolean> {
	let succeeded = true;
	for (const batch of batches) {
		const answer = await send(phase.body(batch), phase.action);
		if (!answer.ok) {
			const failure = failedAnswer(answer, authentication, phase.phase);
			for (const input of batch.inputs) fail(input, failure);
			succeeded = false;
		} else {
			for (const [input, outcome] of phase.match(batch, answer.body)) {
				if (outcome.kind !== 'failed') continue;
				fail(input, { ...outcome, message: `${phase.phase}: ${outcome.message}` });
				succeeded = false;
			}
		}
		if (!succeeded && !keepGoing) break;
	}
	return succeeded;
}
