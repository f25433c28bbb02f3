import type { IDataObject } from 'n8n-workflow';
import { batchReadParameters } from '../../harness/operationParameters';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

async function read(items: IDataObject[], options: IDataObject = {}) {
	return await runNode({ items, parameters: batchReadParameters(options), credentials: suite.credentials, onError: 'continueRegularOutput' });
}

// Issue 27.2 and 27.3: per record, complete or failed; a to-record is listed once.
describe('Batch Get Associations: each record complete or failed', () => {
	afterEach(() => {
		suite.sim.faults.clear();
		suite.sim.state.settings.readPageSize = 500;
		suite.sim.state.settings.readPaging = 'byRecord';
	});

	it('fails a record whose later page failed with HubSpot’s error, and keeps the records already read', async () => {
		for (const companyId of ['21', '22', '23']) suite.sim.state.associate('contacts', '11', 'companies', companyId);
		suite.sim.state.associate('contacts', '12', 'companies', '31');
		suite.sim.state.settings.readPageSize = 2;
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 503 });

		const { output, error } = await read([{ contactId: '11' }, { contactId: '12' }, { contactId: '13' }], { maxRetries: 0 });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.error).toMatch(/^Item 0: .*503/);
		expect(output[0].json.count).toBeUndefined();
		expect(output[1].json).toMatchObject({ fromObjectId: '12', count: 1, associations: [{ toObjectId: '31' }] });
		expect(output[2].json).toMatchObject({ fromObjectId: '13', count: 0, associations: [] });
	});

	it('without continue-on-fail, a partly read record stops the run instead of coming out short', async () => {
		for (const companyId of ['21', '22', '23']) suite.sim.state.associate('contacts', '11', 'companies', companyId);
		suite.sim.state.settings.readPageSize = 2;
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 503 });
		const result = await runNode({
			items: [{ contactId: '11' }],
			parameters: batchReadParameters({ maxRetries: 0 }),
			credentials: suite.credentials,
		});
		expect(result.error?.message).toMatch(/503|unavailable/i);
	});

	it('lists a to-record split across two pages once, with all its types', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [1, 36]);
		suite.sim.state.associate('contacts', '11', 'companies', '22', [38]);
		suite.sim.state.settings.readPaging = 'byType';
		suite.sim.state.settings.readPageSize = 2;

		const { output } = await read([{ contactId: '11' }]);

		expect(output[0].json.count).toBe(2);
		const associations = output[0].json.associations as Array<{ toObjectId: string; associationTypes: Array<{ typeId: number }> }>;
		expect(associations.map((record) => [record.toObjectId, record.associationTypes.map((type) => type.typeId)])).toEqual([
			['21', [279, 1, 36]],
			['22', [279, 38]],
		]);
	});
});
