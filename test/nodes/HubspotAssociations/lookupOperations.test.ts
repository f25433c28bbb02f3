import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { batchCreateParameters, loadOptions, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();
afterEach(() => suite.sim.faults.clear());

async function run(items: IDataObject[], parameters: INodeParameters, onError: 'continueRegularOutput' | 'stopWorkflow' = 'continueRegularOutput') {
	return await runNode({ items, parameters, credentials: suite.credentials, onError });
}

const sent = (kind: string) => suite.sim.requests.filter((request) => request.kind === kind);

const pairByLookups = (operation: string, overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'association',
	operation,
	fromObjectType: 'contacts',
	toObjectType: 'companies',
	fromIdType: 'email',
	fromObjectId: '={{ $json.email }}',
	toIdType: 'domain',
	toObjectId: '={{ $json.domain }}',
	...overrides,
});

describe('every operation with looked-up sides', () => {
	const items = [
		{ email: 'c41@example.com', domain: 'company51.example.com' },
		{ email: 'c42@example.com', domain: 'company52.example.com' },
	];

	it('Batch Create Default Associations', async () => {
		const { output } = await run(items, pairByLookups('batchCreateDefault'));
		expect(output.map((item) => [item.json.status, item.json.fromObjectId, item.json.toObjectId])).toEqual([
			['created', '41', '51'],
			['created', '42', '52'],
		]);
		expect(output[0].json.toLookup).toEqual({ property: 'domain', value: 'company51.example.com' });
	});

	it('Batch Remove Association Labels and Batch Remove Associations', async () => {
		suite.sim.state.associate('contacts', '41', 'companies', '51', [36]);
		suite.sim.state.associate('contacts', '42', 'companies', '52', [36]);

		const labels = await run(items.slice(0, 1), pairByLookups('batchArchiveLabels', { associationTypes: ['USER_DEFINED:36'] }));
		expect(labels.output[0].json).toMatchObject({ status: 'labelsRemoved', fromObjectId: '41', toObjectId: '51', fromLookup: { property: 'email', value: 'c41@example.com' } });
		expect(suite.sim.state.associationsBetween('contacts', '41', 'companies', '51').map((spec) => spec.associationTypeId)).toEqual([279]);

		const removed = await run(items.slice(1), pairByLookups('batchArchive'));
		expect(removed.output[0].json).toMatchObject({ status: 'removed', fromObjectId: '42', toObjectId: '52' });
		expect(suite.sim.state.associationsBetween('contacts', '42', 'companies', '52')).toEqual([]);
	});

	it('Sync Associations: a from-record looked up by email keeps exactly the looked-up companies', async () => {
		suite.sim.state.associate('contacts', '45', 'companies', '55');
		suite.sim.state.associate('contacts', '45', 'companies', '56');
		const { output, error } = await run([{ email: 'C45@example.com', domain: 'company57.example.com' }], pairByLookups('batchSync', { associationTypes: ['HUBSPOT_DEFINED:279'] }));

		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ status: 'created', fromObjectId: '45', toObjectId: '57', fromLookup: { property: 'email', value: 'C45@example.com' } });
		expect(suite.sim.state.associatedIds('contacts', '45', 'companies').sort()).toEqual(['57']);
	});

	it('Batch Get Associations, from records looked up by email', async () => {
		suite.sim.state.associate('contacts', '43', 'companies', '53');
		const { output } = await run([{ email: 'c43@example.com' }, { email: 'ghost@example.com' }], pairByLookups('batchRead'));
		expect(output[0].json).toMatchObject({ fromObjectId: '43', fromLookup: { property: 'email', value: 'c43@example.com' }, count: 1 });
		expect(Object.keys(output[0].json)).toEqual(['fromObjectType', 'fromObjectId', 'toObjectType', 'fromLookup', 'count', 'associations']);
		expect(output[1].json.error).toBe('Item 1: no contact has email ghost@example.com');
		expect(sent('associations/batch/read')).toHaveLength(1);
	});
});

describe('dry run', () => {
	it('looks records up (reads) and shows what each looked-up side resolved to, writing nothing', async () => {
		const { output } = await run(
			[{ email: 'c44@example.com', domain: 'company54.example.com' }, { email: 'ghost@example.com', domain: 'company54.example.com' }],
			pairByLookups('batchCreate', { associationTypes: ['HUBSPOT_DEFINED:279'], options: { dryRun: true } }),
		);

		expect(output[0].json).toMatchObject({
			dryRun: true,
			fromObjectId: '44',
			toObjectId: '54',
			fromLookup: { property: 'email', value: 'c44@example.com' },
			toLookup: { property: 'domain', value: 'company54.example.com' },
			input: { from: { id: '44' }, to: { id: '54' } },
		});
		expect(output[1].json.error).toBe('Item 1: no contact has email ghost@example.com');
		expect(sent('associations/batch/create')).toHaveLength(0);
		expect(sent('objects/batch/read')).toHaveLength(1);
	});
});

