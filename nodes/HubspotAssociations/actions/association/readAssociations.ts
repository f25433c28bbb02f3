import { isNoAssociationsError, type AssociationPage } from '../../helpers/associationReads';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { HubSpotBatchError, PlannedBatch } from '../../helpers/interfaces';
import { errorInfo, idsNamedByError } from '../../helpers/matching';
import { RecordReads, type PageRequest, type RecordRead } from '../../helpers/recordReads';
import { takeBody, type Authentication, type HubSpotAnswer } from '../../transport';
import type { SendToDirection } from '../batchRunner';

/** HubSpot's cap on batch/read inputs. */
export const READ_MAX_INPUTS = 1000;

export type ReadAssociations = { failed: Extract<HubSpotAnswer, { ok: false }> } | { reads: Map<string, RecordRead> };

/**
 * Reads every association of the batch's from-records in its direction through `batch/read`,
 * following each record's paging cursor: one outcome per record, complete or failed (see
 * `RecordReads`). Only when the first request fails for every record is the batch failed whole.
 */
export async function readAssociations(send: SendToDirection, batch: PlannedBatch, authentication: Authentication): Promise<ReadAssociations> {
	const reads = new RecordReads({
		idsNamed: (error) => idsNamedByError(error, batch).flatMap(({ id, side }) => (side === 'to' ? [] : [id])),
		isNoAssociations: isNoAssociationsError,
		failureOf: (error: HubSpotBatchError) => ({ kind: 'failed', message: error.message ?? 'HubSpot gave no reason', hubspot: errorInfo(error) }),
	});
	let pending: PageRequest[] = [...new Set(batch.inputs.map((input) => input.fromObjectId))].map((id) => ({ id }));
	let first = true;
	while (pending.length > 0) {
		const inputs = pending.slice(0, READ_MAX_INPUTS);
		const answer = await send({ inputs: inputs.map(({ id, after }) => (after === undefined ? { id } : { id, after })) }, 'batch/read');
		pending = pending.slice(READ_MAX_INPUTS);
		if (!answer.ok) {
			if (first && pending.length === 0) return { failed: answer };
			const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
			reads.fail(inputs, { kind: 'failed', message: describeFailedExchange(answer, authentication), ...(hubspot ? { hubspot } : {}) });
		} else {
			const body = takeBody(answer) as { results?: AssociationPage[]; errors?: HubSpotBatchError[] } | undefined;
			pending.push(...reads.answer(inputs, body));
		}
		first = false;
	}
	return { reads: reads.outcomes };
}
