import nock from 'nock';
import { assertValidResponse } from '../../../contract/validate';
import { loadOptions, TEST_BASE_URL } from '../../../harness/runWorkflow';

const parameters = { resource: 'association', operation: 'batchCreate', fromObjectType: 'contacts', toObjectType: 'companies' };
const schemasPath = '/crm-object-schemas/2026-03/schemas';

const carsSchema = {
	id: '3456789',
	objectTypeId: '2-3456789',
	name: 'cars',
	fullyQualifiedName: 'p12345678_cars',
	labels: { singular: 'Car', plural: 'Cars' },
	archived: false,
};

afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('the From/To Object Type dropdowns', () => {
	it("list the standard types, then the account's custom objects by type id", async () => {
		const body = { results: [carsSchema, { ...carsSchema, id: '1', objectTypeId: '2-1', name: 'old', labels: { plural: 'Old' }, archived: true }] };
		assertValidResponse('GET', schemasPath, 200, body);
		nock(TEST_BASE_URL).get(schemasPath).reply(200, body);

		const options = await loadOptions('getObjectTypes', parameters);

		expect(options.slice(0, 3).map((option) => option.value)).toEqual(['contacts', 'companies', 'deals']);
		expect(options.find((option) => option.value === '0-8')?.name).toBe('Line Items');
		expect(options.at(-1)).toEqual({
			name: 'Cars (Custom)',
			value: '2-3456789',
			description: 'Custom object type ID 2-3456789, p12345678_cars',
		});
		expect(options.some((option) => option.value === '2-1')).toBe(false);
	});

	it('still list the standard types, and say why, when the custom objects cannot be read', async () => {
		nock(TEST_BASE_URL)
			.get(schemasPath)
			.reply(403, { status: 'error', message: 'missing scopes', correlationId: 'c', category: 'MISSING_SCOPES', context: { missingScopes: ['crm.schemas.custom.read'] } });

		const options = await loadOptions('getObjectTypes', parameters);

		expect(options[0].value).toBe('contacts');
		expect(options.at(-1)?.description).toMatch(/lacks the scopes crm.schemas.custom.read/);
	});

	it('follow the chosen API version', async () => {
		nock(TEST_BASE_URL).get('/crm-object-schemas/2026-09/schemas').reply(200, { results: [] });

		const options = await loadOptions('getObjectTypes', { ...parameters, options: { apiVersion: '2026-09' } });

		expect(options.length).toBeGreaterThan(20);
	});
});

describe('the Association Types dropdown for a direction HubSpot does not support', () => {
	it('says the direction is not supported', async () => {
		nock(TEST_BASE_URL)
			.get('/crm/associations/2026-03/notes/0-7/labels')
			.reply(400, { status: 'error', message: 'Invalid association: notes to products', correlationId: 'c', category: 'VALIDATION_ERROR' });

		await expect(loadOptions('getAssociationTypes', { ...parameters, fromObjectType: 'notes', toObjectType: 'products' })).rejects.toThrow(
			/HubSpot does not support associations from notes to products/,
		);
	});

	it('asks the 2026-09 labels endpoint when that version is chosen', async () => {
		nock(TEST_BASE_URL)
			.get('/crm/associations/2026-09/contacts/companies/labels')
			.reply(200, { results: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] });

		const options = await loadOptions('getAssociationTypes', { ...parameters, options: { apiVersion: '2026-09' } });

		expect(options.map((option) => option.value)).toEqual(['HUBSPOT_DEFINED:279']);
	});
});
