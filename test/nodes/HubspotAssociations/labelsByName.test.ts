import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

async function run(items: IDataObject[], overrides: INodeParameters) {
	return await runNode({ items, parameters: batchCreateParameters(overrides), credentials: suite.credentials, onError: 'continueRegularOutput' });
}

const typeIds = (contactId: string, companyId: string) =>
	suite.sim.state
		.associationsBetween('contacts', contactId, 'companies', companyId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);

const labelReads = () => suite.sim.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/labels'));

describe('Labels by name in Association Types', () => {
	it('creates with labels named in any case, reading the direction’s labels once for the whole run', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({ contactId: String(i + 1), companyId: '21', label: i % 2 ? 'billing CONTACT' : 'Former employee' }));

		const { output } = await run(items, { associationTypes: '={{ $json.label }}' });

		expect(output.every((item) => item.json.status === 'created')).toBe(true);
		expect(output[0].json.types).toEqual([{ associationCategory: 'USER_DEFINED', associationTypeId: 38 }]);
		expect(output[1].json.types).toEqual([{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }]);
		expect(typeIds('2', '21')).toEqual([36, 279]);
		expect(labelReads()).toHaveLength(1);
	});

	it('takes an array from an expression mixing label texts, "CATEGORY:typeId" and objects', async () => {
		const { output } = await run([{ contactId: '11', companyId: '21' }], {
			associationTypes: '={{ ["Billing contact", "Former employee", "HUBSPOT_DEFINED:279", { "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1 }] }}',
		});

		expect(output[0].json.status).toBe('created');
		expect(typeIds('11', '21')).toEqual([1, 36, 38, 279]);
	});

	it('removes labels named by their text (Batch Remove Association Labels)', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36, 38]);

		const { output } = await run([{ contactId: '11', companyId: '21' }], { operation: 'batchArchiveLabels', associationTypes: '={{ ["Former Employee"] }}' });

		expect(output[0].json).toMatchObject({ status: 'labelsRemoved', types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 38 }] });
		expect(typeIds('11', '21')).toEqual([36, 279]);
	});

	it('fails an item naming a label that does not exist, listing the labels that do, and sends the others', async () => {
		const { output } = await run(
			[
				{ contactId: '11', companyId: '21', label: 'Decision maker' },
				{ contactId: '12', companyId: '22', label: 'Billing contact' },
			],
			{ associationTypes: '={{ $json.label }}' },
		);

		expect(output[0]).toEqual({
			json: {
				error: 'Item 0: Association Types (associationTypes) names the label "Decision maker", which does not exist from contacts to companies (the labels that exist: "Primary", "Billing contact", "Former employee")',
				fromObjectId: '11',
				toObjectId: '21',
			},
			pairedItem: { item: 0 },
		});
		expect(output[1].json.status).toBe('created');
		expect(typeIds('11', '21')).toEqual([]);
		const created = suite.sim.requests.find((request) => request.path.endsWith('/batch/create'))!.body as { inputs: unknown[] };
		expect(created.inputs).toHaveLength(1);
	});

	it('stops the node on an unknown label without Continue On Fail, before any write', async () => {
		const { error } = await runNode({
			items: [{ contactId: '11', companyId: '21' }],
			parameters: batchCreateParameters({ associationTypes: '={{ "Decision maker" }}' }),
			credentials: suite.credentials,
		});

		expect(error?.message).toMatch(/^Item 0: Association Types \(associationTypes\) names the label "Decision maker", which does not exist/);
		expect(suite.sim.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('with Create Missing Labels, creates a missing label once (single, not paired) and uses it for every item', async () => {
		const items = [
			{ contactId: '11', companyId: '21', label: 'Reseller' },
			{ contactId: '12', companyId: '22', label: 'reseller' },
			{ contactId: '13', companyId: '23', label: 'Billing contact' },
		];

		const { output } = await run(items, { associationTypes: '={{ $json.label }}', options: { createMissingLabels: true } });

		const creations = suite.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/labels'));
		expect(creations.map((request) => request.body)).toEqual([{ label: 'Reseller', name: 'reseller' }]);
		const reseller = suite.sim.state.labels('contacts', 'companies').find((type) => type.label === 'Reseller')!;
		expect(suite.sim.state.labels('companies', 'contacts')).toContainEqual(expect.objectContaining({ label: 'Reseller' }));
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created', 'created']);
		expect(typeIds('11', '21')).toEqual([reseller.typeId, 279].sort((a, b) => a - b));
		expect(typeIds('12', '22')).toEqual(typeIds('11', '21'));
		expect(typeIds('13', '23')).toEqual([36, 279]);
	});
});
