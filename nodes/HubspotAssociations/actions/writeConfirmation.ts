import type { InputOutcome, PlannedBatch, PlannedInput } from '../helpers/interfaces';
import { confirmedResult, typesHeld } from '../helpers/writeChecks';
import { readAssociations } from './association/readAssociations';
import type { Authentication } from '../transport';
import type { SendToDirection } from './batchRunner';

/**
 * Settles the inputs of a batch HubSpot answered as still PENDING or PROCESSING by what it holds
 * afterwards: one `batch/read` of their from-records (1,000 a request, never one per item). A
 * pair the read shows as written is reported done, with the result built from the read; the
 * others keep failing as not confirmed.
 */
export async function confirmUnfinished(
	batch: PlannedBatch,
	outcomes: Map<PlannedInput, InputOutcome<unknown>>,
	action: string,
	send: SendToDirection,
	authentication: Authentication,
): Promise<void> {
	const waiting = [...outcomes].filter((entry): entry is [PlannedInput, Extract<InputOutcome<unknown>, { kind: 'failed' }>] => entry[1].kind === 'failed' && entry[1].unconfirmed !== undefined);
	if (waiting.length === 0) return;
	const read = await readAssociations(send, { ...batch, inputs: waiting.map(([input]) => input) }, authentication);
	if ('failed' in read) {
		for (const [input, outcome] of waiting) outcomes.set(input, { ...outcome, message: `${outcome.message} (the read to confirm it was answered ${read.failed.statusCode ?? 'with no answer'})` });
		return;
	}
	for (const [input, outcome] of waiting) {
		const current = read.reads.get(input.fromObjectId);
		if (!current || current.kind === 'failed') {
			outcomes.set(input, { ...outcome, message: `${outcome.message} (the read to confirm it failed: ${current?.message ?? 'no answer'})` });
			continue;
		}
		const confirmed = confirmedResult(action, batch, input, typesHeld(current.associations, input.toObjectId), current.associations.some((record) => String(record.toObjectId) === input.toObjectId));
		if (confirmed) outcomes.set(input, { kind: 'succeeded', result: confirmed.result });
	}
}
