import { gatherPages, isNoAssociationsError, type AssociatedRecord, type AssociationPage } from '../../helpers/associationReads';
import type { HubSpotBatchError } from '../../helpers/interfaces';
import { takeBody, type HubSpotAnswer } from '../../transport';
import type { SendToDirection } from '../batchRunner';

/** HubSpot's cap on batch/read inputs. */
export const READ_MAX_INPUTS = 1000;

export type ReadAssociations =
	| { failed: Extract<HubSpotAnswer, { ok: false }> }
	| { gathered: Map<string, AssociatedRecord[]>; errors: HubSpotBatchError[] };

/**
 * Reads every association of the given from-records in the batch's direction through
 * `batch/read`, following each record's paging cursor. HubSpot's "no associations" errors are
 * dropped: such a record simply has none.
 */
export async function readAssociations(send: SendToDirection, fromObjectIds: string[]): Promise<ReadAssociations> {
	const gathered = new Map<string, AssociatedRecord[]>();
	const errors: HubSpotBatchError[] = [];
	const seenCursors = new Set<string>();
	let pending: Array<{ id: string; after?: string }> = [...new Set(fromObjectIds)].map((id) => ({ id }));
	while (pending.length > 0) {
		const inputs = pending.slice(0, READ_MAX_INPUTS);
		const answer = await send({ inputs }, 'batch/read');
		if (!answer.ok) return { failed: answer };
		const body = takeBody(answer) as { results?: AssociationPage[]; errors?: HubSpotBatchError[] } | undefined;
		for (const error of body?.errors ?? []) {
			if (!isNoAssociationsError(error)) errors.push(error);
		}
		pending = [...pending.slice(READ_MAX_INPUTS), ...gatherPages(gathered, body?.results ?? [], seenCursors)];
	}
	return { gathered, errors };
}
