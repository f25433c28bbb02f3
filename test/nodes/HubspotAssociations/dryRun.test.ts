import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

async function run(items: IDataObject[], overrides: INodeParameters, onError: 'continueRegularOutput' | 'continueErrorOutput' = 'continueRegularOutput') {
	return await runNode({ items, parameters: batchCreateParameters(overrides), credentials: suite.credentials, onError });
}

/** Requests that would have changed something in HubSpot: a dry run sends none. */
const writes = () => suite.sim.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/batch/read'));

const pairs = (count: number) => Array.from({ length: count }, (_, i) => ({ contactId: String(i + 1), companyId: String((i % 100) + 1) }));

describe('Dry run', () => {
	it('Batch Create: 4,500 items show batches 1–3 of 3 with what each would send, and nothing is sent', async () => {
		const { output } = await run(pairs(4500), { associationTypes: ['USER_DEFINED:36'], options: { dryRun: true } });

		expect(output).toHaveLength(4500);
		expect(writes()).toHaveLength(0);
		expect(suite.sim.state.associationCount).toBe(0);
		expect(output[0]).toEqual({
			json: {
				dryRun: true,
				fromObjectType: 'contacts',
				fromObjectId: '1',
				toObjectType: 'companies',
				toObjectId: '1',
				request: { method: 'POST', path: '/crm/associations/2026-03/contacts/companies/batch/create', batch: 1, of: 3 },
				input: { from: { id: '1' }, to: { id: '1' }, types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }] },
			},
			pairedItem: { item: 0 },
		});
		const batchOf = (item: (typeof output)[number]) => (item.json.request as IDataObject).batch;
		const perBatch: Record<string, number> = {};
		for (const item of output) perBatch[String(batchOf(item))] = (perBatch[String(batchOf(item))] ?? 0) + 1;
		expect(perBatch).toEqual({ 1: 2000, 2: 2000, 3: 500 });
		// The contacts of one company share a batch, wherever the input lists them (HubSpot locks a record while a write changes it).
		expect(new Set(output.filter((_, i) => i % 100 === 0).map(batchOf))).toEqual(new Set([1]));
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual(output.map((_, index) => index));
	});

	it('plans exactly as a real run: one input for a pair asked twice, carrying both labels', async () => {
		const items = [
			{ contactId: '11', companyId: '21', label: 'USER_DEFINED:36' },
			{ contactId: '11', companyId: '21', label: 'Former employee' },
		];

		const { output } = await run(items, { associationTypes: '={{ $json.label }}', options: { dryRun: true } });

		const types = [
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
			{ associationCategory: 'USER_DEFINED', associationTypeId: 38 },
		];
		expect(output.map((item) => item.json.input)).toEqual([
			{ from: { id: '11' }, to: { id: '21' }, types },
			{ from: { id: '11' }, to: { id: '21' }, types },
		]);
		// Reads are allowed: the labels named by text were looked up.
		expect(suite.sim.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('Batch Create with Keep Existing Labels: reads each pair’s types and shows them in what it would send', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);

		const { output } = await run([{ contactId: '11', companyId: '21' }], { associationTypes: ['USER_DEFINED:38'], options: { dryRun: true, keepExistingLabels: true } });

		expect((output[0].json.input as IDataObject).types).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 38 },
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
		expect(suite.sim.requests.map((request) => request.path.split('/').slice(-2).join('/'))).toEqual(['batch/read']);
		expect(suite.sim.state.associationsBetween('contacts', '11', 'companies', '21').map((spec) => spec.associationTypeId)).toEqual([36, 279]);
	});

	it('Batch Create with Create Missing Labels: shows the label it would create, and creates nothing', async () => {
		const { output } = await run([{ contactId: '11', companyId: '21' }], { associationTypes: '={{ ["Reseller", "Billing contact"] }}', options: { dryRun: true, createMissingLabels: true } });

		expect((output[0].json.input as IDataObject).types).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: null, label: 'Reseller', created: 'on a real run' },
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
		]);
		expect(writes()).toHaveLength(0);
		expect(suite.sim.state.labels('contacts', 'companies').map((type) => type.label)).not.toContain('Reseller');
	});

	it.each([
		['batchCreateDefault', 'batch/associate/default', { from: { id: '11' }, to: { id: '21' } }],
		['batchArchive', 'batch/archive', { from: { id: '11' }, to: [{ id: '21' }, { id: '22' }] }],
		['batchArchiveLabels', 'batch/labels/archive', { from: { id: '11' }, to: { id: '21' }, types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }] }],
	])('%s: shows the request and input of each item, sending nothing', async (operation, action, input) => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);
		suite.sim.state.associate('contacts', '11', 'companies', '22', [279]);

		const { output } = await run(
			[
				{ contactId: '11', companyId: '21' },
				{ contactId: '11', companyId: '22' },
			],
			{ operation, associationTypes: ['USER_DEFINED:36'], options: { dryRun: true } },
		);

		expect(output[0].json).toEqual({
			dryRun: true,
			fromObjectType: 'contacts',
			fromObjectId: '11',
			toObjectType: 'companies',
			toObjectId: '21',
			request: { method: 'POST', path: `/crm/associations/2026-03/contacts/companies/${action}`, batch: 1, of: 1 },
			input,
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(suite.sim.requests).toHaveLength(0);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['21', '22']);
	});

	it('invalid items come out as in a real run: on the error output, paired, before anything is planned', async () => {
		const { output, errorOutput } = await run(
			[
				{ contactId: 'x1', companyId: '21' },
				{ contactId: '12', companyId: '22' },
			],
			{ options: { dryRun: true } },
			'continueErrorOutput',
		);

		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(errorOutput[0].json.error).toMatch(/^Item 0: From Record ID \(fromObjectId\) must be a HubSpot record ID/);
		expect(output.map((item) => [item.json.dryRun, item.pairedItem])).toEqual([[true, { item: 1 }]]);
		expect(suite.sim.requests).toHaveLength(0);
	});

	it('stops the node on an invalid item without Continue On Fail, as a real run does', async () => {
		const { error } = await runNode({
			items: [{ contactId: 'x1', companyId: '21' }],
			parameters: batchCreateParameters({ options: { dryRun: true } }),
			credentials: suite.credentials,
		});

		expect(error?.message).toMatch(/^Item 0: From Record ID \(fromObjectId\) must be a HubSpot record ID/);
	});
});

