import {
	planSearches,
	SEARCH_MAX_BODY_CHARS,
	SEARCH_MAX_FILTER_GROUPS,
	SEARCH_MAX_VALUES_PER_FILTER,
	searchBody,
} from '../../../../nodes/HubspotAssociations/helpers/searchLimits';
import { assertValidRequest } from '../../../contract/validate';

const domains = (count: number) => Array.from({ length: count }, (_, i) => `co${i + 1}.example.com`);

describe('planSearches', () => {
	it('packs values into as few searches as the 3,000-character body allows, in order, none lost', () => {
		const values = domains(1000);
		const { searches, tooLong } = planSearches('domain', values);

		expect(tooLong).toEqual([]);
		expect(searches.flat()).toEqual(values);
		for (const search of searches) {
			const body = searchBody('domain', search);
			expect(JSON.stringify(body).length).toBeLessThanOrEqual(SEARCH_MAX_BODY_CHARS);
			expect((body.filterGroups as unknown[]).length).toBeLessThanOrEqual(SEARCH_MAX_FILTER_GROUPS);
			assertValidRequest('POST', '/crm/objects/2026-03/companies/search', body);
		}
		// Each search but the last is full: one more value would break the body limit.
		for (const search of searches.slice(0, -1)) {
			expect(JSON.stringify(searchBody('domain', [...search, 'co1000.example.com'])).length).toBeGreaterThan(SEARCH_MAX_BODY_CHARS);
		}
		expect(searches.length).toBeLessThan(10);
	});

	it('puts at most 100 values in one IN filter, spilling into another filter group', () => {
		const body = searchBody('hs_object_id', Array.from({ length: 150 }, (_, i) => String(i)));
		expect((body.filterGroups as Array<{ filters: Array<{ values: string[] }> }>).map((group) => group.filters[0].values.length)).toEqual([
			SEARCH_MAX_VALUES_PER_FILTER,
			50,
		]);
	});

	it('sets a value too long for any search apart', () => {
		const long = 'x'.repeat(SEARCH_MAX_BODY_CHARS);
		expect(planSearches('domain', ['a.com', long, 'b.com'])).toEqual({ searches: [['a.com', 'b.com']], tooLong: [long] });
	});
});
