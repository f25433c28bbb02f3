import type { IDataObject } from 'n8n-workflow';
import { batchReadParameters } from '../../harness/operationParameters';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

async function read(items: IDataObject[], options: Record<string, number | string> = {}) {
	return await runNode({ items, parameters: batchReadParameters(options), credentials: suite.credentials, onError: 'continueRegularOutput' });
}

describe('Batch Get Associations', () => {
	it("returns each record's associations with their labels, paired to its item", async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);
		suite.sim.state.associate('contacts', '11', 'companies', '22', [279]);

		const { output, error } = await read([{ contactId: '11' }, { contactId: '12' }]);

		expect(error).toBeUndefined();
		expect(output[0]).toEqual({
			json: {
				fromObjectType: 'contacts',
				fromObjectId: '11',
				toObjectType: 'companies',
				count: 2,
				associations: [
					{
						toObjectId: '21',
						associationTypes: [
							{ category: 'HUBSPOT_DEFINED', typeId: 279 },
							{ category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' },
						],
					},
					{ toObjectId: '22', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] },
				],
			},
			pairedItem: { item: 0 },
		});
		expect(output[1].json).toMatchObject({ fromObjectId: '12', count: 0, associations: [] });
		expect(Object.keys(output[0].json)).toEqual(['fromObjectType', 'fromObjectId', 'toObjectType', 'count', 'associations']);
	});

	it('follows paging cursors until every association of every record is read', async () => {
		suite.sim.state.settings.readPageSize = 2;
		for (let company = 1; company <= 5; company++) suite.sim.state.associate('contacts', '11', 'companies', String(100 + company), [279]);
		suite.sim.state.associate('contacts', '12', 'companies', '201', [279]);

		const { output } = await read([{ contactId: '11' }, { contactId: '12' }]);
		suite.sim.state.settings.readPageSize = 500;

		expect((output[0].json.associations as IDataObject[]).map((record) => record.toObjectId)).toEqual(['101', '102', '103', '104', '105']);
		expect(output[1].json.count).toBe(1);
		const reads = suite.sim.requests.filter((request) => request.path.endsWith('/batch/read'));
		expect(reads.map((request) => (request.body as { inputs: unknown[] }).inputs.length)).toEqual([2, 1, 1]);
	});

	it('reads a record asked for by several items once, and fails only the unknown record', async () => {
		const { output } = await read([{ contactId: '11' }, { contactId: '999999999' }, { contactId: '11' }]);

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.count).toBe(0);
		expect(output[1].json.error).toMatch(/^Item 1: HubSpot did not accept contacts 999999999 → companies: /);
		expect(output[2].json.count).toBe(0);
		const reads = suite.sim.requests.filter((request) => request.path.endsWith('/batch/read'));
		expect((reads[0].body as { inputs: unknown[] }).inputs).toEqual([{ id: '11' }, { id: '999999999' }]);
	});

	it('treats HubSpot\'s "no associations" errors as an empty list', async () => {
		suite.sim.state.settings.readWithoutAssociations = 'error';
		const { output } = await read([{ contactId: '11' }]);
		suite.sim.state.settings.readWithoutAssociations = 'empty';

		expect(output[0].json).toMatchObject({ fromObjectId: '11', count: 0, associations: [] });
	});

	it('cuts reads at 1,000 records per request', async () => {
		const { output } = await read(Array.from({ length: 1500 }, (_, i) => ({ contactId: String(i + 1) })));

		expect(output).toHaveLength(1500);
		const reads = suite.sim.requests.filter((request) => request.path.endsWith('/batch/read'));
		expect(reads.map((request) => (request.body as { inputs: unknown[] }).inputs.length)).toEqual([1000, 500]);
	});
});
