import { contextValues, errorsIn, listIn, notAList, recordIdIn, textIn } from '../../helpers/answerShapes';
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
			if (notAList(body.results)) {
				for (const key of chunk) outcomes.set(key, { kind: 'failed', message: `HubSpot answered the lookup by ${group.property} with results that are not a list: which records hold these values could not be read` });
				return;
			}
			const asked = askedKeys(chunk);
			const { found, odd } = matchRecords(group, asked, listIn(body.results));
			const { refused, unnamed, notFound } = refusedValues(group, asked, errorsIn(body.errors));
			// A value no result answers is "not found" only when HubSpot named it so, or nothing else in the
			// answer may be about it: an error that names no value asked, or a record it cannot be told from.
			const unexplained = unnamed ?? odd;
			for (const key of chunk) {
				const outcome = refused.get(key) ?? outcomeOf(found.get(key));
				outcomes.set(
					key,
					outcome.kind === 'notFound' && unexplained !== undefined && !notFound.has(key)
						? { kind: 'failed', message: `HubSpot's answer to the lookup by ${group.property} neither listed a record for ${group.values.get(key)!.value} nor said none has it (${unexplained})` }
						: outcome,
				);
			}
		});
	}
	await runPool(jobs, concurrency);
	return outcomes;
}

/** The keys asked in one request: exactly, and regardless of case (the first key of each). */
interface AskedKeys {
	exact: Set<string>;
	byLowerCase: Map<string, string>;
}

function askedKeys(chunk: string[]): AskedKeys {
	const byLowerCase = new Map<string, string>();
	for (const key of chunk) if (!byLowerCase.has(key.toLowerCase())) byLowerCase.set(key.toLowerCase(), key);
	return { exact: new Set(chunk), byLowerCase };
}

/** The key of the asked value `value` names: exactly, else regardless of case and surrounding space. */
function askedKey(group: LookupGroup, asked: AskedKeys, value: string): string | undefined {
	const exact = group.keyOf(value.trim());
	if (asked.exact.has(exact)) return exact;
	// A unique value HubSpot stores in another case still answers for the value asked.
	return asked.byLowerCase.get(exact.toLowerCase());
}

/**
 * The record ids each value's key got back, by the property value each record carries; `odd` says why
 * a record could not be told apart: no readable id, no readable value, or a value no key asked names.
 */
function matchRecords(group: LookupGroup, asked: AskedKeys, results: NonNullable<ObjectsReadAnswer['results']>): { found: Map<string, Set<string>>; odd?: string } {
	const found = new Map<string, Set<string>>();
	let odd: string | undefined;
	for (const record of results) {
		if (typeof record !== 'object' || record === null) continue;
		const id = recordIdIn(record.id);
		const value = record.properties?.[group.property];
		if (id === undefined) {
			// It answers some value: which one it is cannot be written to.
			odd ??= 'a record came back without a readable id';
			continue;
		}
		if (typeof value !== 'string') {
			odd ??= `a record came back without its ${group.property}`;
			continue;
		}
		const key = askedKey(group, asked, value);
		if (key === undefined) {
			// HubSpot matched it to a value asked by its own reading (a number "0042" held as "42", …).
			odd ??= `record ${id} came back holding a ${group.property} no value asked names`;
			continue;
		}
		if (!found.has(key)) found.set(key, new Set());
		found.get(key)!.add(id);
	}
	return { found, odd };
}

/**
 * Values an error other than "not found" names: they fail with HubSpot's message. `unnamed` is the
 * reason of an error that names none of them (it may be about any value no result answers);
 * `notFound` the values HubSpot's "not found" errors name.
 */
function refusedValues(group: LookupGroup, asked: AskedKeys, errors: HubSpotBatchError[]): { refused: Map<string, ValueOutcome>; unnamed?: string; notFound: Set<string> } {
	const refused = new Map<string, ValueOutcome>();
	const notFound = new Set<string>();
	let unnamed: string | undefined;
	for (const error of errors) {
		const reason = textIn(error.message) ?? textIn(error.category) ?? 'no reason given';
		let namesOne = false;
		// A numeric unique value may come back as a number; a context given as text names nothing.
		for (const text of contextValues(error.context)) {
			const key = askedKey(group, asked, text);
			if (key === undefined) continue;
			namesOne = true;
			if (error.category === 'OBJECT_NOT_FOUND') notFound.add(key);
			else refused.set(key, { kind: 'failed', message: `HubSpot refused ${group.property} ${group.values.get(key)!.value}: ${reason}` });
		}
		if (!namesOne && error.category !== 'OBJECT_NOT_FOUND') unnamed ??= `HubSpot said: ${reason}`;
	}
	return { refused, unnamed, notFound };
}