describe('Dry run of the label operations', () => {
	const labelRun = async (operation: string, items: IDataObject[], overrides: INodeParameters) =>
		await runNode({
			items,
			parameters: { resource: 'label', operation, fromObjectType: 'contacts', toObjectType: 'companies', ...overrides, options: { dryRun: true } },
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});
	const labelsPath = '/crm/associations/2026-03/contacts/companies/labels';

	it('create: numbers the requests it would send; an existing label needs none', async () => {
		const { output } = await labelRun('create', [{ label: 'Partner' }, { label: 'Billing contact' }, { label: 'Referrer' }], { label: '={{ $json.label }}', inverseLabel: 'Referred' });

		expect(output.map((item) => item.json)).toEqual([
			{
				dryRun: true,
				request: { method: 'POST', path: labelsPath, batch: 1, of: 2 },
				input: { label: 'Partner', name: 'partner', inverseLabel: 'Referred' },
				status: 'wouldCreate',
				fromObjectType: 'contacts',
				toObjectType: 'companies',
				label: 'Partner',
				inverseLabel: 'Referred',
			},
			expect.objectContaining({ dryRun: true, request: null, input: null, status: 'exists', typeId: 36 }),
			expect.objectContaining({ dryRun: true, request: { method: 'POST', path: labelsPath, batch: 2, of: 2 }, status: 'wouldCreate', label: 'Referrer' }),
		]);
		expect(writes()).toHaveLength(0);
	});

	it('update and delete: show the request, send nothing and change nothing', async () => {
		const { output: update } = await labelRun('update', [{}], { associationTypeId: 38, label: 'Ex-employee' });
		const { output: remove } = await labelRun('delete', [{}], { associationTypeId: 36 });

		expect(update[0].json).toEqual({
			dryRun: true,
			request: { method: 'PUT', path: labelsPath, batch: 1, of: 1 },
			input: { associationTypeId: 38, label: 'Ex-employee' },
			status: 'wouldUpdate',
			fromObjectType: 'contacts',
			toObjectType: 'companies',
			typeId: 38,
			label: 'Ex-employee',
			previousLabel: 'Former employee',
		});
		expect(remove[0].json).toEqual({
			dryRun: true,
			request: { method: 'DELETE', path: `${labelsPath}/36`, batch: 1, of: 1 },
			input: null,
			status: 'wouldDelete',
			fromObjectType: 'contacts',
			toObjectType: 'companies',
			typeId: 36,
			label: 'Billing contact',
		});
		expect(writes()).toHaveLength(0);
		expect(suite.sim.state.labels('contacts', 'companies').map((type) => type.label)).toEqual([undefined, 'Primary', 'Billing contact', 'Former employee']);
	});
});
