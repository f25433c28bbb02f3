import type { AssociatedRecord } from '../../helpers/associationReads';
import { isPrimaryType, primaryHolder } from '../../helpers/associationLabels';
import { withExistingTypes } from '../../helpers/existingTypes';
import type { AssociationSpec, InputOutcome, LabelsBetweenObjectPair, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, columnsOf } from '../../helpers/planning';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import { JsonBody, takeBody, type Authentication } from '../../transport';
import type { BatchExchange, SendToDirection } from '../batchRunner';
import { confirmUnfinished } from '../writeConfirmation';
import { readAssociations } from './readAssociations';

type Outcome = BatchExchange<LabelsBetweenObjectPair>;
type Written = Extract<Outcome, { outcomes: unknown }>;

const specKey = (category: string, typeId: number) => `${category}:${typeId}`;
const holds = (records: AssociatedRecord[] | undefined, toObjectId: string | undefined, spec: AssociationSpec) =>
	(records ?? []).some(
		(record) => (toObjectId === undefined || String(record.toObjectId) === toObjectId) && (record.associationTypes ?? []).some((type) => specKey(type.category, type.typeId) === specKey(spec.associationCategory, spec.associationTypeId)),
	);

/**
 * Batch Create with Keep Existing Labels: each pair's current types are read and sent along with
 * the asked ones, so HubSpot's replace keeps them. Two things it must not undo:
 * - a primary type another input of the batch moves to another pair of the record holding it
 *   (HubSpot holds one per record: a contact's primary company is held by the contact, on the
 *   from side of contact→company and the to side of company→contact): the old pair's copy is held
 *   back, and given back if the move failed;
 * - another write to the same pair between this run's read and its write: the pairs are read
 *   again after the write, and a pair that lost an asked type is written once more with what it
 *   now holds (its own asked types only; what another run removed stays removed).
 * A move in another batch needs neither: a later batch reads the moved primary, an earlier one's
 * copy is moved by HubSpot when the later batch asks for it.
 * A pair whose from-record could not be read completely is not written: its labels are unknown,
 * and a create would replace them.
 */
export async function createKeepingExisting(batch: PlannedBatch, send: SendToDirection, authentication: Authentication): Promise<Outcome> {
	const read = await readAssociations(send, batch, authentication);
	if ('failed' in read) return read;
	const unread = new Map<PlannedInput, InputOutcome<LabelsBetweenObjectPair>>();
	const heldBack = new Map<PlannedInput, AssociationSpec[]>();
	const readable = batch.inputs.filter((input) => {
		const current = read.reads.get(input.fromObjectId)!;
		if (current.kind === 'read') return true;
		unread.set(input, { ...current, message: `reading its current labels (Keep Existing Labels), nothing was written: ${current.message}` });
		return false;
	});
	// Only inputs that will be written can move a primary away.
	const sending: PlannedBatch = { ...batch, inputs: readable };
	const merged = readable.map((input) => {
		const records = read.reads.get(input.fromObjectId)!;
		const current = (records.kind === 'read' ? records.associations : []).find((record) => String(record.toObjectId) === input.toObjectId);
		const types = withExistingTypes(input.types, current && [current], input.toObjectId);
		const withheld = types.slice(input.types.length).filter((spec) => isMovedAway(sending, input, spec));
		const sent = { ...input, types: types.filter((spec) => !withheld.includes(spec)) };
		if (withheld.length > 0) heldBack.set(sent, withheld);
		return sent;
	});
	const written = merged.length > 0 ? await create(batch, merged, send, authentication) : { outcomes: new Map<PlannedInput, InputOutcome<LabelsBetweenObjectPair>>(), readBack: undefined };
	if ('failed' in written) {
		if (unread.size === 0) return written;
		return { outcomes: new Map([...unread, ...merged.map((input) => [input, failedWrite(written.failed, authentication)] as const)]) };
	}
	for (const [input, outcome] of unread) written.outcomes.set(input, outcome);

	// A held-back primary goes back to its pair when no input moving it was written (one HubSpot has not finished may still move it): told by the write's answers, not by a read that may fail.
	const notWritten = (mover: PlannedInput) => {
		const outcome = written.outcomes.get(merged[readable.indexOf(mover)]);
		return outcome?.kind === 'failed' && outcome.unconfirmed === undefined;
	};
	const giveBack = new Map<PlannedInput, AssociationSpec[]>();
	for (const [input, withheld] of heldBack) {
		const back = withheld.filter((spec) => movers(sending, readable[merged.indexOf(input)], spec).every(notWritten));
		if (back.length > 0) giveBack.set(input, back);
	}
	// A pair the read settling a PENDING answer showed written was read after the write already: no second read for it.
	const succeeded = merged.filter((input) => written.outcomes.get(input)?.kind === 'succeeded' && !(written.readBack?.has(input) && !giveBack.has(input)));
	const check = succeeded.length > 0 ? await readAssociations(send, { ...batch, inputs: succeeded }, authentication) : undefined;
	const reasons = new Map<PlannedInput, string>();
	const again = succeeded.flatMap((input) => {
		const original = readable[merged.indexOf(input)];
		const back = giveBack.get(input) ?? [];
		const giveBackReason = `its labels were written, but giving back the primary type another item was to move failed`;
		const checked = check && !('failed' in check) ? check.reads.get(input.fromObjectId) : undefined;
		// A record the check could not read keeps the first answer; a primary to give back goes with the types the first read showed.
		if (!checked || checked.kind !== 'read') {
			if (back.length === 0) return [];
			const withBack = { ...input, types: [...input.types, ...back] };
			reasons.set(withBack, giveBackReason);
			return [withBack];
		}
		const records = checked.associations;
		// A primary type another input of the batch asks for may rightly have moved there.
		const lost = original.types.filter((spec) => !isMovedAway(sending, original, spec) && !holds(records, input.toObjectId, spec));
		// Not given back where the check shows the record holding it elsewhere (another write set it meanwhile).
		const unmoved = back.filter((spec) => !holds(records, primaryHolder(spec.associationTypeId) === 'from' ? undefined : input.toObjectId, spec));
		if (lost.length === 0 && unmoved.length === 0) return [];
		const rewrite = { ...input, types: withExistingTypes([...original.types, ...unmoved], records, input.toObjectId) };
		reasons.set(rewrite, lost.length > 0 ? 'its labels were written, but a read right after showed another write had replaced them, and writing them again failed' : giveBackReason);
		return [rewrite];
	});
	return again.length > 0 ? await writeAgain(batch, written, merged, again, reasons, send, authentication) : written;
}

