import { textIn } from '../../helpers/answerShapes';
import { isNoAssociationsError, type AssociationPage } from '../../helpers/associationReads';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { HubSpotBatchError, PlannedBatch } from '../../helpers/interfaces';
import { errorInfo, idsNamedByError } from '../../helpers/matching';
import { RecordReads, type PageRequest, type RecordRead } from '../../helpers/recordReads';
import { takeBody, type Authentication, type HubSpotAnswer } from '../../transport';
import { dispatchBatches, type RequestSlots } from '../batchDispatch';
import type { SendToDirection } from '../batchRunner';

/** HubSpot's cap on batch/read inputs. */
export const READ_MAX_INPUTS = 1000;

export type ReadAssociations = { failed: Extract<HubSpotAnswer, { ok: false }> } | { reads: Map<string, RecordRead> };

/**
 * Reads every association of the batch's from-records in its direction through `batch/read`,
 * following each record's paging cursor: one outcome per record, complete or failed (see
 * `RecordReads`). Only when the first request fails for every record is the batch failed whole.
 * With `slots`, the requests of a round go out at once under the run's limit; without, one at a time.
 * `onRecordRead` hears each record's outcome as soon as it is known (a failed whole batch aside).
 */
export async function readAssociations(
	send: SendToDirection,
	batch: PlannedBatch,
	authentication: Authentication,
	slots?: RequestSlots,
	onRecordRead?: (fromObjectId: string, read: RecordRead) => void,
): Promise<ReadAssociations> {
	const reads = new RecordReads(
		{
			idsNamed: (error) => idsNamedByError(error, batch).flatMap(({ id, side }) => (side === 'to' ? [] : [id])),
			isNoAssociations: isNoAssociationsError,
			failureOf: (error: HubSpotBatchError) => ({ kind: 'failed', message: textIn(error.message) ?? 'HubSpot gave no reason', hubspot: errorInfo(error) }),
		},
		onRecordRead,
	);
	let pending: PageRequest[] = [...new Set(batch.inputs.map((input) => input.fromObjectId))].map((id) => ({ id }));
	let first = true;
	while (pending.length > 0) {
		// One round: the first pages of every record, then the pages their answers point to.
		const requests: PageRequest[][] = [];
		for (let start = 0; start < pending.length; start += READ_MAX_INPUTS) requests.push(pending.slice(start, start + READ_MAX_INPUTS));
		pending = [];
		let failedWhole: Extract<HubSpotAnswer, { ok: false }> | undefined;
		const readOne = async (index: number) => {
			const inputs = requests[index];
			const answer = await send({ inputs: inputs.map(({ id, after }) => (after === undefined ? { id } : { id, after })) }, 'batch/read');
			if (!answer.ok) {
				if (first && requests.length === 1) {
					failedWhole = answer;
					return;
				}
				const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
				reads.fail(inputs, { kind: 'failed', message: describeFailedExchange(answer, authentication), ...(hubspot ? { hubspot } : {}) });
			} else {
				const body = takeBody(answer) as { results?: AssociationPage[]; errors?: HubSpotBatchError[] } | undefined;
				pending.push(...reads.answer(inputs, body));
			}
		};
		if (slots) {
			// Reads change nothing: they only share the run's limit, each its own records.
			const reading = requests.map((inputs) => ({ fromPathType: batch.fromPathType, toPathType: batch.toPathType, fromObjectIds: inputs.map(({ id }) => id), toObjectIds: [] }));
			await dispatchBatches(reading, slots, readOne);
		} else for (let index = 0; index < requests.length; index++) await readOne(index);
		if (failedWhole) return { failed: failedWhole };
		first = false;
	}
	return { reads: reads.outcomes };
}
