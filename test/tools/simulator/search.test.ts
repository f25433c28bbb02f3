import { assertValidRequest } from '../../contract/validate';
import { itAnsweredEverythingPerContract, startTestSimulator, type TestSimulator } from './simulatorHarness';

const SEARCH = '/crm/objects/2026-03/companies/search';
const inFilter = (propertyName: string, values: string[]) => ({ filters: [{ propertyName, operator: 'IN', values }] });

describe('simulator CRM search', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
		t.sim.state.setProperty('companies', '7', 'domain', 'twins.example.com');
		t.sim.state.setProperty('companies', '8', 'domain', 'Twins.example.com');
	});
	afterAll(() => t.sim.close());
	// Five searches a second is the limit: specs start with an empty window.
	beforeEach(async () => await new Promise((resolve) => setTimeout(resolve, 1_100)));

	async function search(body: object, path = SEARCH) {
		assertValidRequest('POST', path, body);
		return await t.call('POST', path, body);
	}

	it('finds records by IN on lower-cased values, ORing filter groups, with the properties asked for', async () => {
		const answer = await search({ filterGroups: [inFilter('domain', ['company5.example.com', 'twins.example.com']), inFilter('domain', ['company9.example.com', 'nobody.example.com'])], properties: ['domain'], limit: 200 });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('x-hubspot-ratelimit-max')).toBeNull();
		expect(answer.body.total).toBe(4);
		expect(answer.body.results.map((record: { id: string; properties: { domain: string } }) => [record.id, record.properties.domain])).toEqual([
			['5', 'company5.example.com'],
			['7', 'twins.example.com'],
			['8', 'Twins.example.com'],
			['9', 'company9.example.com'],
		]);
		expect(answer.body.paging).toBeUndefined();
	});

	it('matches no record with an IN value that has capitals, as HubSpot does, while EQ ignores case', async () => {
		const capitals = await search({ filterGroups: [inFilter('domain', ['Company5.example.com'])] });
		expect(capitals.body).toEqual({ total: 0, results: [] });
		const eq = await search({ filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: 'Company5.EXAMPLE.com' }] }] });
		expect(eq.body.results.map((record: { id: string }) => record.id)).toEqual(['5']);
	});

	it('pages through `after` (default 10 a page) and refuses to page beyond 10,000 results', async () => {
		const values = Array.from({ length: 25 }, (_, i) => `company${i + 1}.example.com`);
		const first = await search({ filterGroups: [inFilter('domain', values)] });
		expect(first.body.results).toHaveLength(10);
		expect(first.body.paging.next.after).toBe('10');
		expect(first.body.total).toBe(23); // companies 7 and 8 were given another domain
		const last = await search({ filterGroups: [inFilter('domain', values)], after: '20' });
		expect(last.body.results.map((record: { id: string }) => record.id)).toEqual(['23', '24', '25']);
		expect(last.body.paging).toBeUndefined();
		expect((await search({ filterGroups: [inFilter('domain', values)], after: '9900', limit: 200 })).status).toBe(400);
	});

	it('refuses a body over 3,000 characters, too many filters, more than 100 IN values and pages over 200', async () => {
		const long = Array.from({ length: 100 }, (_, i) => `a-rather-long-company-domain-${i}.example.com`);
		expect((await search({ filterGroups: [inFilter('domain', long)] })).status).toBe(400);
		const many = Array.from({ length: 6 }, () => inFilter('domain', ['a.com']));
		expect((await search({ filterGroups: many })).status).toBe(400);
		expect((await search({ filterGroups: [inFilter('domain', Array.from({ length: 101 }, (_, i) => `${i}.io`))] })).status).toBe(400);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		expect((await search({ filterGroups: [inFilter('domain', ['a.com'])], limit: 201 })).status).toBe(400);
		expect((await search({ filterGroups: [inFilter('nosuchproperty', ['a'])] })).status).toBe(400);
	});

	it('answers a sixth search within a second with a SECONDLY 429, apart from the 10-second window', async () => {
		t.sim.faults.rateWindow({ max: 1, intervalMs: 10_000 });
		try {
			const statuses = [];
			for (let i = 0; i < 6; i++) statuses.push((await search({ filterGroups: [inFilter('domain', ['company1.example.com'])] })).status);
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
			const refused = t.sim.requests[t.sim.requests.length - 1];
			expect(refused.responseBody).toMatchObject({ category: 'RATE_LIMITS', policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });
			// The 10-second window (1 request) is untouched by searches.
			expect((await t.call('GET', '/crm/properties/2026-03/companies')).status).toBe(200);
		} finally {
			t.sim.faults.clear();
		}
	});

	it('finds records by a value given to them in batch read by a unique property too', async () => {
		t.sim.state.setProperty('2-3456789', '12', 'vin', 'WVW-CUSTOM-12');
		const answer = await t.call('POST', '/crm/objects/2026-03/2-3456789/batch/read', {
			idProperty: 'vin',
			inputs: [{ id: 'WVW-CUSTOM-12' }, { id: 'VIN-12' }, { id: 'VIN-13' }],
			properties: ['vin'],
			propertiesWithHistory: [],
		});
		expect(answer.status).toBe(207);
		expect(answer.body.results.map((record: { id: string; properties: { vin: string } }) => [record.id, record.properties.vin]).sort()).toEqual([
			['12', 'WVW-CUSTOM-12'],
			['13', 'VIN-13'],
		]);
		expect(answer.body.errors[0].context.ids).toEqual(['VIN-12']);
	});

	it('refuses batch read by a property that is not unique (domain)', async () => {
		const answer = await t.call('POST', '/crm/objects/2026-03/companies/batch/read', { idProperty: 'domain', inputs: [{ id: 'company1.example.com' }], properties: [], propertiesWithHistory: [] });
		expect(answer.status).toBe(400);
	});

	itAnsweredEverythingPerContract(() => t);
});
