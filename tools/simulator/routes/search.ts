import type { ObjectTypeInfo } from '../objectTypes';
import { badRequest } from '../hubspotErrors';
import { json, type Route } from '../routing';
import type { SimulatorState } from '../state';
import { objectTypeOrReject } from './associationPath';
import { recordFor, requestedProperties } from './objectRecords';

/** HubSpot's documented search limits (HUBSPOT-API.md, Search), and this project's assumed IN cap. */
export const SEARCH_LIMITS = {
	maxBodyChars: 3_000,
	maxFilterGroups: 5,
	maxFiltersPerGroup: 6,
	maxFilters: 18,
	defaultPageSize: 10,
	maxPageSize: 200,
	maxResults: 10_000,
	maxValuesPerFilter: 100,
};

interface Filter {
	propertyName?: unknown;
	operator?: unknown;
	value?: unknown;
	values?: unknown;
}

/**
 * `POST /crm/objects/{version}/{objectType}/search`: filter groups ORed, their filters ANDed;
 * `EQ` (any case) and `IN` (lower-cased values match exactly, as HubSpot's string IN does),
 * results by ascending id, paged through `after`, never beyond 10,000. Limited by its own
 * per-second window (see the server), and answered without rate-limit headers.
 */
export const objectsSearchRoute: Route = {
	method: 'POST',
	pattern: /^\/crm\/objects\/(2026-03|2026-09)\/([^/]+)\/search$/,
	kind: 'objects/search',
	crm: true,
	rateLimit: 'search',
	handle(request, [, objectType], { state }) {
		const type = objectTypeOrReject(objectType);
		if (request.bodyLength > SEARCH_LIMITS.maxBodyChars) {
			throw badRequest(`The request body is ${request.bodyLength} characters long; at most ${SEARCH_LIMITS.maxBodyChars} are allowed.`);
		}
		const body = (request.body ?? {}) as { filterGroups?: unknown; properties?: unknown; limit?: unknown; after?: unknown };
		if (!Array.isArray(body.filterGroups)) {
			throw badRequest('Invalid input JSON: Cannot build PublicObjectSearchRequest, some of required attributes are not set [filterGroups]');
		}
		const groups = body.filterGroups.map((group) => (Array.isArray((group as { filters?: unknown })?.filters) ? ((group as { filters: Filter[] }).filters) : []));
		checkFilterCounts(groups);
		const limit = body.limit === undefined ? SEARCH_LIMITS.defaultPageSize : Number(body.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxPageSize) {
			throw badRequest(`limit must be a whole number from 1 to ${SEARCH_LIMITS.maxPageSize}, got ${String(body.limit)}`);
		}
		const after = body.after === undefined ? 0 : Number(body.after);
		if (!Number.isInteger(after) || after < 0) throw badRequest(`after must be a whole number, got ${String(body.after)}`);
		if (after + limit > SEARCH_LIMITS.maxResults) {
			throw badRequest(`Paging beyond ${SEARCH_LIMITS.maxResults} results is not supported (after ${after}, limit ${limit}).`);
		}

		const matched = new Set<string>();
		for (const filters of groups) for (const id of matchGroup(state, type, filters)) matched.add(id);
		const ids = [...matched].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
		const requested = requestedProperties(body.properties);
		const page = ids.slice(after, after + limit).map((id) => recordFor(state, type, id, requested));
		return json(200, {
			total: ids.length,
			results: page,
			...(after + limit < ids.length ? { paging: { next: { after: String(after + limit) } } } : {}),
		});
	},
};

function checkFilterCounts(groups: Filter[][]): void {
	const filters = groups.reduce((sum, group) => sum + group.length, 0);
	if (groups.length > SEARCH_LIMITS.maxFilterGroups || groups.some((group) => group.length > SEARCH_LIMITS.maxFiltersPerGroup) || filters > SEARCH_LIMITS.maxFilters) {
		throw badRequest(
			`Too many filters: at most ${SEARCH_LIMITS.maxFilterGroups} filterGroups of ${SEARCH_LIMITS.maxFiltersPerGroup} filters, ${SEARCH_LIMITS.maxFilters} filters in all.`,
		);
	}
}

/** The ids every filter of a group matches. */
function matchGroup(state: SimulatorState, type: ObjectTypeInfo, filters: Filter[]): string[] {
	let ids: string[] | undefined;
	for (const filter of filters) {
		const matches = new Set(matchFilter(state, type, filter));
		ids = (ids ?? [...matches]).filter((id) => matches.has(id));
	}
	return ids ?? [];
}

function matchFilter(state: SimulatorState, type: ObjectTypeInfo, filter: Filter): string[] {
	const name = String(filter?.propertyName ?? '');
	const property = type.properties.find((candidate) => candidate.name === name);
	if (!property) throw badRequest(`There was a problem with the request: property ${name} does not exist on ${type.errorName}.`, { propertyName: [name] });
	const byId = name === 'hs_object_id';
	const find = (value: string, ignoreCase: boolean) =>
		byId ? (state.records.exists(type, value) ? [value] : []) : state.properties.find(type, property, value, ignoreCase);
	switch (filter.operator) {
		case 'EQ':
			if (typeof filter.value !== 'string') throw badRequest('EQ needs a value');
			return find(filter.value, true);
		case 'IN': {
			const values = filter.values;
			if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) throw badRequest('IN needs values, an array of strings');
			if (values.length > SEARCH_LIMITS.maxValuesPerFilter) throw badRequest(`IN takes at most ${SEARCH_LIMITS.maxValuesPerFilter} values, got ${values.length}`);
			// HubSpot compares IN values with lower-cased strings: a value with capitals matches nothing.
			return (values as string[]).flatMap((value) => (value === value.toLowerCase() ? find(value, true) : []));
		}
		default:
			throw badRequest(`The simulator supports EQ and IN filters, not ${String(filter.operator)}`);
	}
}
