import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { assertValidResponse } from '../../contract/validate';
import nock from 'nock';
import { runNode, TEST_BASE_URL } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

function parameters(operation: string, overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'association',
		operation,
		fromObjectType: 'contacts',
		toObjectType: 'companies',
		fromObjectId: '={{ $json.contactId }}',
		toObjectId: '={{ $json.companyId }}',
		...overrides,
	};
}

async function run(operation: string, items: IDataObject[], overrides: INodeParameters = {}) {
	return await runNode({ items, parameters: parameters(operation, overrides), credentials: suite.credentials, onError: 'continueRegularOutput' });
}

const typeIds = (contactId: string, companyId: string) =>
	suite.sim.state
		.associationsBetween('contacts', contactId, 'companies', companyId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);

describe('Batch Create Default Associations', () => {
	it("creates HubSpot's unlabeled association for each pair and reports its type", async () => {
		const { output, error } = await run('batchCreateDefault', [
			{ contactId: '11', companyId: '21' },
			{ contactId: '12', companyId: '999999' },
			{ contactId: '13', companyId: '23' },
		]);

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({
			status: 'created',
			fromObjectType: 'contacts',
			fromObjectId: '11',
			toObjectType: 'companies',
			toObjectId: '21',
			types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
		});
		expect(output[1].json.error).toMatch(/^Item 1: HubSpot did not accept contacts 12 → companies 999999: .*999999/);
		expect(output[2].json.status).toBe('created');
		expect(typeIds('11', '21')).toEqual([279]);
		expect(suite.sim.requests.filter((request) => request.path.endsWith('/batch/associate/default'))).toHaveLength(1);
	});
});

describe('Batch Remove Associations', () => {
	it('removes every type between each pair, grouping the to-records of one from-record in one input', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);
		suite.sim.state.associate('contacts', '11', 'companies', '22', [279]);
		suite.sim.state.associate('contacts', '12', 'companies', '21', [279]);

		const { output } = await run('batchArchive', [
			{ contactId: '11', companyId: '21' },
			{ contactId: '11', companyId: '22' },
		]);

		expect(output.map((item) => item.json.status)).toEqual(['removed', 'removed']);
		expect(output[1]).toEqual({
			json: { status: 'removed', fromObjectType: 'contacts', fromObjectId: '11', toObjectType: 'companies', toObjectId: '22' },
			pairedItem: { item: 1 },
		});
		expect(typeIds('11', '21')).toEqual([]);
		expect(typeIds('11', '22')).toEqual([]);
		expect(typeIds('12', '21')).toEqual([279]);
		const archive = suite.sim.requests.find((request) => request.path.endsWith('/batch/archive'));
		expect(archive?.body).toEqual({ inputs: [{ from: { id: '11' }, to: [{ id: '21' }, { id: '22' }] }] });
	});
});

describe('Batch Remove Association Labels', () => {
	it('removes only the chosen labels and keeps the association', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36, 38]);

		const { output } = await run('batchArchiveLabels', [{ contactId: '11', companyId: '21' }], { associationTypes: ['USER_DEFINED:36'] });

		expect(output[0].json).toEqual({
			status: 'labelsRemoved',
			fromObjectType: 'contacts',
			fromObjectId: '11',
			toObjectType: 'companies',
			toObjectId: '21',
			types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }],
		});
		expect(typeIds('11', '21')).toEqual([38, 279]);
	});

	it('fails the pair a 200 answer names in its errors, and reports the others removed', async () => {
		const path = '/crm/associations/2026-03/contacts/companies/batch/labels/archive';
		const reply = {
			status: 'COMPLETE',
			results: [],
			startedAt: '2026-11-29T10:00:00.000Z',
			completedAt: '2026-11-29T10:00:01.000Z',
			numErrors: 1,
			errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'COMPANY=999999 is not valid', context: { objectId: ['999999'] }, links: {}, errors: [] }],
		};
		assertValidResponse('POST', path, 200, reply);
		nock(TEST_BASE_URL).post(path).reply(200, reply);

		const { output } = await runNode({
			items: [
				{ contactId: '11', companyId: '21' },
				{ contactId: '12', companyId: '999999' },
			],
			parameters: parameters('batchArchiveLabels', { associationTypes: ['USER_DEFINED:36'] }),
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.status).toBe('labelsRemoved');
		expect(output[1].json.error).toBe('Item 1: HubSpot did not accept contacts 12 → companies 999999: COMPANY=999999 is not valid');
	});
});

// Contact 30000 → company 202 is removed; contact 101 → company 30000 names a company that does not exist.
const sharingCompany30000 = [
	{ contactId: '30000', companyId: '202' },
	{ contactId: '101', companyId: '30000' },
];

async function removeWith(operation: 'batchArchive' | 'batchArchiveLabels', error: Record<string, unknown>) {
	const action = operation === 'batchArchive' ? 'batch/archive' : 'batch/labels/archive';
	const path = `/crm/associations/2026-03/contacts/companies/${action}`;
	const reply = {
		status: 'COMPLETE',
		results: [],
		startedAt: '2026-11-29T10:00:00.000Z',
		completedAt: '2026-11-29T10:00:01.000Z',
		numErrors: 1,
		errors: [{ status: 'error', category: 'VALIDATION_ERROR', links: {}, errors: [], ...error }],
	};
	assertValidResponse('POST', path, 200, reply);
	nock(TEST_BASE_URL).post(path).reply(200, reply);
	return await runNode({
		items: sharingCompany30000,
		parameters: parameters(operation, operation === 'batchArchiveLabels' ? { associationTypes: ['USER_DEFINED:36'] } : {}),
		onError: 'continueRegularOutput',
	});
}

describe.each(['batchArchive', 'batchArchiveLabels'] as const)('%s: an error naming an id both items share, on one side', (operation) => {
	const done = operation === 'batchArchive' ? 'removed' : 'labelsRemoved';

	it('"COMPANY=30000" in the message with a bare objectId in context fails only the item with company 30000', async () => {
		const { output } = await removeWith(operation, { message: 'One or more object ids are invalid: COMPANY=30000 is not valid', context: { objectId: ['30000'] } });

		expect(output.map((item) => item.json.status ?? item.json.error)).toEqual([done, expect.stringMatching(/^Item 1: .*COMPANY=30000/)]);
	});

	it('context objectId ["30000"] with objectType ["COMPANY"] fails only the item with company 30000', async () => {
		const { output } = await removeWith(operation, { message: 'One or more object ids are invalid', context: { objectId: ['30000'], objectType: ['COMPANY'] } });

		expect(output.map((item) => item.json.status ?? item.json.error)).toEqual([done, expect.stringMatching(/^Item 1: /)]);
	});
});
