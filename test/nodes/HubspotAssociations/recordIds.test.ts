import { batchReadParameters } from '../../harness/operationParameters';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

// Issue 24.3: a record id is in HubSpot's form from validation on, in every operation.
describe('record ids with leading zeros', () => {
	it('Batch Create sends "0023" and "23" as one pair, and each item names record 23', async () => {
		const { output } = await runNode({
			items: [
				{ contactId: '011', companyId: '0023' },
				{ contactId: '11', companyId: '23' },
			],
			parameters: batchCreateParameters(),
			credentials: suite.credentials,
		});
		const create = suite.sim.requests.find((request) => request.kind === 'associations/batch/create')!;
		expect((create.body as { inputs: unknown[] }).inputs).toEqual([{ from: { id: '11' }, to: { id: '23' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }]);
		expect(output.map((item) => [item.json.status, item.json.fromObjectId, item.json.toObjectId])).toEqual([
			['created', '11', '23'],
			['created', '11', '23'],
		]);
	});

	it('Batch Get reads "0011" as record 11', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21');
		const { output } = await runNode({
			items: [{ contactId: '0011' }],
			parameters: batchReadParameters(),
			credentials: suite.credentials,
		});
		expect(output[0].json).toMatchObject({ fromObjectId: '11', count: 1, associations: [{ toObjectId: '21' }] });
	});
});
