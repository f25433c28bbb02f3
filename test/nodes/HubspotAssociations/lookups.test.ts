import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

beforeAll(() => {
	// One domain two companies share; companies 7 and 8 no longer have their seeded domains.
	suite.sim.state.setProperty('companies', '7', 'domain', 'twins.example.com');
	suite.sim.state.setProperty('companies', '8', 'domain', 'twins.example.com');
});

const byEmailAndDomain = (overrides: INodeParameters = {}) =>
	batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}', toIdType: 'domain', toObjectId: '={{ $json.domain }}', ...overrides });

async function run(items: IDataObject[], parameters: INodeParameters, onError: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow' = 'continueRegularOutput') {
	return await runNode({ items, parameters, credentials: suite.credentials, onError });
}

const sent = (kind: string) => suite.sim.requests.filter((request) => request.kind === kind);
const inputsOf = (kind: string) => sent(kind).map((request) => ((request.body as { inputs: unknown[] }).inputs ?? []).length);
const searchedValues = () =>
	sent('objects/search').flatMap((request) =>
		(request.body as { filterGroups: Array<{ filters: Array<{ values: string[] }> }> }).filterGroups.flatMap((group) => group.filters.flatMap((filter) => filter.values)),
	);

describe('records identified by email', () => {
	it('turns 2,500 emails into exactly 25 lookups and 2 creates (2,000 + 500), each output naming its lookup', async () => {
		const items = Array.from({ length: 2500 }, (_, i) => ({ email: `c${i + 1}@example.com`, companyId: String((i % 20) + 1) }));

		const { output, error } = await run(items, batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}' }));

		expect(error).toBeUndefined();
		expect(inputsOf('objects/batch/read')).toEqual(Array(25).fill(100));
		expect(inputsOf('associations/batch/create')).toEqual([2000, 500]);
		expect(suite.sim.requests).toHaveLength(27);
		expect(output).toHaveLength(2500);
		expect(output[1234]).toEqual({
			json: expect.objectContaining({
				status: 'created',
				fromObjectId: '1235',
				toObjectId: '15',
				fromLookup: { property: 'email', value: 'c1235@example.com' },
			}),
			pairedItem: { item: 1234 },
		});
		expect(output[0].json.toLookup).toBeUndefined();
		expect(Object.keys(output[0].json)).toEqual(['status', 'fromObjectType', 'fromObjectId', 'toObjectType', 'toObjectId', 'fromLookup', 'fromObjectTypeId', 'toObjectTypeId', 'labels', 'types']);
		expect(suite.sim.state.associationsBetween('contacts', '2500', 'companies', '20')).toContainEqual({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 });
	});

	it('looks a repeated email up once, whatever its case, and fails an unknown one on its own', async () => {
		const items = [
			{ email: 'c5@example.com', companyId: '1' },
			{ email: 'nobody@example.com', companyId: '2' },
			{ email: ' C5@Example.COM ', companyId: '3' },
			{ email: 'c5@example.com', companyId: '4' },
		];

		const { output } = await run(items, batchCreateParameters({ fromIdType: 'email', fromObjectId: '={{ $json.email }}' }));

		expect(sent('objects/batch/read')).toHaveLength(1);
		expect((sent('objects/batch/read')[0].body as { inputs: Array<{ id: string }> }).inputs).toEqual([{ id: 'c5@example.com' }, { id: 'nobody@example.com' }]);
		expect(output.map((item) => item.json.fromObjectId)).toEqual(['5', 'nobody@example.com', '5', '5']);
		expect(output[1].json.error).toBe('Item 1: no contact has email nobody@example.com');
		expect(inputsOf('associations/batch/create')).toEqual([3]);
	});
});