describe('other properties', () => {
	it("looks a custom object up by its unique property, asking the account which properties are unique once", async () => {
		const { output, error } = await run(
			[{ vin: 'VIN-7', email: 'c8@example.com' }, { vin: 'VIN-9', email: 'c8@example.com' }],
			batchCreateParameters({
				fromObjectType: '2-3456789',
				toObjectType: 'contacts',
				fromIdType: 'vin',
				fromObjectId: '={{ $json.vin }}',
				toIdType: 'email',
				toObjectId: '={{ $json.email }}',
				associationTypes: ['USER_DEFINED:907'],
			}),
		);

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.status, item.json.fromObjectId, item.json.toObjectId])).toEqual([
			['created', '7', '8'],
			['created', '9', '8'],
		]);
		expect(sent('properties')).toHaveLength(1);
		expect(sent('objects/batch/read').map((request) => (request.body as { idProperty: string }).idProperty).sort()).toEqual(['email', 'vin']);
		expect(sent('objects/search')).toHaveLength(0);
	});

	it('searches a property the account does not mark unique, named by expression, and refuses one that does not exist', async () => {
		const parameters = batchCreateParameters({ fromIdType: '={{ $json.by }}', fromObjectId: '={{ $json.value }}' });
		const { output } = await run(
			[
				{ by: 'firstname', value: 'Contact 61', companyId: '1' },
				{ by: 'nickname', value: 'Ada', companyId: '1' },
			],
			parameters,
		);

		expect(output[0].json).toMatchObject({ status: 'created', fromObjectId: '61', fromLookup: { property: 'firstname', value: 'Contact 61' } });
		expect(output[1].json.error).toBe('Item 1: contacts have no property named "nickname" (use its internal name)');
		expect((sent('objects/search')[0].body as { filterGroups: Array<{ filters: Array<{ values: string[] }> }> }).filterGroups[0].filters[0].values).toEqual(['contact 61']);
	});
});

describe('lookups and HubSpot limits', () => {
	it('keeps 1,500 domain searches under the search limit (5 a second) without a 429, then creates in one request', async () => {
		const items = Array.from({ length: 1500 }, (_, i) => ({ contactId: String(i + 1), domain: `company${i + 1}.example.com` }));

		const { output, error } = await run(items, batchCreateParameters({ toIdType: 'domain', toObjectId: '={{ $json.domain }}', options: { concurrency: 3 } }));

		expect(error).toBeUndefined();
		expect(output.filter((item) => item.json.status === 'created')).toHaveLength(1500);
		const searches = sent('objects/search');
		expect(searches.length).toBeGreaterThan(10);
		expect(searches.filter((request) => request.status === 429)).toHaveLength(0);
		// No more than 5 searches arrived in any second.
		for (const request of searches) {
			expect(searches.filter((other) => other.at >= request.at && other.at < request.at + 1000).length).toBeLessThanOrEqual(5);
		}
		expect(sent('associations/batch/create')).toHaveLength(1);
	});

	it('reads every page of a search, and searches fewer values at a time past 10,000 results or when a cursor would not fit', async () => {
		for (let id = 8001; id <= 18001; id++) suite.sim.state.setProperty('companies', String(id), 'domain', 'huge.example.com');
		for (let id = 18002; id <= 18251; id++) suite.sim.state.setProperty('companies', String(id), 'domain', 'big.example.com');
		const others = Array.from({ length: 128 }, (_, i) => ({ contactId: String(i + 3), domain: `company${2001 + i}.example.com` }));
		// The first search is full and big.example.com needs a second page; the second holds huge.example.com.
		const items = [{ contactId: '1', domain: 'big.example.com' }, ...others.slice(0, 120), { contactId: '2', domain: 'huge.example.com' }, ...others.slice(120)];

		const { output, error } = await run(items, batchCreateParameters({ toIdType: 'domain', toObjectId: '={{ $json.domain }}' }));

		expect(error).toBeUndefined();
		expect(output[0].json.error).toBe(
			'Item 0: 250 companies have domain big.example.com: 18002, 18003, 18004, 18005, 18006, 18007, 18008, 18009, 18010, 18011, … (240 more)',
		);
		expect(output[121].json.error).toBe('Item 121: 10001 companies have domain huge.example.com: 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009, 8010, … (9991 more)');
		const resolved = output.filter((_, index) => index !== 0 && index !== 121).map((item) => item.json.toObjectId);
		expect(resolved).toEqual(others.map((_, i) => String(2001 + i)));
		const searches = sent('objects/search').map((request) => request.body as { after?: string; filterGroups: Array<{ filters: Array<{ values: string[] }> }> });
		const values = (body: (typeof searches)[number]) => body.filterGroups.flatMap((group) => group.filters[0].values);
		// The full first search got no cursor (it would not fit): its values were searched in halves, one of which paged.
		expect(values(searches[0])).toContain('big.example.com');
		expect(searches.filter((body) => values(body).length === values(searches[0]).length)).toHaveLength(1);
		expect(searches.some((body) => body.after === '200' && values(body).includes('big.example.com'))).toBe(true);
		expect(sent('objects/search').every((request) => request.status === 200)).toBe(true);
	});

	it('retries a search answered 429 like any other request', async () => {
		suite.sim.faults.next(1, { status: 429 });
		const { output } = await run([{ contactId: '1', domain: 'company2.example.com' }], batchCreateParameters({ toIdType: 'domain', toObjectId: '={{ $json.domain }}' }));
		expect(output[0].json).toMatchObject({ status: 'created', toObjectId: '2' });
		expect(sent('objects/search').map((request) => request.status)).toEqual([429, 200]);
	});

	it('names the missing read scope when HubSpot answers a lookup 403, and writes nothing', async () => {
		suite.sim.faults.next(1, { status: 403, missingScopes: ['crm.objects.contacts.read'] });
		const parameters = batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}' });

		const { error } = await run([{ email: 'c1@example.com', companyId: '1' }], parameters, 'stopWorkflow');

		expect(error?.message).toMatch(/^Item 0: could not look up contacts by email: The HubSpot credential lacks the scopes crm\.objects\.contacts\.read \(403\)/);
		expect(sent('associations/batch/create')).toHaveLength(0);
	});

	it('fails every item of a lookup answered 403 with continue-on-fail, and says which read scope lookups need when HubSpot does not', async () => {
		suite.sim.faults.next(1, { status: 403, missingScopes: [] });
		const items = [
			{ email: 'c1@example.com', companyId: '1' },
			{ email: 'c2@example.com', companyId: '1' },
		];
		const { output } = await run(items, batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}' }));

		expect(output.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^Item 0: could not look up contacts by email: HubSpot refused the request \(403\).* \(looking records up needs the crm\.objects\.contacts\.read scope\)$/),
			expect.stringMatching(/^Item 1: could not look up contacts by email: /),
		]);
		expect(sent('associations/batch/create')).toHaveLength(0);
	});
});

