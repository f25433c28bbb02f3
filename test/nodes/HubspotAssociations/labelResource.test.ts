import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { loadOptions, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

function parameters(operation: string, overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'label', operation, fromObjectType: 'contacts', toObjectType: 'companies', ...overrides };
}

async function run(operation: string, items: IDataObject[], overrides: INodeParameters = {}, onError: INode['onError'] = 'continueRegularOutput') {
	return await runNode({ items, parameters: parameters(operation, overrides), credentials: suite.credentials, onError });
}

/** The requests sent, as "METHOD path-below-the-version". */
const sent = () => suite.sim.requests.map((request) => `${request.method} ${request.path.replace(/^\/crm\/associations\/2026-03\//, '')}`);
const writes = () => suite.sim.requests.filter((request) => request.method !== 'GET');

describe('Association Label: Get Many', () => {
	it('lists every type of a standard direction, one item per label, each paired to the asking item, with the inverse of each label', async () => {
		const { output, error } = await run('getAll', [{}]);

		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ fromObjectType: 'contacts', toObjectType: 'companies', category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
			{ fromObjectType: 'contacts', toObjectType: 'companies', category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
			{ fromObjectType: 'contacts', toObjectType: 'companies', category: 'USER_DEFINED', typeId: 36, label: 'Billing contact', inverseTypeId: 37, inverseLabel: 'Billing contact' },
			{ fromObjectType: 'contacts', toObjectType: 'companies', category: 'USER_DEFINED', typeId: 38, label: 'Former employee', inverseTypeId: 39, inverseLabel: 'Former employer' },
		]);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sent()).toEqual(['GET contacts/companies/labels', 'GET companies/contacts/labels']);
	});

	it('lists a custom object direction, reading each direction once for many items', async () => {
		const { output } = await run('getAll', [{ type: '2-3456789' }, { type: '2-3456789' }], { fromObjectType: '={{ $json.type }}' });

		const ofItem = (itemIndex: number) => output.filter((item) => (item.pairedItem as { item: number }).item === itemIndex).map((item) => item.json);
		expect(ofItem(0)).toEqual([
			{ fromObjectType: '2-3456789', toObjectType: 'companies', category: 'HUBSPOT_DEFINED', typeId: 903, label: null },
		]);
		expect(ofItem(1)).toEqual(ofItem(0));

		const { output: owners } = await run('getAll', [{}], { fromObjectType: '2-3456789', toObjectType: 'contacts' });
		expect(owners.map((item) => item.json)).toContainEqual({
			fromObjectType: '2-3456789',
			toObjectType: 'contacts',
			category: 'USER_DEFINED',
			typeId: 907,
			label: 'Owner',
			inverseTypeId: 908,
			inverseLabel: 'Owned car',
		});
		expect(sent()).toEqual(['GET 2-3456789/companies/labels', 'GET 2-3456789/contacts/labels', 'GET contacts/2-3456789/labels']);
	});

	it("fails the item of a direction HubSpot does not know, with HubSpot's reason", async () => {
		const { output } = await run('getAll', [{}], { fromObjectType: 'notes', toObjectType: '2-3456789' });

		expect(output).toHaveLength(1);
		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept a read of the labels from notes to 2-3456789: HubSpot answered 400/);
	});
});

