import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

// Contact 30000 exists, company 30000 does not (the portal has 20,000 companies): the ids overlap across the two directions.
const overlapping = [
	{ contactId: '101', companyId: '30000' },
	{ contactId: '30000', companyId: '101' },
];

async function run(operation: string, items: Array<{ contactId: string; companyId: string }>, parameters: INodeParameters = {}) {
	return await runNode({
		items,
		parameters: { resource: 'association', operation, fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}', ...parameters },
		credentials: suite.credentials,
		onError: 'continueRegularOutput',
	});
}

const held = (contactId: string, companyId: string) =>
	suite.sim.state
		.associationsBetween('contacts', contactId, 'companies', companyId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);

describe('Batch Create Default Associations with ids that overlap across directions', () => {
	it("fails the pair HubSpot refused, though the other item's reverse result names the same two ids", async () => {
		const { output } = await run('batchCreateDefault', overlapping);

		expect(output[0].json.status).toBeUndefined();
		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept contacts 101 → companies 30000: .*COMPANY=30000/);
		expect(output[1].json).toMatchObject({ status: 'created', fromObjectId: '30000', toObjectId: '101', types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] });
		expect(held('101', '30000')).toEqual([]);
		expect(held('30000', '101')).toEqual([279]);
	});

	it("shows each item its own direction's type when both are created", async () => {
		const { output } = await run('batchCreateDefault', [
			{ contactId: '101', companyId: '301' },
			{ contactId: '301', companyId: '101' },
			{ contactId: '102', companyId: '202' },
		]);

		for (const item of output) expect(item.json).toMatchObject({ status: 'created', types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] });
		expect([held('101', '301'), held('301', '101'), held('102', '202')]).toEqual([[279], [279], [279]]);
	});

	it('keeps a pair and its mirror out of one request, so every result tells its direction', async () => {
		await run('batchCreateDefault', [...overlapping, { contactId: '102', companyId: '202' }]);

		const bodies = suite.sim.requests.filter((request) => request.path.endsWith('/batch/associate/default')).map((request) => request.body);
		expect(bodies).toEqual([
			{ inputs: [{ from: { id: '101' }, to: { id: '30000' } }, { from: { id: '102' }, to: { id: '202' } }] },
			{ inputs: [{ from: { id: '30000' }, to: { id: '101' } }] },
		]);
	});
});

describe('Batch Create Default Associations of a pair with one id on both sides', () => {
	it("reports contact 5 → company 5 created, with its own direction's type as the batch's other pairs show it", async () => {
		const { output } = await run('batchCreateDefault', [
			{ contactId: '5', companyId: '5' },
			{ contactId: '102', companyId: '202' },
		]);
		expect(output[0].json).toMatchObject({ status: 'created', types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] });
		expect(held('5', '5')).toEqual([279]);
	});

	it('alone in its batch, is still reported created (its types then name both directions: nothing tells them apart)', async () => {
		const { output } = await run('batchCreateDefault', [{ contactId: '5', companyId: '5' }]);
		expect(output[0].json.status).toBe('created');
		expect(held('5', '5')).toEqual([279]);
	});
});

describe('the other writes with ids that overlap across directions', () => {
	it('Batch Create fails the refused pair and creates the other', async () => {
		const { output } = await run('batchCreate', overlapping, { associationTypes: ['USER_DEFINED:36'] });

		expect(output[0].json.error).toMatch(/^Item 0: .*COMPANY=30000/);
		expect(output[1].json).toMatchObject({ status: 'created', labels: ['Billing contact'] });
		expect(held('30000', '101')).toEqual([36, 279]);
	});

	it('Batch Remove and Batch Remove Labels fail the refused pair and remove the other', async () => {
		suite.sim.state.associate('contacts', '30000', 'companies', '101', [279, 36]);
		const labels = await run('batchArchiveLabels', overlapping, { associationTypes: ['USER_DEFINED:36'] });
		expect(labels.output.map((item) => item.json.status ?? item.json.error)).toEqual([expect.stringMatching(/^Item 0: .*COMPANY=30000/), 'labelsRemoved']);
		expect(held('30000', '101')).toEqual([279]);

		const removal = await run('batchArchive', overlapping);
		expect(removal.output.map((item) => item.json.status ?? item.json.error)).toEqual([expect.stringMatching(/^Item 0: .*COMPANY=30000/), 'removed']);
		expect(held('30000', '101')).toEqual([]);
	});
});
