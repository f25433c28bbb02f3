import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds } from '../../harness/operationParameters';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const typeIds = (contactId: string, companyId: string) => heldTypeIds(suite.sim, 'contacts', contactId, 'companies', companyId);

async function create(items: IDataObject[], options: IDataObject) {
	return await runNode({
		items,
		parameters: batchCreateParameters({ associationTypes: ['USER_DEFINED:38'], options: options as never }),
		credentials: suite.credentials,
		onError: 'continueRegularOutput',
	});
}

const pathsSent = () => suite.sim.requests.map((request) => request.path.split('/').slice(-2).join('/'));

describe('Batch Create Associations with Keep Existing Labels', () => {
	it("adds the chosen label to a pair's labels instead of replacing them", async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);

		const { output } = await create([{ contactId: '11', companyId: '21' }, { contactId: '12', companyId: '22' }], { keepExistingLabels: true });

		expect(typeIds('11', '21')).toEqual([36, 38, 279]);
		expect(typeIds('12', '22')).toEqual([38, 279]);
		expect(output[0].json).toMatchObject({
			status: 'created',
			types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 38 }],
			labels: expect.arrayContaining(['Billing contact', 'Former employee']),
		});
		// The second read checks that no other write replaced the labels meanwhile (actions/association/keepExistingExchange.test.ts).
		expect(pathsSent()).toEqual(['batch/read', 'batch/create', 'batch/read']);
		const createBody = suite.sim.requests[1].body as { inputs: Array<{ types: Array<{ associationTypeId: number }> }> };
		expect(createBody.inputs[0].types.map((type) => type.associationTypeId)).toEqual([38, 279, 36]);
	});

	it("without it, HubSpot replaces the pair's labels (the trap the option avoids)", async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);

		await create([{ contactId: '11', companyId: '21' }], {});

		expect(typeIds('11', '21')).toEqual([38, 279]);
		expect(pathsSent()).toEqual(['batch/create']);
	});

	it('reads at most 1,000 from-records a request, however large the create batch', async () => {
		const items = Array.from({ length: 1500 }, (_, i) => ({ contactId: String(i + 1), companyId: '21' }));

		const { output } = await create(items, { keepExistingLabels: true });

		expect(output.every((item) => item.json.status === 'created')).toBe(true);
		const reads = suite.sim.requests.filter((request) => request.path.endsWith('/batch/read'));
		expect(reads.map((request) => (request.body as { inputs: unknown[] }).inputs.length)).toEqual([1000, 500, 1000, 500]);
		expect(pathsSent().filter((path) => path === 'batch/create')).toHaveLength(1);
	});

	it('fails the items of a batch whose labels could not be read, and creates nothing for them', async () => {
		suite.sim.faults.next(1, { status: 503 });

		const { output } = await create([{ contactId: '11', companyId: '21' }], { keepExistingLabels: true, maxRetries: 0 });
		suite.sim.faults.clear();

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept contacts 11 → companies 21: HubSpot answered 503/);
		expect(pathsSent()).toEqual(['batch/read']);
		expect(typeIds('11', '21')).toEqual([]);
	});
});
