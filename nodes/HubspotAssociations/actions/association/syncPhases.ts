import type { IDataObject } from 'n8n-workflow';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { InputOutcome, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse, matchBatchResponse, NO_RESULTS } from '../../helpers/matching';
import { archiveBody, batchCreateBody, columnsOf, type BodyColumns } from '../../helpers/planning';
import { JsonBody, takeBody, type Authentication } from '../../transport';
import { dispatchBatches, type RequestSlots } from '../batchDispatch';
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

/** How a sync sends: the runner's `send`, its error setting and the run's limit on requests in flight. */
export interface PhaseSender {
	send: SendToDirection;
	authentication: Authentication;
	/** Continue-on-fail: send every batch whatever fails. */
	keepGoing: boolean;
	slots: RequestSlots;
}

/** One write request of a sync: its step and batch, and where its failed (and answered) inputs go. */
export interface WriteRequest {
	phase: SyncPhase;
	batch: PlannedBatch;
	fail(input: PlannedInput, failure: Failure): void;
	succeed?(input: PlannedInput, result: unknown): void;
}

/** The write requests of `batches`, all of one step, with one place for their failed (and answered) inputs. */
export function writeRequests(phase: SyncPhase, batches: PlannedBatch[], fail: WriteRequest['fail'], succeed?: WriteRequest['succeed']): WriteRequest[] {
	return batches.map((batch) => ({ phase, batch, fail, succeed }));
}

/**
 * Sends write requests under the run's limit, in order, except that one naming a record a request
 * in flight names waits for it (HubSpot locks a record a write changes: 423), and hands every
 * failed input to its request's `fail` (every answered one to `succeed`). Without `keepGoing`,
 * none is started once one had a failure. Returns whether all succeeded.
 */
export async function sendWrites(requests: WriteRequest[], { send, authentication, keepGoing, slots }: PhaseSender): Promise<boolean> {
	let succeeded = true;
	const sendOne = async (index: number) => {
		const { phase, batch, fail, succeed } = requests[index];
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
	const records = requests.map(({ batch }) => ({ ...batch, ...columnsOf(batch) }));
	await dispatchBatches(records, slots, sendOne, () => !succeeded && !keepGoing);
	return succeeded;
}

/** Where each input of a step's batches would go: request `batch` of `of` (shown by a dry run). */
export function plannedRequests(batches: PlannedBatch[], path: string): Map<PlannedInput, IDataObject> {
	return new Map(batches.flatMap((batch, index) => batch.inputs.map((input) => [input, { method: 'POST', path, batch: index + 1, of: batches.length }])));
}