describe('lookups under Parallel Requests', () => {
	const emails = Array.from({ length: 600 }, (_, i) => ({ email: `c${i + 1}@example.com`, companyId: String((i % 20) + 1) }));
	const byEmail = (options: INodeParameters = {}) => batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}', options });
	/** How long after the one before each unique-property read reached HubSpot. */
	const readGaps = () => {
		const at = sent('objects/batch/read').map((request) => request.at);
		return at.slice(1).map((time, index) => time - at[index]);
	};

	it('auto (the default) keeps several slow lookups on their way at once; 1 waits for each answer', async () => {
		suite.sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: 400 }] });
		const auto = await run(emails, byEmail());
		expect(auto.output.filter((item) => item.json.status === 'created')).toHaveLength(600);
		expect(readGaps()).toHaveLength(5);
		// Sent before the answer before it came back: more than one in flight.
		expect(Math.min(...readGaps())).toBeLessThan(350);

		suite.sim.requests.length = 0;
		const pinned = await run(emails, byEmail({ concurrency: 1 }));
		expect(pinned.output.filter((item) => item.json.status === 'created')).toHaveLength(600);
		expect(Math.min(...readGaps())).toBeGreaterThanOrEqual(400);
	});
});

describe('the Record Identified By dropdowns', () => {
	it.each([
		['contacts', ['id', 'email']],
		['companies', ['id', 'domain', 'company_number']],
		['2-3456789', ['id', 'vin']],
		['tickets', ['id']],
	])('lists the record id and the properties that identify %s', async (objectType, values) => {
		const options = await loadOptions('getToIdTypes', { resource: 'association', operation: 'batchCreate', fromObjectType: 'contacts', toObjectType: objectType }, suite.credentials);
		expect(options.map((option) => option.value)).toEqual(values);
	});

	it('follows the from object type for the from side', async () => {
		const options = await loadOptions('getFromIdTypes', { resource: 'association', operation: 'batchRead', fromObjectType: 'deals', toObjectType: 'contacts' }, suite.credentials);
		expect(options).toEqual([expect.objectContaining({ value: 'id', name: 'Record ID' }), expect.objectContaining({ value: 'deal_reference', name: 'Deal reference (deal_reference)' })]);
	});
});