describe('records identified by domain', () => {
	const items = [
		{ email: 'c1@example.com', domain: 'company11.example.com' },
		{ email: 'c2@example.com', domain: 'twins.example.com' },
		{ email: 'c3@example.com', domain: 'nowhere.example.org' },
		{ email: 'c4@example.com', domain: 'https://Company12.Example.com:443/about?x=1' },
		{ email: 'c5@example.com', domain: 'company11.example.com' },
	];

	it('finds each domain by one search, fails a shared and an unknown one, and normalises a URL', async () => {
		const { output, error } = await run(items, byEmailAndDomain());

		expect(error).toBeUndefined();
		expect(sent('objects/search')).toHaveLength(1);
		expect(searchedValues()).toEqual(['company11.example.com', 'twins.example.com', 'nowhere.example.org', 'company12.example.com']);
		expect(output.map((item) => item.json.status ?? item.json.error)).toEqual([
			'created',
			'Item 1: 2 companies have domain twins.example.com: 7, 8',
			'Item 2: no company has domain nowhere.example.org',
			'created',
			'created',
		]);
		expect(output[3].json).toMatchObject({
			fromObjectId: '4',
			toObjectId: '12',
			fromLookup: { property: 'email', value: 'c4@example.com' },
			toLookup: { property: 'domain', value: 'company12.example.com' },
		});
		expect(inputsOf('associations/batch/create')).toEqual([3]);
		expect(suite.sim.state.associationsBetween('contacts', '5', 'companies', '11')).toHaveLength(1);
	});

	it('without continue-on-fail, stops on the first failed lookup, naming item, property and value, before any write', async () => {
		const { error, output } = await run(items, byEmailAndDomain(), 'stopWorkflow');

		expect(output).toHaveLength(0);
		expect(error?.message).toBe('Item 1: 2 companies have domain twins.example.com: 7, 8');
		expect(sent('associations/batch/create')).toHaveLength(0);
		expect(suite.sim.state.associationCount).toBe(0);
	});

	it('with the error output, sends each failed lookup there, paired to its item', async () => {
		const { output, errorOutput } = await run(items, byEmailAndDomain(), 'continueErrorOutput');

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }, { item: 4 }]);
		expect(errorOutput.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 1 }, 'Item 1: 2 companies have domain twins.example.com: 7, 8'],
			[{ item: 2 }, 'Item 2: no company has domain nowhere.example.org'],
		]);
	});

	it('mixes sides: a record id on one, a property on the other, in either direction', async () => {
		const toDomain = await run([{ contactId: '21', domain: 'company31.example.com' }], batchCreateParameters({ toIdType: 'domain', toObjectId: '={{ $json.domain }}' }));
		expect(toDomain.output[0].json).toMatchObject({ status: 'created', fromObjectId: '21', toObjectId: '31', toLookup: { property: 'domain', value: 'company31.example.com' } });
		expect(toDomain.output[0].json.fromLookup).toBeUndefined();

		const fromDomain = await run(
			[{ domain: 'company32.example.com', contactId: '22' }],
			batchCreateParameters({
				fromObjectType: 'companies',
				toObjectType: 'contacts',
				fromIdType: 'domain',
				fromObjectId: '={{ $json.domain }}',
				toObjectId: '={{ $json.contactId }}',
				associationTypes: ['HUBSPOT_DEFINED:280'],
			}),
		);
		expect(fromDomain.output[0].json).toMatchObject({ status: 'created', fromObjectId: '32', toObjectId: '22' });
		expect(suite.sim.state.associationsBetween('companies', '32', 'contacts', '22')).toContainEqual({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 });
	});
});

describe('record ids', () => {
	it('refuses record id 0 before sending, like any other invalid id', async () => {
		const { output } = await run([{ contactId: '0', companyId: '1' }, { contactId: '9', companyId: '1' }], batchCreateParameters());

		expect(output[0].json.error).toBe('Item 0: From Record ID (fromObjectId) must be a HubSpot record ID made of digits, got "0" (no HubSpot record has ID 0)');
		expect((sent('associations/batch/create')[0].body as { inputs: Array<{ from: { id: string } }> }).inputs.map((input) => input.from.id)).toEqual(['9']);
	});
});
