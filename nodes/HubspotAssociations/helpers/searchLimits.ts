import type { IDataObject } from 'n8n-workflow';

/*
 * HubSpot's limits on the CRM search API (POST /crm/objects/{version}/{objectType}/search), from
 * its reference "Search the CRM" (sections Filter search results, Paging, Limits; 2026-03) and its
 * usage guidelines, which exclude search from the per-app 10-second limit.
 */

/** "5 requests per second" per account, counted apart from every other limit. */
export const SEARCH_REQUESTS_PER_SECOND = 5;
/** Page size: default 10, "max 200". */
export const SEARCH_PAGE_SIZE = 200;
/** "Attempting to page beyond 10,000 will result in a 400 error." */
export const SEARCH_MAX_RESULTS = 10_000;
/** "a request body over 3,000 characters" is refused. */
export const SEARCH_MAX_BODY_CHARS = 3_000;
/** "up to five filterGroups with up to 6 filters in each group, with a maximum of 18 filters". */
export const SEARCH_MAX_FILTER_GROUPS = 5;
/**
 * Values in one IN filter: HubSpot documents no number. 100 is this project's assumption; the
 * body limit caps a filter near 130 short domains anyway.
 */
export const SEARCH_MAX_VALUES_PER_FILTER = 100;

/** A search that finds the records holding any of `values` in `property`, one page at a time. */
export function searchBody(property: string, values: string[], after?: string): IDataObject {
	const groups: string[][] = [];
	for (let start = 0; start < values.length; start += SEARCH_MAX_VALUES_PER_FILTER) {
		groups.push(values.slice(start, start + SEARCH_MAX_VALUES_PER_FILTER));
	}
	return {
		filterGroups: groups.map((group) => ({ filters: [{ propertyName: property, operator: 'IN', values: group }] })),
		properties: [property],
		limit: SEARCH_PAGE_SIZE,
		...(after === undefined ? {} : { after }),
	};
}

/** Whether a search body is within HubSpot's 3,000 characters. */
export function fitsBody(body: IDataObject): boolean {
	return JSON.stringify(body).length <= SEARCH_MAX_BODY_CHARS;
}

function fits(property: string, values: string[]): boolean {
	return (
		Math.ceil(values.length / SEARCH_MAX_VALUES_PER_FILTER) <= SEARCH_MAX_FILTER_GROUPS &&
		fitsBody(searchBody(property, values))
	);
}

/**
 * Packs values into as few searches as HubSpot's limits allow, keeping their order: each search
 * ORs filter groups of one IN filter each. A value too long to fit in any search comes back alone
 * in `tooLong`.
 */
export function planSearches(property: string, values: string[]): { searches: string[][]; tooLong: string[] } {
	const searches: string[][] = [];
	const tooLong: string[] = [];
	let current: string[] = [];
	for (const value of values) {
		if (fits(property, [...current, value])) current.push(value);
		else if (!fits(property, [value])) tooLong.push(value);
		else {
			searches.push(current);
			current = [value];
		}
	}
	if (current.length > 0) searches.push(current);
	return { searches, tooLong };
}
