import { contextValues, errorsIn, listIn, textIn } from './answerShapes';
import { batchStatusOf, holdUnfinished } from './batchStatus';
import { knownObjectTypeId, objectTypeName } from './objectTypes';
import { pairKey } from './planning';
import type {
	AssociationSpec,
	BatchCreateResponse,
	HubSpotBatchError,
	HubSpotErrorInfo,
	InputOutcome,
	LabelsBetweenObjectPair,
	PlannedBatch,
	PlannedInput,
} from './interfaces';

// A run of digits that is not part of a type id such as "0-1" or "2-123".
const ID_RUN = /(?<![\d-])\d+(?![\d-])/g;
// "CONTACT=38374264688 is not valid": HubSpot's way of naming a record with its type.
const TYPED_ID = /\b([A-Z][A-Z_]*)=(\d+)/g;

type Side = 'from' | 'to';

interface NamedId {
	id: string;
	side?: Side;
}

/** HubSpot's upper-case singular name of a type in error messages: "CONTACT", "LINE_ITEM". */
function singular(pathType: string): string {
	const name = objectTypeName(pathType) ?? pathType;
	return name.replace(/ies$/, 'y').replace(/s$/, '').toUpperCase();
}

function contextStrings(error: HubSpotBatchError): string[] {
	return [error.context, ...errorsIn(error.errors).map((nested) => nested.context)].flatMap(contextValues);
}

/** `objectId` listed with `objectType` beside it, one type per id, in a context of an error: each id with its type. */
function typedContextIds(error: HubSpotBatchError): Array<{ id: string; typeName: string }> {
	return [error.context, ...errorsIn(error.errors).map((nested) => nested.context)].flatMap((context) => {
		const ids = context?.objectId;
		const types = context?.objectType;
		if (!Array.isArray(ids) || !Array.isArray(types) || ids.length !== types.length) return [];
		return ids.map((id, at) => ({ id: String(id), typeName: String(types[at]).toUpperCase() }));
	});
}

/**
 * The record ids an error names. HubSpot documents no keys for association errors, so ids
 * are read from every `context` value (and, failing that, from the messages); a
 * "TYPE=id" mention, in the context or the message, or an `objectType` beside `objectId`, also
 * says which side of the pair the id is on.
 */
export function idsNamedByError(error: HubSpotBatchError, batch: Pick<PlannedBatch, 'fromPathType' | 'toPathType'>): NamedId[] {
	const sideOf = (typeName: string): Side | undefined => {
		const fromName = singular(batch.fromPathType);
		const toName = singular(batch.toPathType);
		if (fromName === toName) return undefined;
		if (typeName === fromName) return 'from';
		if (typeName === toName) return 'to';
		return undefined;
	};
	const read = (texts: string[]): NamedId[] => {
		const named: NamedId[] = [];
		for (const text of texts) {
			const typed = new Set<string>();
			for (const [, typeName, id] of text.matchAll(TYPED_ID)) {
				named.push({ id, side: sideOf(typeName) });
				typed.add(id);
			}
			for (const [id] of text.matchAll(ID_RUN)) if (!typed.has(id)) named.push({ id });
		}
		// HubSpot lists the id bare too ("objectId": ["5"] beside "CONTACT=5"): the typed mention decides its side.
		const sided = new Set(named.filter(({ side }) => side).map(({ id }) => id));
		return named.filter(({ id, side }) => side || !sided.has(id));
	};
	const messages = [textIn(error.message) ?? '', ...errorsIn(error.errors).map((nested) => textIn(nested.message) ?? '')];
	const fromContext = read(contextStrings(error));
	const named = fromContext.length > 0 ? fromContext : read(messages);
	// A bare id takes its side from where the error types it elsewhere: an id both sides of a batch hold fails only its own side's pairs.
	const sided = [...read(messages), ...typedContextIds(error).map(({ id, typeName }) => ({ id, side: sideOf(typeName) }))].filter(({ side }) => side);
	return named.flatMap((entry) => {
		if (entry.side) return [entry];
		const sides = sided.filter(({ id }) => id === entry.id);
		return sides.length > 0 ? sides : [entry];
	});
}

function inputsNamedBy(named: NamedId[], inputs: PlannedInput[]): PlannedInput[] {
	return inputs.filter((input) =>
		named.some(
			({ id, side }) =>
				(side !== 'to' && id === input.fromObjectId) || (side !== 'from' && id === input.toObjectId),
		),
	);
}

