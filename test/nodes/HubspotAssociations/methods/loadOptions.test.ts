import nock from 'nock';
import { assertValidResponse } from '../../../contract/validate';
import { loadOptions, TEST_BASE_URL } from '../../../harness/runWorkflow';

const parameters = { resource: 'association', operation: 'batchCreate', fromObjectType: 'contacts', toObjectType: 'companies' };
const labelsPath = '/crm/associations/2026-03/contacts/companies/labels';

function mockLabels(status: number, body: unknown) {
	assertValidResponse('GET', labelsPath, status, body);
	return nock(TEST_BASE_URL).get(labelsPath).reply(status, body as nock.Body);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('the Association Types dropdown', () => {
	it('lists the types of the chosen direction: unlabeled first, labels next, primary last and marked', async () => {
		mockLabels(200, {
			results: [
				{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
				{ category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' },
				{ category: 'HUBSPOT_DEFINED', typeId: 279 },
			],
		});

		const options = await loadOptions('getAssociationTypes', parameters);

		expect(options.map((option) => option.value)).toEqual(['HUBSPOT_DEFINED:279', 'USER_DEFINED:36', 'HUBSPOT_DEFINED:1']);
		expect(options[0]).toMatchObject({ name: 'Unlabeled', value: 'HUBSPOT_DEFINED:279' });
		expect(options[1]).toMatchObject({ name: 'Billing contact', description: 'USER_DEFINED:36' });
		expect(options[2].name).toBe('⚠ Primary');
	});

	it('asks HubSpot with the OAuth2 token for the direction the node is set to', async () => {
		const scope = nock(TEST_BASE_URL, { reqheaders: { authorization: 'Bearer test-access-token' } })
			.get('/crm/associations/2026-03/deals/0-5/labels')
			.reply(200, { results: [{ category: 'HUBSPOT_DEFINED', typeId: 27 }] });

		const options = await loadOptions('getAssociationTypes', { ...parameters, fromObjectType: 'deals', toObjectType: '0-5' });

		expect(scope.isDone()).toBe(true);
		expect(options).toHaveLength(1);
	});

	it('says so instead of showing an empty list when HubSpot has no types for the direction', async () => {
		mockLabels(200, { results: [] });

		await expect(loadOptions('getAssociationTypes', parameters)).rejects.toThrow(/HubSpot lists no association types from contacts to companies/);
	});

	it("passes on HubSpot's error when the labels cannot be read", async () => {
		mockLabels(403, {
			status: 'error',
			message: 'missing scopes',
			correlationId: 'c-1',
			category: 'MISSING_SCOPES',
			errors: [{ message: 'x', context: { missingScopes: ['crm.objects.contacts.read'] } }],
		});

		await expect(loadOptions('getAssociationTypes', parameters)).rejects.toThrow(/lacks the scopes crm.objects.contacts.read/);
	});

	it('says the list needs a fixed object type when one is an expression, without a request', async () => {
		await expect(loadOptions('getAssociationTypes', { ...parameters, fromObjectType: '={{ $json.type }}' })).rejects.toThrow(
			'The association types can be listed only for a fixed From Object Type: pick one from the list, or give the association types by expression too',
		);
		await expect(loadOptions('getUserDefinedLabels', { ...parameters, toObjectType: '={{ $json.type }}' })).rejects.toThrow(/only for a fixed To Object Type/);
	});

	it("says the same of an expression n8n's editor could not resolve before asking (it sends null, or nothing)", async () => {
		for (const unresolved of [null, '']) {
			await expect(loadOptions('getAssociationTypes', { ...parameters, fromObjectType: unresolved })).rejects.toThrow(/only for a fixed From Object Type/);
		}
	});

	it('refuses an object type that could change the URL, without a request', async () => {
		await expect(loadOptions('getAssociationTypes', { ...parameters, toObjectType: '../owners' })).rejects.toThrow(/To Object Type must be an object type/);
	});
});