describe('Association Label: Create', () => {
	it('creates a single label and answers both its type ids', async () => {
		const { output } = await run('create', [{ label: 'Decision maker' }], { fromObjectType: 'deals', toObjectType: 'contacts', label: '={{ $json.label }}' });

		const created = suite.sim.state.labels('deals', 'contacts').find((type) => type.label === 'Decision maker')!;
		const inverse = suite.sim.state.labels('contacts', 'deals').find((type) => type.label === 'Decision maker')!;
		expect(output).toHaveLength(1);
		expect(output[0]).toEqual({
			json: {
				status: 'created',
				fromObjectType: 'deals',
				toObjectType: 'contacts',
				category: 'USER_DEFINED',
				typeId: created.typeId,
				label: 'Decision maker',
				inverseTypeId: inverse.typeId,
				inverseLabel: 'Decision maker',
			},
			pairedItem: { item: 0 },
		});
		expect(suite.sim.requests.find((request) => request.method === 'POST')!.body).toEqual({ label: 'Decision maker', name: 'decision_maker' });
	});

	it('creates a paired label: its inverse text shows from the other side', async () => {
		const { output } = await run('create', [{}], { fromObjectType: 'deals', toObjectType: 'contacts', label: 'Champion', inverseLabel: 'Championed deal' });

		expect(output[0].json).toMatchObject({ status: 'created', label: 'Champion', inverseLabel: 'Championed deal' });
		expect(suite.sim.state.labels('deals', 'contacts')).toContainEqual({ category: 'USER_DEFINED', typeId: output[0].json.typeId, label: 'Champion' });
		expect(suite.sim.state.labels('contacts', 'deals')).toContainEqual({ category: 'USER_DEFINED', typeId: output[0].json.inverseTypeId, label: 'Championed deal' });
	});

	it('answers the existing label when the same text is created twice, in one run or the next, with one POST in all', async () => {
		const items = [{ label: 'Sponsor' }, { label: 'sponsor ' }];
		const { output: first } = await run('create', items, { fromObjectType: 'deals', toObjectType: 'contacts', label: '={{ $json.label }}' });
		const { output: second } = await run('create', [{ label: 'SPONSOR' }], { fromObjectType: 'deals', toObjectType: 'contacts', label: '={{ $json.label }}' });

		expect(first.map((item) => item.json.status)).toEqual(['created', 'exists']);
		expect(second[0].json).toMatchObject({ status: 'exists', label: 'Sponsor', typeId: first[0].json.typeId, inverseTypeId: first[0].json.inverseTypeId });
		expect(writes()).toHaveLength(1);
		expect(suite.sim.state.labels('deals', 'contacts').filter((type) => type.label === 'Sponsor')).toHaveLength(1);
	});

	it('with Return Existing Label off, fails the item of a label that exists with HubSpot’s reason', async () => {
		const { output } = await run('create', [{}], { label: 'Billing contact', options: { returnExisting: false } });

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept the label "Billing contact" from contacts to companies: HubSpot answered 400: .*already exists/);
		// The labels are read first, to tell this run's label from one that was there should the create's answer be lost.
		expect(sent()).toEqual(['GET contacts/companies/labels', 'POST contacts/companies/labels']);
	});

	it('refuses an empty label text before sending anything', async () => {
		const { output, errorOutput } = await run('create', [{ label: '' }, { label: 'Ok label' }], { label: '={{ $json.label }}', options: { dryRun: true } }, 'continueErrorOutput');

		expect(errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([['Item 0: Label (label) needs the text of the label, got an empty value', { item: 0 }]]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(writes()).toHaveLength(0);
	});
});

describe('Association Label: Update', () => {
	it('renames a label and its inverse', async () => {
		const { output: created } = await run('create', [{}], { fromObjectType: 'deals', toObjectType: 'contacts', label: 'Influencer', inverseLabel: 'Influenced deal' });
		const typeId = created[0].json.typeId as number;

		const { output } = await run('update', [{ id: typeId }], {
			fromObjectType: 'deals',
			toObjectType: 'contacts',
			associationTypeId: '={{ $json.id }}',
			label: 'Key influencer',
			inverseLabel: 'Key-influenced deal',
		});

		expect(output[0]).toEqual({
			json: { status: 'updated', fromObjectType: 'deals', toObjectType: 'contacts', typeId, label: 'Key influencer', inverseLabel: 'Key-influenced deal', previousLabel: 'Influencer' },
			pairedItem: { item: 0 },
		});
		expect(suite.sim.state.labels('deals', 'contacts')).toContainEqual({ category: 'USER_DEFINED', typeId, label: 'Key influencer' });
		expect(suite.sim.state.labels('contacts', 'deals')).toContainEqual({ category: 'USER_DEFINED', typeId: created[0].json.inverseTypeId, label: 'Key-influenced deal' });
		expect(suite.sim.requests.filter((request) => request.method === 'PUT').map((request) => request.body)).toEqual([
			{ associationTypeId: typeId, label: 'Key influencer', inverseLabel: 'Key-influenced deal' },
		]);
	});

	it.each([
		['update', { label: 'Main' }],
		['delete', {}],
	])('%s: refuses HubSpot-defined types before sending, and a type id the direction does not have', async (operation, extra) => {
		const { output } = await run(operation, [{ id: 1 }, { id: 279 }, { id: 4242 }, { id: 36 }], { associationTypeId: '={{ $json.id }}', ...extra, options: { dryRun: true } });

		expect(output[0].json.error).toBe(
			'Item 0: Label (associationTypeId) is 1 ("Primary"), a HUBSPOT_DEFINED type from contacts to companies: HubSpot does not allow its own types to be renamed or deleted, only labels created in the account (USER_DEFINED)',
		);
		expect(output[1].json.error).toMatch(/^Item 1: Label \(associationTypeId\) is 279 \(the unlabeled default\), a HUBSPOT_DEFINED type/);
		expect(output[2].json.error).toBe(
			'Item 2: Label (associationTypeId) is 4242, which is no association type from contacts to companies (the labels that exist: "Billing contact", "Former employee")',
		);
		expect(output[3].json).toMatchObject({ dryRun: true, typeId: 36 });
		expect(sent()).toEqual(['GET contacts/companies/labels']);
	});

	it('checks every item before the first write: a HubSpot-defined type in item 1 stops the node before item 0 is deleted', async () => {
		const { error } = await run('delete', [{ id: 36 }, { id: 1 }], { associationTypeId: '={{ $json.id }}' }, 'stopWorkflow');

		expect(error?.message).toMatch(/^Item 1: Label \(associationTypeId\) is 1 \("Primary"\), a HUBSPOT_DEFINED type/);
		expect(sent()).toEqual(['GET contacts/companies/labels']);
		expect(suite.sim.state.labels('contacts', 'companies').map((type) => type.typeId)).toContain(36);
	});

	it('lists only labels created in the account in its dropdown', async () => {
		const options = await loadOptions('getUserDefinedLabels', parameters('update'), suite.credentials);

		expect(options).toEqual([
			{ name: 'Billing contact (36)', value: 36 },
			{ name: 'Former employee (38)', value: 38 },
		]);
	});
});

describe('Association Label: Delete', () => {
	it('deletes a label: HubSpot removes it from every pair that had it, the associations stay', async () => {
		const { output: created } = await run('create', [{}], { fromObjectType: 'deals', toObjectType: 'contacts', label: 'Temporary' });
		const typeId = created[0].json.typeId as number;
		suite.sim.state.associate('deals', '1', 'contacts', '101', [3, typeId]);
		suite.sim.state.associate('deals', '2', 'contacts', '102', [3, typeId]);

		const { output } = await run('delete', [{}], { fromObjectType: 'deals', toObjectType: 'contacts', associationTypeId: typeId });

		expect(output[0]).toEqual({
			json: { status: 'deleted', fromObjectType: 'deals', toObjectType: 'contacts', typeId, label: 'Temporary' },
			pairedItem: { item: 0 },
		});
		expect(sent().slice(-2)).toEqual(['GET deals/contacts/labels', `DELETE deals/contacts/labels/${typeId}`]);
		for (const [deal, contact] of [['1', '101'], ['2', '102']]) {
			expect(suite.sim.state.associationsBetween('deals', deal, 'contacts', contact)).toEqual([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }]);
		}
		expect(suite.sim.state.labels('deals', 'contacts').map((type) => type.typeId)).not.toContain(typeId);
	});

	it('stops the node on a refusal without Continue On Fail, with the 403 advice', async () => {
		suite.sim.faults.next(1, { status: 403, missingScopes: ['crm.schemas.contacts.write'] });

		const { error } = await run('getAll', [{}], {}, 'stopWorkflow');
		suite.sim.faults.clear();

		expect(error?.message).toMatch(/^Item 0: HubSpot did not accept a read of the labels from contacts to companies: The HubSpot credential lacks the scopes crm.schemas.contacts.write \(403\)/);
	});
});
