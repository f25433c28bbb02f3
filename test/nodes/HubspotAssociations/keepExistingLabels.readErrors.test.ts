import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds } from '../../harness/operationParameters';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const typeIds = (contactId: string, companyId: string) => heldTypeIds(suite.sim, 'contacts', contactId, 'companies', companyId);

async function create(items: IDataObject[]) {
	return await runNode({
		items,
		parameters: batchCreateParameters({ associationTypes: ['USER_DEFINED:38'], options: { keepExistingLabels: true, maxRetries: 0 } as never }),
		credentials: suite.credentials,
		onError: 'continueRegularOutput',
	});
}

// Issue 25.10: a pair whose from-record could not be read completely is not written over.
describe('Batch Create Associations with Keep Existing Labels: read errors', () => {
	afterEach(() => {
		suite.sim.faults.clear();
		suite.sim.state.settings.readPageSize = 500;
	});

	it('fails the pairs of a record whose read failed part-way and leaves their labels alone; other records are written', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '20');
		suite.sim.state.associate('contacts', '11', 'companies', '21', [36]);
		suite.sim.state.associate('contacts', '12', 'companies', '22', [36]);
		suite.sim.state.settings.readPageSize = 1;
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 503 });

		const { output, error } = await create([
			{ contactId: '11', companyId: '21' },
			{ contactId: '12', companyId: '22' },
		]);

		expect(error).toBeUndefined();
		expect(output[0].json.error).toMatch(/^Item 0: .*reading its current labels \(Keep Existing Labels\), nothing was written: .*503/);
		expect(typeIds('11', '21')).toEqual([36, 279]);
		expect(output[1].json).toMatchObject({ status: 'created' });
		expect(typeIds('12', '22')).toEqual([36, 38, 279]);
		const createRequest = suite.sim.requests.find((request) => request.kind === 'associations/batch/create')!;
		expect((createRequest.body as { inputs: Array<{ from: { id: string } }> }).inputs.map((input) => input.from.id)).toEqual(['12']);
	});

	it('fails the pair of a record HubSpot names in a read error, writing nothing for it', async () => {
		suite.sim.state.associate('contacts', '12', 'companies', '22', [36]);
		const { output } = await create([
			{ contactId: '999999', companyId: '21' },
			{ contactId: '12', companyId: '22' },
		]);
		expect(output[0].json.error).toMatch(/reading its current labels.*999999/);
		expect(output[1].json).toMatchObject({ status: 'created' });
		expect(typeIds('12', '22')).toEqual([36, 38, 279]);
	});

	it('in a dry run, fails the pair of a record it could not read as the real run does, and plans each other item with its own pair', async () => {
		const items = [
			{ contactId: '999999', companyId: '21' },
			{ contactId: '12', companyId: '22' },
			{ contactId: '12', companyId: '23' },
		];
		const run = async (dryRun: boolean) =>
			await runNode({
				items,
				parameters: batchCreateParameters({ associationTypes: ['USER_DEFINED:38'], options: { keepExistingLabels: true, dryRun } as never }),
				credentials: suite.credentials,
				onError: 'continueRegularOutput',
			});
		const dry = await run(true);
		expect(dry.output[0].json.error).toMatch(/reading its current labels/);
		const planned = (index: number) => (dry.output[index].json.input as { to?: { id?: string } }).to?.id;
		expect([planned(1), planned(2)]).toEqual(['22', '23']);
	});
});
