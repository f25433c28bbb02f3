import { createInput, itAnsweredEverythingPerContract, startTestSimulator, V3, type TestSimulator } from './simulatorHarness';

const typeIds = (types: Array<{ associationTypeId?: number; typeId?: number }>) => types.map((type) => type.associationTypeId ?? type.typeId);

describe('simulator same-object directions (company parent/child, contact Manager/Employee)', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterEach(() => t.sim.state.clearAssociations());
	afterAll(() => t.sim.close());

	it('lists both type ids of a same-object pair in the one direction, unlabeled first', async () => {
		const companies = await t.call('GET', `${V3}/companies/companies/labels`);
		expect(companies.body.results).toEqual([
			{ category: 'HUBSPOT_DEFINED', typeId: 450 },
			{ category: 'HUBSPOT_DEFINED', typeId: 13, label: 'Parent Company' },
			{ category: 'HUBSPOT_DEFINED', typeId: 14, label: 'Child Company' },
		]);
		const contacts = await t.call('GET', `${V3}/contacts/contacts/labels`);
		expect(contacts.body.results).toEqual([
			{ category: 'HUBSPOT_DEFINED', typeId: 449 },
			{ category: 'USER_DEFINED', typeId: 145, label: 'Manager' },
			{ category: 'USER_DEFINED', typeId: 146, label: 'Employee' },
		]);
	});

	it('reads one stored association from both ends, each with its own type id', async () => {
		const created = await t.call('POST', `${V3}/companies/companies/batch/create`, { inputs: [createInput('1', '2', [['HUBSPOT_DEFINED', 13]])] });
		expect(created.body.results[0].labels).toEqual(['Parent Company']);
		expect(typeIds(t.sim.state.associationsBetween('companies', '1', 'companies', '2'))).toEqual([13, 450]);
		expect(typeIds(t.sim.state.associationsBetween('companies', '2', 'companies', '1'))).toEqual([14, 450]);

		const read = await t.call('POST', `${V3}/companies/companies/batch/read`, { inputs: [{ id: '1' }, { id: '2' }] });
		const byFrom = Object.fromEntries(read.body.results.map((result: any) => [result.from.id, result.to]));
		expect(byFrom['1']).toEqual([{ toObjectId: '2', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 450 }, { category: 'HUBSPOT_DEFINED', typeId: 13, label: 'Parent Company' }] }]);
		expect(byFrom['2']).toEqual([{ toObjectId: '1', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 450 }, { category: 'HUBSPOT_DEFINED', typeId: 14, label: 'Child Company' }] }]);
	});

	it('stores a type created from the higher id the same way (the child end asserts 14)', async () => {
		await t.call('POST', `${V3}/companies/companies/batch/create`, { inputs: [createInput('9', '10', [['HUBSPOT_DEFINED', 14]])] });
		expect(typeIds(t.sim.state.associationsBetween('companies', '10', 'companies', '9'))).toEqual([13, 450]);
		t.sim.state.associate('contacts', '7', 'contacts', '5', [145]);
		expect(typeIds(t.sim.state.associationsBetween('contacts', '5', 'contacts', '7'))).toEqual([146, 449]);
	});

	it('removes a same-object label from either end and archives the pair from either end', async () => {
		t.sim.state.associate('contacts', '5', 'contacts', '7', [145]);
		const labels = await t.call('POST', `${V3}/contacts/contacts/batch/labels/archive`, { inputs: [createInput('7', '5', [['USER_DEFINED', 146]])] });
		expect(labels.status).toBe(204);
		expect(typeIds(t.sim.state.associationsBetween('contacts', '5', 'contacts', '7'))).toEqual([449]);

		const archived = await t.call('POST', `${V3}/contacts/contacts/batch/archive`, { inputs: [{ from: { id: '7' }, to: [{ id: '5' }] }] });
		expect(archived.status).toBe(204);
		expect(t.sim.state.associatedIds('contacts', '5', 'contacts')).toEqual([]);
	});

	it('answers the default association with 450 for both directions', async () => {
		const answer = await t.call('POST', `${V3}/companies/companies/batch/associate/default`, { inputs: [{ from: { id: '3' }, to: { id: '4' } }] });
		expect(answer.body.results.map((result: any) => result.associationSpec.associationTypeId)).toEqual([450, 450]);
		expect(t.sim.state.associatedIds('companies', '4', 'companies')).toEqual(['3']);
	});

	it('creates a same-object label pair with distinct inverse ids, renames and deletes it in both directions', async () => {
		const created = await t.call('POST', `${V3}/contacts/contacts/labels`, { label: 'Mentor', name: 'mentor', inverseLabel: 'Mentee' });
		const [mentor, mentee] = created.body.results;
		expect([mentor.label, mentee.label]).toEqual(['Mentor', 'Mentee']);
		expect(mentor.typeId).not.toBe(mentee.typeId);
		t.sim.state.associate('contacts', '20', 'contacts', '21', [mentee.typeId]);
		expect(typeIds(t.sim.state.associationsBetween('contacts', '21', 'contacts', '20'))).toEqual([mentor.typeId, 449].sort((x, y) => x - y));

		await t.call('PUT', `${V3}/contacts/contacts/labels`, { associationTypeId: mentee.typeId, label: 'Protégé' });
		const listed = await t.call('GET', `${V3}/contacts/contacts/labels`);
		expect(listed.body.results).toEqual(expect.arrayContaining([{ category: 'USER_DEFINED', typeId: mentee.typeId, label: 'Protégé' }, { category: 'USER_DEFINED', typeId: mentor.typeId, label: 'Mentor' }]));

		expect((await t.call('DELETE', `${V3}/contacts/contacts/labels/${mentor.typeId}`)).status).toBe(204);
		const after = await t.call('GET', `${V3}/contacts/contacts/labels`);
		expect(typeIds(after.body.results)).toEqual([449, 145, 146]);
		expect(typeIds(t.sim.state.associationsBetween('contacts', '20', 'contacts', '21'))).toEqual([449]);
	});

	itAnsweredEverythingPerContract(() => t);
});
