import { listIn } from '../../helpers/answerShapes';
import { normaliseDomain } from '../../helpers/recordLookups';
import { fitsBody, planSearches, SEARCH_MAX_RESULTS, searchBody } from '../../helpers/searchLimits';
import type { HubSpotClient } from '../../transport';
import { outcomeOf, runPool, type ValueOutcome } from './lookupOutcomes';
import type { LookupGroup } from './lookupGroups';

interface SearchAnswer {
	total?: number;
	results?: Array<{ id?: string; properties?: Record<string, string | null> }>;
	paging?: { next?: { after?: string } };
}

/**
 * Looks values of a property HubSpot does not keep unique up with the CRM search API: IN filters
 * packed as tightly as its limits allow, every page read, so a value two records share is seen
 * as such. Searches go through the client's search throttle.
 */
export async function searchByProperty(client: HubSpotClient, group: LookupGroup, concurrency: number): Promise<Map<string, ValueOutcome>> {
	const outcomes = new Map<string, ValueOutcome>();
	const path = `/crm/objects/${client.settings.apiVersion}/${encodeURIComponent(group.pathType)}/search`;
	// Keys are what IN filters need: lower-cased values.
	const { searches, tooLong } = planSearches(group.property, [...group.values.keys()]);
	for (const key of tooLong) outcomes.set(key, { kind: 'failed', message: `the ${group.property} value is too long for HubSpot's search (over its 3,000-character request limit)` });

	// Searches fewer values at a time: for more than 10,000 results, or a next page whose cursor would not fit the body.
	const searchInHalves = async (values: string[]): Promise<void> => {
		const half = Math.ceil(values.length / 2);
		await search(values.slice(0, half));
		await search(values.slice(half));
	};

	const search = async (values: string[]): Promise<void> => {
		const found = new Map<string, Set<string>>();
		const asked = new Set(values);
		let after: string | undefined;
		for (;;) {
			const answer = await client.request({ method: 'POST', path, body: searchBody(group.property, values, after), rateLimit: 'search' });
			if (!answer.ok) {
				const failed = group.failed(answer);
				for (const key of values) outcomes.set(key, failed);
				return;
			}
			const body = (answer.body ?? {}) as SearchAnswer;
			// Records it found could not be told from none: no value is reported "not found".
			if (body.results !== undefined && body.results !== null && !Array.isArray(body.results)) {
				for (const key of values) outcomes.set(key, { kind: 'failed', message: `HubSpot answered the search by ${group.property} with results that are not a list: which records hold these values could not be read` });
				return;
			}
			const total = Number(body.total ?? 0);
			if (after === undefined && total > SEARCH_MAX_RESULTS) {
				// HubSpot will not page past 10,000 results.
				if (values.length > 1) return await searchInHalves(values);
				const ids = new Set(listIn<NonNullable<SearchAnswer['results']>[number]>(body.results).map((record) => record?.id).filter((id): id is string => typeof id === 'string'));
				outcomes.set(values[0], outcomeOf(ids, total));
				return;
			}
			for (const record of listIn<NonNullable<SearchAnswer['results']>[number]>(body.results)) {
				const value = record?.properties?.[group.property];
				if (typeof value !== 'string' || typeof record.id !== 'string') continue;
				const key = group.property === 'domain' ? normaliseDomain(value) : value.trim().toLowerCase();
				if (!asked.has(key)) continue;
				if (!found.has(key)) found.set(key, new Set());
				found.get(key)!.add(record.id);
			}
			const next = body.paging?.next?.after;
			if (!next || listIn<NonNullable<SearchAnswer['results']>[number]>(body.results).length === 0) break;
			// Searches are packed to the body limit, so the rare one that needs a second page may have no room left for its cursor.
			if (!fitsBody(searchBody(group.property, values, next))) {
				if (values.length > 1) return await searchInHalves(values);
				// One value filling a body on its own, on more than one page: several records hold it.
				outcomes.set(values[0], outcomeOf(found.get(values[0]), total));
				return;
			}
			after = next;
		}
		for (const key of values) outcomes.set(key, outcomeOf(found.get(key)));
	};

	await runPool(
		searches.map((values) => async () => await search(values)),
		concurrency,
	);
	return outcomes;
}
