import { listIn } from '../helpers/answerShapes';
import type { AssociationLabel } from '../helpers/associationLabels';
import { createdLabelTypes, findLabel } from '../helpers/labelNames';
import { mayHaveBeenApplied } from '../helpers/retryPolicy';
import type { HubSpotRequest } from '../transport';
import type { CreatedLabel, FailedAnswer, LabelDirectory } from './labelDirectory';

/*
 * A label's create and delete are not idempotent: sent again after HubSpot applied them, a create
 * meets "already exists" and a delete 404. After an answer HubSpot may have applied anyway (5xx, a
 * reset, a malformed answer) the direction's labels are read again before the write is sent again
 * (with the client's retries, never with Max Retries 0) or failed.
 */

type Found = Exclude<CreatedLabel, { failed: FailedAnswer }>;

/** Whether HubSpot may have applied a write whose answer failed, on this attempt or an earlier one. */
function mayHaveApplied(answer: FailedAnswer): boolean {
	return answer.attempts > 1 || mayHaveBeenApplied(answer);
}

/** A failure HubSpot may have applied, when the labels could not be read to tell. */
function unchecked(failed: FailedAnswer): FailedAnswer {
	const reason = 'whether HubSpot applied it could not be checked: the labels could not be read again';
	return { ...failed, gaveUpReason: failed.gaveUpReason ? `${failed.gaveUpReason}; ${reason}` : reason };
}

/** Creates a label and remembers its types; `acceptExisting`: a label HubSpot refused as already there will do. */
export async function createLabel(
	directory: LabelDirectory,
	fromPathType: string,
	toPathType: string,
	{ label, inverseLabel, acceptExisting }: { label: string; inverseLabel?: string; acceptExisting: boolean },
): Promise<CreatedLabel> {
	const { client } = directory;
	const request: HubSpotRequest = { method: 'POST', path: directory.labelsPath(fromPathType, toPathType), body: directory.createBody(label, inverseLabel) };
	// A label found after an answer HubSpot may have applied is this run's only if it was not there before.
	const before = await directory.known(fromPathType, toPathType);
	const existedBefore = before !== undefined && findLabel(before.filter((candidate) => candidate.category === 'USER_DEFINED'), label) !== undefined;
	let answer = await client.request({ ...request, retryApplied: false });
	let ambiguous = false;
	if (!answer.ok && mayHaveBeenApplied(answer)) {
		ambiguous = true;
		const found = await afterFailedCreate(directory, fromPathType, toPathType, label, answer, !existedBefore);
		if (!('failed' in found) || !found.checked || client.settings.maxRetries === 0) return 'failed' in found ? { failed: found.failed } : found;
		answer = await client.request(request);
	}
	if (!answer.ok) {
		// A plain refusal of a label that existed before is final unless an existing label will do.
		const maybeOurs = (ambiguous || mayHaveApplied(answer)) && !existedBefore;
		if (!maybeOurs && !acceptExisting) return { failed: answer };
		const found = await afterFailedCreate(directory, fromPathType, toPathType, label, answer, maybeOurs);
		return 'failed' in found ? { failed: found.failed } : found;
	}
	const { forward, inverse } = createdLabelTypes(listIn<AssociationLabel>((answer.body as { results?: unknown } | undefined)?.results), label, inverseLabel);
	if (!forward) {
		const { statusCode, headers, attempts } = answer;
		return { failed: { ok: false, statusCode, headers, attempts, hubspot: { message: 'the answer names no type id for the new label' } } };
	}
	await directory.remember(fromPathType, toPathType, forward);
	if (inverse) await directory.remember(toPathType, fromPathType, inverse);
	return { forward, inverse };
}

/** A failed create, and the label it made after all when the labels read again show it; `checked` false when that read failed. */
async function afterFailedCreate(
	directory: LabelDirectory,
	fromPathType: string,
	toPathType: string,
	label: string,
	failed: FailedAnswer,
	maybeOurs: boolean,
): Promise<Found | { failed: FailedAnswer; checked: boolean }> {
	const read = await directory.reread(fromPathType, toPathType);
	if ('failed' in read) return { failed: unchecked(failed), checked: false };
	const forward = findLabel(read.labels.filter((candidate) => candidate.category === 'USER_DEFINED'), label);
	if (!forward) return { failed, checked: true };
	const inverses = await directory.inverses(fromPathType, toPathType);
	const inverse = inverses instanceof Map ? inverses.get(forward.typeId) : undefined;
	return { forward, inverse, found: maybeOurs ? 'ours' : 'existing', refused: failed };
}

/** Deletes a user-defined label (`DELETE .../labels/{typeId}`) and forgets it; a type found gone after a failed answer counts as deleted. */
export async function deleteLabel(directory: LabelDirectory, fromPathType: string, toPathType: string, typeId: number): Promise<{ deleted: true } | { failed: FailedAnswer }> {
	const { client } = directory;
	const request: HubSpotRequest = { method: 'DELETE', path: `${directory.labelsPath(fromPathType, toPathType)}/${typeId}` };
	let answer = await client.request({ ...request, retryApplied: false });
	let held = answer.ok ? 'gone' : await typeHeld(directory, fromPathType, toPathType, typeId);
	// Sent again only when the labels read again show the type still there.
	if (!answer.ok && held === 'there' && mayHaveBeenApplied(answer) && client.settings.maxRetries > 0) {
		answer = await client.request(request);
		held = answer.ok ? 'gone' : await typeHeld(directory, fromPathType, toPathType, typeId);
	}
	if (!answer.ok && held !== 'gone') return { failed: held === 'unknown' ? unchecked(answer) : answer };
	await directory.forget(fromPathType, toPathType, typeId);
	return { deleted: true };
}

async function typeHeld(directory: LabelDirectory, fromPathType: string, toPathType: string, typeId: number): Promise<'gone' | 'there' | 'unknown'> {
	const read = await directory.reread(fromPathType, toPathType);
	if ('failed' in read) return 'unknown';
	return read.labels.some((label) => label.typeId === typeId) ? 'there' : 'gone';
}