/** What an item's output keeps of a HubSpot error. */
export function errorInfo(error: HubSpotBatchError | HubSpotErrorInfo, correlationId?: string): HubSpotErrorInfo {
	const info: HubSpotErrorInfo = {};
	if (error.status !== undefined) info.status = error.status as string;
	if (typeof error.category === 'string') info.category = error.category;
	if (typeof error.subCategory === 'string') info.subCategory = error.subCategory;
	if (typeof error.message === 'string') info.message = error.message;
	const correlation = (error as HubSpotErrorInfo).correlationId ?? correlationId;
	if (correlation) info.correlationId = correlation;
	if (error.context && typeof error.context === 'object') info.context = error.context;
	const policyName = (error as HubSpotErrorInfo).policyName;
	if (typeof policyName === 'string') info.policyName = policyName;
	return info;
}

/** How an endpoint's `results` name the pair each answers for. */
export interface ResultReader<R> {
	pairOf(result: R): { fromObjectId: string; toObjectId: string } | undefined;
	/** Whether a result is of the batch's own direction; `isInput` tells the pairs the batch asked for. */
	inDirection?(result: R, batch: PlannedBatch, isInput: (fromObjectId: string, toObjectId: string) => boolean): boolean;
	/** Folds two results for one pair (HubSpot may answer a pair more than once). */
	merge(existing: R, result: R): R;
}

/** Endpoints that answer 204, or 200 without per-pair results: a pair no error names succeeded. */
export const NO_RESULTS = 'noResults';

/**
 * Pairs a 2xx batch answer with the batch's inputs. Results are matched by
 * (fromObjectId, toObjectId) in the batch's own direction, never by position; each error goes to
 * the inputs whose ids it names; an input answered by neither fails with the batch's unattributed
 * errors. Only a batch whose status is COMPLETE reports an input done (`holdUnfinished`).
 */
export function matchBatchResponse<R>(
	batch: PlannedBatch,
	body: { status?: string; results?: R[]; errors?: HubSpotBatchError[] } | undefined,
	reader: ResultReader<R> | typeof NO_RESULTS,
): Map<PlannedInput, InputOutcome<R>> {
	const outcomes = new Map<PlannedInput, InputOutcome<R>>();
	if (reader !== NO_RESULTS) {
		const resultsByPair = new Map<string, R>();
		const inputKeys = reader.inDirection ? new Set(batch.inputs.map((input) => pairKey(input.fromObjectId, input.toObjectId))) : undefined;
		const isInput = (fromObjectId: string, toObjectId: string) => inputKeys?.has(pairKey(fromObjectId, toObjectId)) === true;
		for (const result of listIn<R>(body?.results)) {
			const pair = result ? reader.pairOf(result) : undefined;
			if (!pair || (reader.inDirection && !reader.inDirection(result, batch, isInput))) continue;
			const key = pairKey(String(pair.fromObjectId), String(pair.toObjectId));
			const existing = resultsByPair.get(key);
			resultsByPair.set(key, existing === undefined ? result : reader.merge(existing, result));
		}
		for (const input of batch.inputs) {
			const result = resultsByPair.get(pairKey(input.fromObjectId, input.toObjectId));
			if (result !== undefined) outcomes.set(input, { kind: 'succeeded', result });
		}
	}

	const unanswered = batch.inputs.filter((input) => !outcomes.has(input));
	const unattributed: HubSpotBatchError[] = [];
	for (const error of errorsIn(body?.errors)) {
		const ids = idsNamedByError(error, batch);
		const named = inputsNamedBy(ids, unanswered);
		// An error about a pair that got its result anyway is attributed: it says nothing about the others.
		if (inputsNamedBy(ids, batch.inputs).length === 0) unattributed.push(error);
		for (const input of named) {
			if (outcomes.has(input)) continue;
			outcomes.set(input, { kind: 'failed', message: textIn(error.message) ?? 'HubSpot rejected this pair', hubspot: errorInfo(error) });
		}
	}

	// Results that are not a list: an answer this node cannot read says nothing done, whatever the endpoint.
	const unreadable = body?.results !== undefined && body.results !== null && !Array.isArray(body.results);
	for (const input of unanswered) {
		if (outcomes.has(input)) continue;
		if (unreadable) {
			outcomes.set(input, { kind: 'failed', message: 'HubSpot answered the batch with results that are not a list, so what it did with this pair is not known', unanswered: true });
		} else if (reader === NO_RESULTS && unattributed.length === 0) {
			outcomes.set(input, { kind: 'succeeded', result: undefined as R });
		} else if (unattributed.length > 0) {
			const messages = [...new Set(unattributed.map((error) => textIn(error.message) ?? textIn(error.category) ?? 'an error without a message'))];
			outcomes.set(input, {
				kind: 'failed',
				message: `HubSpot did not accept this pair and named no record for its errors: ${messages.join('; ')}`,
				hubspot: errorInfo(unattributed[0]),
			});
		} else {
			outcomes.set(input, {
				kind: 'failed',
				message: 'HubSpot answered the batch without a result or an error for this pair, so it may not have been created',
				unanswered: true,
			});
		}
	}
	holdUnfinished(outcomes, batchStatusOf(body));
	return outcomes;
}

