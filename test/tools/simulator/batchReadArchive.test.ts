import { createInput, itAnsweredEverythingPerContract, startTestSimulator, V3, V9, type TestSimulator } from './simulatorHarness';

describe('simulator batch/associate/default, batch/archive, batch/labels/archive and batch/read', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterEach(() => {
		t.sim.state.clearAssociations();
		t.sim.state.settings.readPageSize = 500;
		t.sim.state.settings.readWithoutAssociations = 'empty';
	});
	afterAll(() => t.sim.close());

	it('creates the unlabeled association and answers it for both directions', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/associate/default`, { inputs: [{ from: { id: '101' }, to: { id: '201' } }] });
		expect(answer.status).toBe(200);
		expect(answer.body.results).toEqual(
			expect.arrayContaining([
				{ from: { id: '101' }, to: { id: '201' }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 } },
				{ from: { id: '201' }, to: { id: '101' }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 } },
			]),
		);
	});

	it('keeps existing labels when the default association is added', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201', [36]);
		await t.call('POST', `${V3}/contacts/companies/batch/associate/default`, { inputs: [{ from: { id: '101' }, to: { id: '201' } }] });
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '201').map((type) => type.associationTypeId)).toEqual([36, 279]);
	});

	it('reports unknown ids of a default association as errors in a 200 body', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/associate/default`, { inputs: [{ from: { id: '101' }, to: { id: '99999999' } }] });
		expect(answer.status).toBe(200);
		expect(answer.body.results).toEqual([]);
		expect(answer.body.errors[0].context.objectId).toEqual(['99999999']);
	});

	it('archives every type of each pair with 204', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201', [36, 1]);
		t.sim.state.associate('contacts', '101', 'companies', '202');
		t.sim.state.associate('contacts', '101', 'companies', '203');
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/archive`, { inputs: [{ from: { id: '101' }, to: [{ id: '201' }, { id: '202' }] }] });
		expect(answer.status).toBe(204);
		expect(answer.body).toBeUndefined();
		expect(t.sim.state.associatedIds('contacts', '101', 'companies')).toEqual(['203']);
	});

	it('archives from the reverse direction too', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201');
		await t.call('POST', `${V3}/companies/contacts/batch/archive`, { inputs: [{ from: { id: '201' }, to: [{ id: '101' }] }] });
		expect(t.sim.state.associationCount).toBe(0);
	});

	it('removes only the given labels with batch/labels/archive', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201', [36, 38]);
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/labels/archive`, { inputs: [createInput('101', '201', [['USER_DEFINED', 36]])] });
		expect(answer.status).toBe(204);
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '201').map((type) => type.associationTypeId)).toEqual([38, 279]);
	});

	it('removes the whole association when the unlabeled type is archived', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201', [36, 38]);
		await t.call('POST', `${V3}/contacts/companies/batch/labels/archive`, { inputs: [createInput('101', '201', [['HUBSPOT_DEFINED', 279]])] });
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '201')).toEqual([]);
	});

	it('rejects a labels archive naming a type of another direction and changes nothing', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201', [36]);
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/labels/archive`, {
			inputs: [createInput('101', '201', [['USER_DEFINED', 36]]), createInput('101', '201', [['USER_DEFINED', 37]])],
		});
		expect(answer.status).toBe(400);
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '201')).toHaveLength(2);
	});

	it('fails only the archived pairs naming a record that does not exist, in a 200 body, and applies the others', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201');
		t.sim.state.associate('contacts', '101', 'companies', '99999999');
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/archive`, { inputs: [{ from: { id: '101' }, to: [{ id: '201' }, { id: '99999999' }] }] });
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ status: 'COMPLETE', results: [], numErrors: 1 });
		expect(answer.body.errors[0].context.objectId).toEqual(['99999999']);
		expect(t.sim.state.associatedIds('contacts', '101', 'companies')).toEqual(['99999999']);
	});

	it('fails only the label removals naming a record that does not exist, in a 200 body', async () => {
		t.sim.state.associate('contacts', '101', 'companies', '201', [36]);
		t.sim.state.associate('contacts', '101', 'companies', '99999999', [36]);
		const answer = await t.call('POST', `${V9}/contacts/companies/batch/labels/archive`, {
			inputs: [createInput('101', '201', [['USER_DEFINED', 36]]), createInput('101', '99999999', [['USER_DEFINED', 36]])],
		});
		expect(answer.status).toBe(200);
		expect(answer.body.errors.map((error: { context: { objectId: string[] } }) => error.context.objectId)).toEqual([['99999999']]);
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '201').map((type) => type.associationTypeId)).toEqual([279]);
		expect(t.sim.state.associationsBetween('0-1', '101', '0-2', '99999999').map((type) => type.associationTypeId)).toEqual([36, 279]);
	});

	it('reads associations with their types and labels in the asked direction', async () => {
		t.sim.state.associate('companies', '201', 'contacts', '101', [37]);
		t.sim.state.associate('companies', '201', 'contacts', '102');
		const answer = await t.call('POST', `${V3}/companies/contacts/batch/read`, { inputs: [{ id: '201' }, { id: '202' }] });
		expect(answer.status).toBe(200);
		const first = answer.body.results.find((result: { from: { id: string } }) => result.from.id === '201');
		expect(first.to).toEqual([
			{
				toObjectId: '101',
				associationTypes: [
					{ category: 'HUBSPOT_DEFINED', typeId: 280 },
					{ category: 'USER_DEFINED', typeId: 37, label: 'Billing contact' },
				],
			},
			{ toObjectId: '102', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 280 }] },
		]);
		expect(answer.body.results.find((result: { from: { id: string } }) => result.from.id === '202').to).toEqual([]);
	});

	it('pages the associated records of one id with after cursors', async () => {
		for (let id = 1; id <= 1200; id++) t.sim.state.associate('companies', '201', 'contacts', String(id));
		const seen: string[] = [];
		let after: string | undefined;
		let pages = 0;
		do {
			const answer = await t.call('POST', `${V3}/companies/contacts/batch/read`, { inputs: [{ id: '201', ...(after ? { after } : {}) }] });
			const [result] = answer.body.results;
			seen.push(...result.to.map((to: { toObjectId: string }) => to.toObjectId));
			after = result.paging?.next?.after;
			pages++;
		} while (after);
		expect(pages).toBe(3);
		expect(seen).toHaveLength(1200);
		expect(new Set(seen).size).toBe(1200);
	});

	it('pages at a smaller size when a test sets one', async () => {
		for (let id = 1; id <= 5; id++) t.sim.state.associate('contacts', '101', 'deals', String(id));
		t.sim.state.settings.readPageSize = 2;
		const answer = await t.call('POST', `${V3}/contacts/deals/batch/read`, { inputs: [{ id: '101' }] });
		expect(answer.body.results[0].to.map((to: { toObjectId: string }) => to.toObjectId)).toEqual(['1', '2']);
		expect(answer.body.results[0].paging.next.after).toEqual(expect.any(String));
	});

	it('answers 207 with an error for an unknown id under 2026-03 and 200 under 2026-09', async () => {
		const v3 = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '101' }, { id: '777777777' }] });
		expect(v3.status).toBe(207);
		expect(v3.body.errors[0].context.objectId).toEqual(['777777777']);
		const v9 = await t.call('POST', `${V9}/contacts/companies/batch/read`, { inputs: [{ id: '777777777' }] });
		expect(v9.status).toBe(200);
		expect(v9.body.numErrors).toBe(1);
	});

	it('reports a record without associations as an error when switched to HubSpot’s observed behaviour', async () => {
		t.sim.state.settings.readWithoutAssociations = 'error';
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '101' }] });
		expect(answer.status).toBe(207);
		expect(answer.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', message: 'No company is associated with contact 101.' });
	});

	it('rejects more than 1,000 read inputs with 400', async () => {
		const inputs = Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) }));
		expect((await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs })).status).toBe(400);
	});

	it('rejects a cursor it did not issue', async () => {
		const answer = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '101', after: '!!not-a-cursor' }] });
		expect(answer.status).toBe(400);
	});

	itAnsweredEverythingPerContract(() => t);
});
