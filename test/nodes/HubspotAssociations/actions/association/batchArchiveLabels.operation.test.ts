import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { toolDescriptionFields } from '../../../../../nodes/HubspotAssociations/actions/toolDescription';
import { runNode } from '../../../../harness/runWorkflow';
import { useSimulator } from '../../../../harness/simulatorSuite';

const suite = useSimulator();

async function removeLabels(items: IDataObject[], overrides: INodeParameters = {}) {
	const parameters = {
		resource: 'association',
		operation: 'batchArchiveLabels',
		fromObjectType: 'contacts',
		toObjectType: 'companies',
		fromObjectId: '={{ $json.from }}',
		toObjectId: '={{ $json.to }}',
		associationTypes: '={{ $json.types }}',
		...overrides,
	};
	return await runNode({ items, parameters, credentials: suite.credentials, onError: 'continueRegularOutput' });
}

const typesOn = (contactId: string, companyId: string) => suite.sim.state.associationsBetween('contacts', contactId, 'companies', companyId).map((spec) => spec.associationTypeId);
const reads = () => suite.sim.requests.filter((request) => request.method === 'GET').map((request) => request.path);

beforeEach(() => {
	for (const id of ['11', '12']) suite.sim.state.addRecord('contacts', id);
	for (const id of ['21', '22']) suite.sim.state.addRecord('companies', id);
	suite.sim.state.associate('contacts', '11', 'companies', '21', [36, 38]);
	suite.sim.state.associate('contacts', '12', 'companies', '22', [36]);
});

describe('Batch Remove Association Labels and the unlabeled type', () => {
	it('answers "removed" for an item whose types hold the unlabeled type: HubSpot removed the association with all its labels', async () => {
		const { output } = await removeLabels([
			{ from: '11', to: '21', types: 'HUBSPOT_DEFINED:279' },
			{ from: '12', to: '22', types: 'USER_DEFINED:36' },
		]);

		expect(typesOn('11', '21')).toEqual([]);
		expect(typesOn('12', '22')).toEqual([279]);
		expect(output.map((item) => item.json)).toEqual([
			{
				status: 'removed',
				fromObjectType: 'contacts',
				fromObjectId: '11',
				toObjectType: 'companies',
				toObjectId: '21',
				types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
				note: 'The unlabeled type (279) carries the association itself: HubSpot removed the association with all its labels.',
			},
			{
				status: 'labelsRemoved',
				fromObjectType: 'contacts',
				fromObjectId: '12',
				toObjectType: 'companies',
				toObjectId: '22',
				types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }],
			},
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(reads()).toEqual(['/crm/associations/2026-03/contacts/companies/labels']);
	});

	it('reads no labels when every item removes only user-defined labels or primary types (counterpart)', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [1, 36]);
		const { output } = await removeLabels([{ from: '11', to: '21', types: ['USER_DEFINED:36', 'HUBSPOT_DEFINED:1'] }]);

		expect(output[0].json.status).toBe('labelsRemoved');
		expect(typesOn('11', '21')).toEqual([279]);
		expect(reads()).toEqual([]);
	});

	it('tells the model in its tool description that removing the unlabeled type removes the link', () => {
		const field = toolDescriptionFields.find((candidate) => candidate.displayOptions?.show?.operation?.includes('batchArchiveLabels'))!;
		expect(field.default).not.toMatch(/keeping the link\./);
		expect(field.default).toMatch(/unlabeled .*removes the link itself.*"removed"/);
	});
});