/** A type id of a result against the batch's path type; a path HubSpot names otherwise (a custom object's full name) cannot be told apart. */
function sameObjectType(typeId: string | undefined, pathType: string): boolean {
	const known = knownObjectTypeId(pathType);
	return typeId === undefined || known === undefined || String(typeId) === known;
}

const sameTypeBothWays = (batch: PlannedBatch) => (knownObjectTypeId(batch.fromPathType) ?? batch.fromPathType) === (knownObjectTypeId(batch.toPathType) ?? batch.toPathType);

const labelsBetweenObjectPair: ResultReader<LabelsBetweenObjectPair> = {
	// A result whose labels are not a list cannot say what the pair holds: it names no pair.
	pairOf: (result) =>
		result.fromObjectId === undefined || result.toObjectId === undefined || (result.labels != null && !Array.isArray(result.labels))
			? undefined
			: { fromObjectId: String(result.fromObjectId), toObjectId: String(result.toObjectId) },
	inDirection: (result, batch) => sameObjectType(result.fromObjectTypeId, batch.fromPathType) && sameObjectType(result.toObjectTypeId, batch.toPathType),
	merge: (existing, result) => ({
		...existing,
		labels: [...new Set([...(existing.labels ?? []), ...(result.labels ?? [])])],
	}),
};

/** Pairs a 2xx batch/create answer (200, 201 or 207) with the batch's inputs. */
export function matchBatchCreateResponse(batch: PlannedBatch, body: BatchCreateResponse | undefined) {
	const outcomes = matchBatchResponse(batch, body, labelsBetweenObjectPair);
	// A result without labels has none.
	for (const outcome of outcomes.values()) {
		if (outcome.kind === 'succeeded') outcome.result.labels ??= [];
	}
	return outcomes;
}

/** `PublicDefaultAssociation`, with the specs of every result HubSpot gave for the pair. */
export interface DefaultAssociationResult {
	from?: { id?: string };
	to?: { id?: string };
	associationSpec?: AssociationSpec;
	associationSpecs?: AssociationSpec[];
}

const specsOf = (result: DefaultAssociationResult) => result.associationSpecs ?? (result.associationSpec ? [result.associationSpec] : []);

const isSpec = (spec: unknown) => typeof spec === 'object' && spec !== null;
const readableSpecs = ({ associationSpecs, associationSpec }: DefaultAssociationResult) =>
	(associationSpecs == null || (Array.isArray(associationSpecs) && associationSpecs.every(isSpec))) && (associationSpec == null || isSpec(associationSpec));

export const defaultAssociationResults: ResultReader<DefaultAssociationResult> = {
	// A result whose specs are not a list of specs cannot say what the pair holds: it names no pair.
	pairOf: (result) =>
		result.from?.id === undefined || result.to?.id === undefined || !readableSpecs(result)
			? undefined
			: { fromObjectId: String(result.from.id), toObjectId: String(result.to.id) },
	// HubSpot answers each pair in both directions and names no object type: a result whose mirror the batch also asked
	// for could be that pair's other direction, so it is not read as this pair's own (the plan keeps mirrors apart).
	// A pair of one id on both sides (contact 5 → company 5) is the only input either of its results can be.
	inDirection: (result, batch, isInput) =>
		sameTypeBothWays(batch) || String(result.from?.id) === String(result.to?.id) || !isInput(String(result.to?.id), String(result.from?.id)),
	merge: (existing, result) => ({ ...existing, associationSpecs: [...specsOf(existing), ...specsOf(result)] }),
};

/** The association types a default-association result reports for its pair. */
export function defaultAssociationTypes(result: DefaultAssociationResult): AssociationSpec[] {
	return specsOf(result).map(({ associationCategory, associationTypeId }) => ({ associationCategory, associationTypeId }));
}
