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
			const found = matchRecords(group, chunk, listIn(body.results));
			const refused = refusedValues(group, errorsIn(body.errors));
			for (const key of chunk) outcomes.set(key, refused.get(key) ?? outcomeOf(found.get(key)));
		});
	}
	await runPool(jobs, concurrency);
	return outcomes;
}

/** The record ids each value's key got back, by the property value each record carries. */
function matchRecords(group: LookupGroup, chunk: string[], results: NonNullable<ObjectsReadAnswer['results']>): Map<string, Set<string>> {
	const asked = new Set(chunk);
	// A unique value HubSpot stores in another case still answers for the value asked.
	const byLowerCase = new Map(chunk.map((key) => [key.toLowerCase(), key]));
	const found = new Map<string, Set<string>>();
	for (const record of results) {
		const value = record?.properties?.[group.property];
		if (typeof value !== 'string' || typeof record.id !== 'string') continue;
		const exact = group.keyOf(value.trim());
		const key = asked.has(exact) ? exact : byLowerCase.get(exact.toLowerCase());
		if (key === undefined) continue;
		if (!found.has(key)) found.set(key, new Set());
		found.get(key)!.add(record.id);
	}
	return found;
}

/** Values an error other than "not found" names: they fail with HubSpot's message. */
function refusedValues(group: LookupGroup, errors: HubSpotBatchError[]): Map<string, ValueOutcome> {
	const refused = new Map<string, ValueOutcome>();
	for (const error of errors) {
		if (error.category === 'OBJECT_NOT_FOUND') continue;
		// A context that is not an object (text) names nothing: read key by key, its characters would be "values".
		const named = typeof error.context === 'object' && error.context !== null ? Object.values(error.context).flat() : [];
		for (const value of named) {
			if (typeof value !== 'string') continue;
			const key = group.keyOf(value);
			if (group.values.has(key)) refused.set(key, { kind: 'failed', message: `HubSpot refused ${group.property} ${value}: ${textIn(error.message) ?? textIn(error.category) ?? 'no reason given'}` });
		}
	}
	return refused;
}
