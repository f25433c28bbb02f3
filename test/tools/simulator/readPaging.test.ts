import { itAnsweredEverythingPerContract, startTestSimulator, V3, type TestSimulator } from './simulatorHarness';

describe('simulator batch/read paging by association type', () => {
	let t: TestSimulator;

	beforeAll(async () => {
		t = await startTestSimulator();
	});
	afterEach(() => {
		t.sim.state.clearAssociations();
		t.sim.state.settings.readPageSize = 500;
		t.sim.state.settings.readPaging = 'byRecord';
	});
	afterAll(() => t.sim.close());

	it('splits a to-record with several types across two pages, listing it on both', async () => {
		t.sim.state.associate('contacts', '11', 'companies', '21', [36]);
		t.sim.state.associate('contacts', '11', 'companies', '22', [36, 38]);
		t.sim.state.settings.readPaging = 'byType';
		t.sim.state.settings.readPageSize = 3;

		const first = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '11' }] });
		const [page1] = first.body.results;
		expect(page1.to.map((to: any) => [to.toObjectId, to.associationTypes.map((type: any) => type.typeId)])).toEqual([
			['21', [279, 36]],
			['22', [279]],
		]);
		const second = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '11', after: page1.paging.next.after }] });
		const [page2] = second.body.results;
		expect(page2.to.map((to: any) => [to.toObjectId, to.associationTypes.map((type: any) => type.typeId)])).toEqual([['22', [36, 38]]]);
		expect(page2.paging).toBeUndefined();
	});

	it('pages whole to-records by default', async () => {
		t.sim.state.associate('contacts', '11', 'companies', '21', [36]);
		t.sim.state.associate('contacts', '11', 'companies', '22', [36, 38]);
		t.sim.state.settings.readPageSize = 1;
		const first = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '11' }] });
		expect(first.body.results[0].to).toHaveLength(1);
		const second = await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '11', after: first.body.results[0].paging.next.after }] });
		expect(second.body.results[0].to.map((to: any) => to.associationTypes.length)).toEqual([3]);
	});

	itAnsweredEverythingPerContract(() => t);
});
