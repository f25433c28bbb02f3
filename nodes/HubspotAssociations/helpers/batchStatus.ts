import type { InputOutcome, PlannedInput } from './interfaces';

/**
 * What a batch answer's `status` says (HubSpot documents COMPLETE, CANCELED, PENDING and
 * PROCESSING); a 204, or a body without one, is a finished batch.
 */
export function batchStatusOf(body: unknown): string {
	const status = (body as { status?: unknown } | undefined)?.status;
	if (status === undefined || status === null) return 'COMPLETE';
	// A status that is not text says nothing finished: what it did is told by a read.
	return typeof status === 'string' ? status.toUpperCase() : 'UNREADABLE';
}

export const canceledMessage = 'HubSpot answered the batch with status CANCELED, so nothing of it is reported done: send the item again';

export const unfinishedReadMessage = (status: string) => `HubSpot answered the read with status ${status}, so what it lists of this record may not be all it holds`;

export const notConfirmedMessage = (status: string) => `HubSpot answered the batch with status ${status} and a read did not confirm this pair`;

/**
 * A result is a promise only when the batch COMPLETEd. Of a CANCELED batch no input is reported
 * done; of one still PENDING or PROCESSING (or with a status HubSpot does not document) each
 * input waits for a read to confirm it, and fails as not confirmed until one does. An input the
 * answer names nowhere is one of these too: a batch not run yet has no results to give.
 */
export function holdUnfinished<R>(outcomes: Map<PlannedInput, InputOutcome<R>>, status: string): void {
	if (status === 'COMPLETE') return;
	for (const [input, outcome] of outcomes) {
		if (outcome.kind !== 'succeeded' && !outcome.unanswered) continue;
		if (status === 'CANCELED') outcomes.set(input, { kind: 'failed', message: canceledMessage });
		else outcomes.set(input, { kind: 'failed', message: notConfirmedMessage(status), unconfirmed: status });
	}
}
