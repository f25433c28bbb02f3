import { createInput, itAnsweredEverythingPerContract, startTestSimulator, V3, V9, type TestSimulator } from './simulatorHarness';

describe('simulator batch/create', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator({ seed: 7 });
	});
	afterEach(() => t.sim.state.clearAssociations());
	afterAll(() => t.sim.close());

	it('answers 200 with one result per input, in a shuffled order', async () => {
		const inputs = Array.from({ length: 20 }, (_, i) => createInput(String(101 + i), String(201 + i), [['HUBSPOT_DEFINED', 279]]));
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs });
		expect(answer.status).toBe(200);
		expect(answer.body.status).toBe('COMPLETE');
		expect(answer.body.errors).toBeUndefined();
		const fromIds = answer.body.results.map((result: { fromObjectId: string }) => result.fromObjectId);
		expect([...fromIds].sort()).toEqual(inputs.map((input) => input.from.id).sort());
		expect(fromIds).not.toEqual(inputs.map((input) => input.from.id));
		expect(answer.body.results[0]).toMatchObject({ fromObjectTypeId: '0-1', toObjectTypeId: '0-2', labels: [] });
	});

	it('stores the association once and reads it from both directions', async () => {
		await t.call('POST', `${V3}/0-1/0-2/batch/create`, { inputs: [createInput('101', '201', [['USER_DEFINED', 36]])] });
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '201')).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
		]);
		expect(t.sim.state.associationsBetween('companies', '201', 'contacts', '101')).toEqual([
			{ associationCategory: 'USER_DEFINED', associationTypeId: 37 },
			{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 },
		]);
	});

	it('returns the labels now on the pair, leaving out the unlabeled type', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, {
			inputs: [createInput('101', '201', [['USER_DEFINED', 36], ['USER_DEFINED', 38]])],
		});
		expect(answer.body.results[0].labels.sort()).toEqual(['Billing contact', 'Former employee']);
	});

	it('replaces the labels of a pair when it is created again with other types', async () => {
		await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('102', '202', [['USER_DEFINED', 36]])] });
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('102', '202', [['USER_DEFINED', 38]])] });
		expect(answer.body.results[0].labels).toEqual(['Former employee']);
		expect(t.sim.state.associationsBetween('0-1', '102', '0-2', '202').map((type) => type.associationTypeId)).toEqual([38, 279]);
	});

	it('adds the requested types to the pair’s labels when switched to keep them', async () => {
		t.sim.state.settings.createLabels = 'keep';
		try {
			await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('102', '202', [['USER_DEFINED', 36]])] });
			const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('102', '202', [['USER_DEFINED', 38]])] });
			expect(answer.body.results[0].labels.sort()).toEqual(['Billing contact', 'Former employee']);
		} finally {
			t.sim.state.settings.createLabels = 'replace';
		}
	});

	it('accepts re-creating a pair with the same type', async () => {
		const body = { inputs: [createInput('103', '203', [['HUBSPOT_DEFINED', 279]])] };
		await t.call('POST', `${V3}/contacts/companies/batch/create`, body);
		expect((await t.call('POST', `${V3}/contacts/companies/batch/create`, body)).status).toBe(200);
		expect(t.sim.state.associationCount).toBe(1);
	});

	it('moves a primary association: a contact has one primary company', async () => {
		await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('104', '204', [['HUBSPOT_DEFINED', 1]])] });
		await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('104', '205', [['HUBSPOT_DEFINED', 1]])] });
		expect(t.sim.state.associationsBetween('0-1', '104', '0-2', '204').map((type) => type.associationTypeId)).toEqual([279]);
		expect(t.sim.state.associationsBetween('0-1', '104', '0-2', '205').map((type) => type.associationTypeId)).toEqual([1, 279]);
	});

	it('answers 207 with an error naming the unknown from id, and creates the other inputs', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, {
			inputs: [createInput('38374264688', '201', [['HUBSPOT_DEFINED', 279]]), createInput('105', '205', [['HUBSPOT_DEFINED', 279]])],
		});
		expect(answer.status).toBe(207);
		expect(answer.body.results).toHaveLength(1);
		expect(answer.body.numErrors).toBe(1);
		expect(answer.body.errors[0]).toEqual({
			status: 'error',
			category: 'VALIDATION_ERROR',
			message: expect.stringContaining('CONTACT=38374264688'),
			context: { INVALID_OBJECT_IDS: ['CONTACT=38374264688 is not valid'], objectId: ['38374264688'], objectType: ['CONTACT'] },
			links: {},
			errors: [],
		});
		expect(t.sim.state.associationsBetween('0-1', '105', '0-2', '205')).toHaveLength(1);
	});

	it('names the to-side type when the unknown id is the to id', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('106', '999999', [['HUBSPOT_DEFINED', 279]])] });
		expect(answer.status).toBe(207);
		expect(answer.body.errors[0].context).toMatchObject({ objectId: ['999999'], objectType: ['COMPANY'] });
	});

	it('fails an input whose type id is not defined for the direction (279 is contact→company only)', async () => {
		const answer = await t.call('POST', `${V3}/companies/contacts/batch/create`, { inputs: [createInput('201', '101', [['HUBSPOT_DEFINED', 279]])] });
		expect(answer.status).toBe(207);
		expect(answer.body.errors[0].context).toMatchObject({ associationTypeId: ['279'], fromObjectId: ['201'], toObjectId: ['101'] });
	});

	it('fails an input whose category does not match the type id', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('101', '201', [['HUBSPOT_DEFINED', 36]])] });
		expect(answer.status).toBe(207);
		expect(answer.body.errors[0].message).toMatch(/USER_DEFINED/);
	});

	it('answers 201 when switched to the spec status', async () => {
		t.sim.state.settings.createSuccessStatus = 201;
		try {
			const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('107', '207', [['HUBSPOT_DEFINED', 279]])] });
			expect(answer.status).toBe(201);
		} finally {
			t.sim.state.settings.createSuccessStatus = 200;
		}
	});

	it('answers 200 with errors and numErrors in the body under 2026-09', async () => {
		const answer = await t.call('POST', `${V9}/contacts/companies/batch/create`, {
			inputs: [createInput('108', '208', [['HUBSPOT_DEFINED', 279]]), createInput('0', '208', [['HUBSPOT_DEFINED', 279]])],
		});
		expect(answer.status).toBe(200);
		expect(answer.body.numErrors).toBe(1);
		expect(answer.body.errors[0].context.objectId).toEqual(['0']);
		expect(answer.body.results).toHaveLength(1);
	});

	it('rejects 2,001 inputs with 400 VALIDATION_ERROR and creates nothing', async () => {
		const inputs = Array.from({ length: 2001 }, (_, i) => createInput(String(1 + i), '201', [['HUBSPOT_DEFINED', 279]]));
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs });
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(t.sim.state.associationCount).toBe(0);
	});

	it('accepts exactly 2,000 inputs', async () => {
		const inputs = Array.from({ length: 2000 }, (_, i) => createInput(String(1 + i), '201', [['HUBSPOT_DEFINED', 279]]));
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs });
		expect(answer.status).toBe(200);
		expect(t.sim.state.associatedIds('companies', '201', 'contacts')).toHaveLength(2000);
	});

	it('rejects a type without its associationCategory as a whole request', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, {
			inputs: [{ from: { id: '101' }, to: { id: '201' }, types: [{ associationTypeId: 279 }] }],
		});
		expect(answer.status).toBe(400);
		expect(answer.body.message).toMatch(/some of required attributes are not set \[associationCategory\]/);
	});

	it('answers 400 for a direction without association types and for an unknown object type', async () => {
		const noTypes = await t.call('POST', `${V3}/notes/2-3456789/batch/create`, { inputs: [] });
		expect(noTypes.status).toBe(400);
		const unknown = await t.call('POST', `${V3}/widgets/contacts/batch/create`, { inputs: [] });
		expect(unknown.status).toBe(400);
		expect(unknown.body.message).toBe('Unable to infer object type from: widgets');
	});

	it('addresses the custom object by type id and by fully qualified name', async () => {
		const byId = await t.call('POST', `${V3}/2-3456789/contacts/batch/create`, { inputs: [createInput('1', '101', [['USER_DEFINED', 907]])] });
		expect(byId.body.results[0]).toMatchObject({ fromObjectTypeId: '2-3456789', labels: ['Owner'] });
		const byName = await t.call('POST', `${V3}/p12345678_cars/contacts/batch/create`, { inputs: [createInput('2', '101', [['HUBSPOT_DEFINED', 901]])] });
		expect(byName.status).toBe(200);
		expect(t.sim.state.associationsBetween('contacts', '101', '2-3456789', '1').map((type) => type.associationTypeId)).toEqual([902, 908]);
	});

	it('knows records added by a test', async () => {
		t.sim.state.addRecord('0-1', '38374264688');
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/create`, { inputs: [createInput('38374264688', '201', [['HUBSPOT_DEFINED', 279]])] });
		expect(answer.status).toBe(200);
		t.sim.state.removeRecord('0-1', '38374264688');
		expect(t.sim.state.hasRecord('contacts', '38374264688')).toBe(false);
	});

	itAnsweredEverythingPerContract(() => t);
});