/** The other inputs of the batch that ask for this primary type on another pair of the record holding it. */
function movers(batch: PlannedBatch, input: PlannedInput, spec: AssociationSpec): PlannedInput[] {
	if (!isPrimaryType({ category: spec.associationCategory, typeId: spec.associationTypeId })) return [];
	const key = specKey(spec.associationCategory, spec.associationTypeId);
	const byTo = primaryHolder(spec.associationTypeId) === 'to';
	const sameHolder = (other: PlannedInput) =>
		byTo ? other.toObjectId === input.toObjectId && other.fromObjectId !== input.fromObjectId : other.fromObjectId === input.fromObjectId && other.toObjectId !== input.toObjectId;
	return batch.inputs.filter((other) => sameHolder(other) && other.types.some((asked) => specKey(asked.associationCategory, asked.associationTypeId) === key));
}

const isMovedAway = (batch: PlannedBatch, input: PlannedInput, spec: AssociationSpec) => movers(batch, input, spec).length > 0;

/**
 * The second write of the pairs the check found short, or given back a primary; its answers stand
 * for theirs. When it fails as a whole they fail too, each saying why: the first answer is no longer true.
 */
async function writeAgain(
	batch: PlannedBatch,
	written: Written,
	merged: PlannedInput[],
	again: PlannedInput[],
	reasons: Map<PlannedInput, string>,
	send: SendToDirection,
	authentication: Authentication,
): Promise<Outcome> {
	const rewritten = await create(batch, again, send, authentication);
	for (const input of again) written.outcomes.delete(merged.find((candidate) => candidate.itemIndexes === input.itemIndexes)!);
	if ('failed' in rewritten) {
		const failure = failedWrite(rewritten.failed, authentication);
		for (const input of again) written.outcomes.set(input, { ...failure, message: `${reasons.get(input)}: ${failure.message}` });
		return written;
	}
	for (const [input, outcome] of rewritten.outcomes) written.outcomes.set(input, outcome);
	return written;
}

/** `readBack`: the inputs a read after the write confirmed (their batch was answered PENDING or PROCESSING). */
async function create(batch: PlannedBatch, inputs: PlannedInput[], send: SendToDirection, authentication: Authentication): Promise<Written & { readBack?: Set<PlannedInput> } | Extract<Outcome, { failed: unknown }>> {
	const planned: PlannedBatch = { ...batch, inputs };
	const answer = await send(JsonBody.of(batchCreateBody(columnsOf(planned))));
	if (!answer.ok) return { failed: answer };
	const outcomes = matchBatchCreateResponse(planned, takeBody(answer) as never) as Map<PlannedInput, InputOutcome<LabelsBetweenObjectPair>>;
	const unfinished = [...outcomes].flatMap(([input, outcome]) => (outcome.kind === 'failed' && outcome.unconfirmed !== undefined ? [input] : []));
	// A batch HubSpot answered PENDING or PROCESSING is settled by what it then holds.
	await confirmUnfinished(planned, outcomes as Map<PlannedInput, InputOutcome<unknown>>, 'batch/create', send, authentication);
	return { outcomes, readBack: new Set(unfinished.filter((input) => outcomes.get(input)?.kind === 'succeeded')) };
}

/** The outcome of an input whose create request failed as a whole, beside inputs that were never sent. */
function failedWrite(failed: Extract<Outcome, { failed: unknown }>['failed'], authentication: Authentication): Extract<InputOutcome<LabelsBetweenObjectPair>, { kind: 'failed' }> {
	const hubspot = failed.hubspot && { ...failed.hubspot, status: failed.statusCode ?? failed.hubspot.status };
	return { kind: 'failed', message: describeFailedExchange(failed, authentication), ...(hubspot ? { hubspot } : {}) };
}
