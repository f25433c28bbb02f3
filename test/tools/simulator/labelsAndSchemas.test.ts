import { createInput, itAnsweredEverythingPerContract, startTestSimulator, V3, type TestSimulator } from './simulatorHarness';

describe('simulator labels, schemas, properties and object lookups', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterAll(() => t.sim.close());

	it('lists the types of each direction with their own ids (279 contact→company, 280 company→contact)', async () => {
		const forward = await t.call('GET', `${V3}/contacts/companies/labels`);
		expect(forward.status).toBe(200);
		expect(forward.body.results).toEqual([
			{ category: 'HUBSPOT_DEFINED', typeId: 279 },
			{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
			{ category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' },
			{ category: 'USER_DEFINED', typeId: 38, label: 'Former employee' },
		]);
		const backward = await t.call('GET', `${V3}/0-2/0-1/labels`);
		expect(backward.body.results.map((type: { typeId: number }) => type.typeId)).toEqual([280, 2, 37, 39]);
		expect(backward.body.results[3].label).toBe('Former employer');
	});

	it.each([
		['deals', 'contacts', 3],
		['contacts', 'deals', 4],
		['deals', 'companies', 341],
		['companies', 'deals', 342],
		['tickets', 'contacts', 16],
		['contacts', 'tickets', 15],
		['2-3456789', 'contacts', 901],
	])('has %s→%s unlabeled type %i', async (from, to, typeId) => {
		const answer = await t.call('GET', `${V3}/${from}/${to}/labels`);
		expect(answer.body.results[0]).toEqual({ category: 'HUBSPOT_DEFINED', typeId });
	});

	it('answers 400 for the labels of a direction that has none', async () => {
		const answer = await t.call('GET', `${V3}/notes/2-3456789/labels`);
		expect(answer.status).toBe(400);
		expect(answer.body.category).toBe('VALIDATION_ERROR');
	});

	it('creates a label pair, renames it and deletes it', async () => {
		const created = await t.call('POST', `${V3}/deals/contacts/labels`, { label: 'Champion', name: 'champion', inverseLabel: 'Championed deal' });
		expect(created.status).toBe(200);
		const [forward, backward] = created.body.results;
		expect(forward).toMatchObject({ category: 'USER_DEFINED', label: 'Champion' });
		expect(backward).toMatchObject({ category: 'USER_DEFINED', label: 'Championed deal' });
		expect(t.sim.state.labels('contacts', 'deals')).toContainEqual({ category: 'USER_DEFINED', typeId: backward.typeId, label: 'Championed deal' });

		const renamed = await t.call('PUT', `${V3}/deals/contacts/labels`, { associationTypeId: forward.typeId, label: 'Sponsor' });
		expect(renamed.status).toBe(204);
		expect(t.sim.state.labels('deals', 'contacts')).toContainEqual({ category: 'USER_DEFINED', typeId: forward.typeId, label: 'Sponsor' });

		await t.call('POST', `${V3}/deals/contacts/batch/create`, { inputs: [createInput('1', '101', [['USER_DEFINED', forward.typeId]])] });
		const deleted = await t.call('DELETE', `${V3}/deals/contacts/labels/${forward.typeId}`);
		expect(deleted.status).toBe(204);
		expect(t.sim.state.labels('deals', 'contacts').map((type) => type.typeId)).not.toContain(forward.typeId);
		expect(t.sim.state.associationsBetween('deals', '1', 'contacts', '101')).toEqual([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }]);
	});

	it('refuses to create a label with a name already used and to delete a HubSpot-defined type', async () => {
		expect((await t.call('POST', `${V3}/contacts/companies/labels`, { label: 'Billing', name: 'billing_contact' })).status).toBe(400);
		expect((await t.call('DELETE', `${V3}/contacts/companies/labels/279`)).status).toBe(400);
		expect((await t.call('DELETE', `${V3}/contacts/companies/labels/4242`)).status).toBe(404);
	});

	it('renames the inverse of a paired label, refuses HubSpot’s own types, and deletes by either direction’s id', async () => {
		const created = await t.call('POST', `${V3}/contacts/companies/labels`, { label: 'Advisor', name: 'advisor', inverseLabel: 'Advised company' });
		const [forward, backward] = created.body.results;

		const renamed = await t.call('PUT', `${V3}/contacts/companies/labels`, { associationTypeId: forward.typeId, label: 'Board advisor', inverseLabel: 'Advised board' });
		expect(renamed.status).toBe(204);
		expect(t.sim.state.labels('companies', 'contacts')).toContainEqual({ category: 'USER_DEFINED', typeId: backward.typeId, label: 'Advised board' });
		expect((await t.call('PUT', `${V3}/contacts/companies/labels`, { associationTypeId: 1, label: 'Main' })).status).toBe(400);
		expect((await t.call('PUT', `${V3}/contacts/companies/labels`, { associationTypeId: 4242, label: 'Main' })).status).toBe(404);
		expect((await t.call('PUT', `${V3}/contacts/companies/labels`, { label: 'No id' })).status).toBe(400);

		t.sim.state.associate('contacts', '5', 'companies', '6', [279, forward.typeId]);
		expect((await t.call('DELETE', `${V3}/companies/contacts/labels/${backward.typeId}`)).status).toBe(204);
		expect(t.sim.state.associationsBetween('contacts', '5', 'companies', '6')).toEqual([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }]);
		expect(t.sim.state.labels('contacts', 'companies').map((type) => type.typeId)).not.toContain(forward.typeId);
	});

	it('lists the custom object schemas', async () => {
		const answer = await t.call('GET', '/crm-object-schemas/2026-03/schemas');
		expect(answer.status).toBe(200);
		expect(answer.body.results).toEqual([
			expect.objectContaining({ objectTypeId: '2-3456789', name: 'cars', fullyQualifiedName: 'p12345678_cars', labels: { singular: 'Car', plural: 'Cars' } }),
		]);
	});

	it('lists properties with the unique ones flagged', async () => {
		const answer = await t.call('GET', '/crm/properties/2026-03/contacts');
		expect(answer.status).toBe(200);
		expect(answer.body.results.filter((property: { hasUniqueValue: boolean }) => property.hasUniqueValue).map((property: { name: string }) => property.name)).toEqual(['email']);
	});

	it('looks records up by a unique property and groups the values it cannot find into one error', async () => {
		const answer = await t.call('POST', '/crm/objects/2026-03/contacts/batch/read', {
			idProperty: 'email',
			inputs: [{ id: 'c101@example.com' }, { id: 'C102@Example.com' }, { id: 'nobody@example.com' }, { id: 'c999999@example.com' }],
			properties: ['email'],
			propertiesWithHistory: [],
		});
		expect(answer.status).toBe(207);
		expect(answer.body.results.map((record: { id: string }) => record.id).sort()).toEqual(['101', '102']);
		expect(answer.body.results.find((record: { id: string }) => record.id === '101').properties.email).toBe('c101@example.com');
		expect(answer.body.errors).toEqual([expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['nobody@example.com', 'c999999@example.com'] } })]);
	});

	it('looks custom object records up by id and refuses a property that is not unique', async () => {
		const byId = await t.call('POST', '/crm/objects/2026-03/2-3456789/batch/read', { inputs: [{ id: '5' }], properties: ['vin'], propertiesWithHistory: [] });
		expect(byId.status).toBe(200);
		expect(byId.body.results[0].properties.vin).toBe('VIN-5');
		const notUnique = await t.call('POST', '/crm/objects/2026-03/contacts/batch/read', { idProperty: 'firstname', inputs: [{ id: 'x' }], properties: [], propertiesWithHistory: [] });
		expect(notUnique.status).toBe(400);
	});

	it('rejects more than 100 object lookups', async () => {
		const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) }));
		expect((await t.call('POST', '/crm/objects/2026-03/contacts/batch/read', { inputs, properties: [], propertiesWithHistory: [] })).status).toBe(400);
	});

	itAnsweredEverythingPerContract(() => t);
});
