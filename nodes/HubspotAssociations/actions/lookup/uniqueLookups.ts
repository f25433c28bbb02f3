import { errorsIn, listIn, textIn } from '../../helpers/answerShapes';
import type { HubSpotBatchError } from '../../helpers/interfaces';
import type { HubSpotClient } from '../../transport';
import { outcomeOf, runPool, type LookupConcurrency, type ValueOutcome } from './lookupOutcomes';
import type { LookupGroup } from './lookupGroups';

/** HubSpot's cap on inputs of objects batch/read. */
export const OBJECTS_READ_MAX_INPUTS = 100;

interface ObjectsReadAnswer {
	results?: Array<{ id?: string; properties?: Record<string, string | null> }>;
	errors?: HubSpotBatchError[];
}

/**
 * Looks values of a unique property up with objects batch/read (`idProperty`), 100 a request,
 * asking for the property back to tell which record answers which value.
 */
export async function readByUniqueProperty(client: HubSpotClient, group: LookupGroup, concurrency: LookupConcurrency): Promise<Map<string, ValueOutcome>> {
	const outcomes = new Map<string, ValueOutcome>();
	const keys = [...group.values.keys()];
	const path = `/crm/objects/${client.settings.apiVersion}/${encodeURIComponent(group.pathType)}/batch/read`;
	const jobs = [];
	for (let start = 0; start < keys.length; start += OBJECTS_READ_MAX_INPUTS) {
		const chunk = keys.slice(start, start + OBJECTS_READ_MAX_INPUTS);
		jobs.push(async () => {
			const answer = await client.request({
				method: 'POST',
				path,
				body: {
					idProperty: group.property,
					inputs: chunk.map((key) => ({ id: group.values.get(key)!.value })),
					properties: [group.property],
					propertiesWithHistory: [],
				},
			});
			if (!answer.ok) {
				const failed = group.failed(answer);
				for (const key of chunk) outcomes.set(key, failed);
				return;
			}
			const body = (answer.body ?? {}) as ObjectsReadAnswer;
			// Values it found could not be told from those it did not: none is reported "not found".
			if (body.results !== undefined && body.results !== null && !Array.isArray(body.results)) {
				for (const key of chunk) outcomes.set(key, { kind: 'failed', message: `HubSpot answered the lookup by ${group.property} with results that are not a list: which records hold these values could not be read` });
				return;
			}
			const { found, unread } = matchRecords(group, chunk, listIn(body.results));
			const { refused, unnamed } = refusedValues(group, chunk, errorsIn(body.errors));
			// A value no result answers is "not found" only when nothing else in the answer may be about it:
			// an error that names no value asked, or a record whose value cannot be read.
			const unexplained = unnamed ?? (unread ? `a record came back without its ${group.property}` : undefined);
			for (const key of chunk) {
				const outcome = refused.get(key) ?? outcomeOf(found.get(key));
				outcomes.set(
					key,
					outcome.kind === 'notFound' && unexplained !== undefined
						? { kind: 'failed', message: `HubSpot's answer to the lookup by ${group.property} neither listed a record for ${group.values.get(key)!.value} nor said none has it (${unexplained})` }
						: outcome,
				);
			}
		});
	}
	await runPool(jobs, concurrency);
	return outcomes;
}

/** A record id as HubSpot gives it: text, or a number some answers carry. */
export function recordIdIn(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}

/** The key of the asked value `value` names: exactly, else regardless of case and surrounding space. */
function askedKey(group: LookupGroup, chunk: string[], value: string): string | undefined {
	const asked = new Set(chunk);
	const exact = group.keyOf(value.trim());
	if (asked.has(exact)) return exact;
	// A unique value HubSpot stores in another case still answers for the value asked.
	return chunk.find((key) => key.toLowerCase() === exact.toLowerCase());
}

/** The record ids each value's key got back, by the property value each record carries; `unread` when a record's could not be read. */
function matchRecords(group: LookupGroup, chunk: string[], results: NonNullable<ObjectsReadAnswer['results']>): { found: Map<string, Set<string>>; unread: boolean } {
	const found = new Map<string, Set<string>>();
	let unread = false;
	for (const record of results) {
		if (typeof record !== 'object' || record === null) continue;
		const id = recordIdIn(record.id);
		const value = record.properties?.[group.property];
		if (id === undefined) continue;
		if (typeof value !== 'string') {
			unread = true;
			continue;
		}
		const key = askedKey(group, chunk, value);
		if (key === undefined) continue;
		if (!found.has(key)) found.set(key, new Set());
		found.get(key)!.add(id);
	}
	return { found, unread };
}

/**
 * Values an error other than "not found" names: they fail with HubSpot's message. `unnamed` is the
 * reason of an error that names none of them (it may be about any value no result answers).
 */
function refusedValues(group: LookupGroup, chunk: string[], errors: HubSpotBatchError[]): { refused: Map<string, ValueOutcome>; unnamed?: string } {
	const refused = new Map<string, ValueOutcome>();
	let unnamed: string | undefined;
	for (const error of errors) {
		if (error.category === 'OBJECT_NOT_FOUND') continue;
		const reason = textIn(error.message) ?? textIn(error.category) ?? 'no reason given';
		// A context that is not an object (text) names nothing: read key by key, its characters would be "values".
		const named = typeof error.context === 'object' && error.context !== null ? Object.values(error.context).flat() : [];
		let namesOne = false;
		for (const value of named) {
			// A numeric unique value may come back as a number.
			const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
			if (text === undefined) continue;
			const key = askedKey(group, chunk, text);
			if (key === undefined) continue;
			namesOne = true;
			refused.set(key, { kind: 'failed', message: `HubSpot refused ${group.property} ${group.values.get(key)!.value}: ${reason}` });
		}
		if (!namesOne) unnamed ??= `HubSpot said: ${reason}`;
	}
	return { refused, unnamed };
}
