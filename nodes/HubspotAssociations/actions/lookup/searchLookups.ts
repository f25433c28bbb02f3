import { listIn, notAList, recordIdIn } from '../../helpers/answerShapes';
import { normaliseDomain } from '../../helpers/recordLookups';
import { fitsBody, planSearches, SEARCH_MAX_RESULTS, searchBody } from '../../helpers/searchLimits';
import type { HubSpotClient } from '../../transport';
import { outcomeOf, runPool, type ValueOutcome } from './lookupOutcomes';
import type { LookupGroup } from './lookupGroups';

interface SearchAnswer {
	total?: unknown;
	results?: Array<{ id?: unknown; properties?: Record<string, unknown> | null } | null>;
	paging?: { next?: { after?: unknown } | null } | null;
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
		// Every record listed (its value readable or not), and the cursors followed: a repeat would page forever.
		const listed = new Set<string>();
		// Why a listed record could not be told apart (no readable id or value, a value no key asked names).
		let unread: string | undefined;
		// Records listed, repeats included: HubSpot serves no more than 10,000 of one search.
		let served = 0;
		const cursors = new Set<string>();
		let total = Number.NaN;
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
			if (notAList(body.results)) {
				for (const key of values) outcomes.set(key, { kind: 'failed', message: `HubSpot answered the search by ${group.property} with results that are not a list: which records hold these values could not be read` });
				return;
			}
			// A total that is not a number says nothing (it was read as 0, or NaN).
			const counted = typeof body.total === 'number' ? body.total : typeof body.total === 'string' && body.total.trim() !== '' ? Number(body.total) : Number.NaN;
			if (Number.isFinite(counted)) total = counted;
			const records = listIn<NonNullable<SearchAnswer['results']>[number]>(body.results);
			if (after === undefined && total > SEARCH_MAX_RESULTS) {
				// HubSpot will not page past 10,000 results.
				if (values.length > 1) return await searchInHalves(values);
				const ids = new Set(records.flatMap((record) => recordIdIn(record?.id) ?? []));
				outcomes.set(values[0], ids.size > 0 ? outcomeOf(ids, total) : countedNoneListed(values[0], total));
				return;
			}
			const listedBefore = listed.size;
			for (const record of records) {
				const id = recordIdIn(record?.id);
				if (id === undefined) {
					unread ??= 'listed a record without a readable id';
					continue;
				}
				listed.add(id);
				const value = record?.properties?.[group.property];
				if (typeof value !== 'string') {
					unread ??= `listed a record without its ${group.property}`;
					continue;
				}
				const key = group.property === 'domain' ? normaliseDomain(value) : value.trim().toLowerCase();
				if (!asked.has(key)) {
					// HubSpot's filter matched it to a value asked by its own reading ("007" held as "7", …).
					unread ??= `listed record ${id} holding a ${group.property} no value asked names`;
					continue;
				}
				if (!found.has(key)) found.set(key, new Set());
				found.get(key)!.add(id);
			}
			const cursor = body.paging?.next?.after;
			const next = typeof cursor === 'number' && Number.isFinite(cursor) ? String(cursor) : cursor;
			if (!next || records.length === 0) break;
			served += records.length;
			// A page listing only records already listed moves no further: its cursor would page forever.
			const stalled = after !== undefined && listed.size === listedBefore;
			if (typeof next !== 'string' || cursors.has(next) || stalled || served >= SEARCH_MAX_RESULTS) {
				// A cursor HubSpot already gave (or not one at all): the pages after it cannot be read.
				for (const key of values) outcomes.set(key, { kind: 'failed', message: `HubSpot's search by ${group.property} gave a next-page cursor ${typeof next !== 'string' ? 'it did not give as text' : cursors.has(next) ? 'it had already given' : stalled ? 'after a page listing only records it had already listed' : `past the ${SEARCH_MAX_RESULTS} results it serves`}: the records holding these values could not all be read` });
				return;
			}
			cursors.add(next);
			// Searches are packed to the body limit, so the rare one that needs a second page may have no room left for its cursor.
			if (!fitsBody(searchBody(group.property, values, next))) {
				if (values.length > 1) return await searchInHalves(values);
				// One value filling a body on its own, on more than one page: several records hold it.
				outcomes.set(
					values[0],
					found.get(values[0])?.size
						? outcomeOf(found.get(values[0]), Number.isFinite(total) ? total : undefined)
						: { kind: 'failed', message: `HubSpot's search by ${group.property} listed no readable record for ${group.values.get(values[0])?.value ?? values[0]} on its first page, and its next page cannot be asked for` },
				);
				return;
			}
			after = next;
		}
		// HubSpot counted more records than it listed: which values they hold is not known.
		if (total > listed.size) {
			if (values.length > 1) return await searchInHalves(values);
			const ids = found.get(values[0]);
			outcomes.set(values[0], ids?.size ? outcomeOf(ids, total) : countedNoneListed(values[0], total));
			return;
		}
		for (const key of values) {
			const outcome = outcomeOf(found.get(key));
			// A record whose value could not be read may be the one holding this value.
			outcomes.set(
				key,
				outcome.kind === 'notFound' && unread !== undefined
					? { kind: 'failed', message: `HubSpot's search by ${group.property} ${unread}: whether one holds ${group.values.get(key)?.value ?? key} could not be read` }
					: outcome,
			);
		}
	};

	const countedNoneListed = (key: string, total: number): ValueOutcome => ({
		kind: 'failed',
		message: `HubSpot's search by ${group.property} counted ${total} records for ${group.values.get(key)?.value ?? key} but listed none of them`,
	});

	await runPool(
		searches.map((values) => async () => await search(values)),
		concurrency,
	);
	return outcomes;
}
