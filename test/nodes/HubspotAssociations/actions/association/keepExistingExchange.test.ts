import type { IDataObject } from 'n8n-workflow';
import { batchCreateParameters, runNode } from '../../../../harness/runWorkflow';
import { useSimulator } from '../../../../harness/simulatorSuite';

const suite = useSimulator();
afterEach(() => suite.sim.faults.clear());

const typeIds = (contactId: string, companyId: string) =>
	suite.sim.state
		.associationsBetween('contacts', contactId, 'companies', companyId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);

async function keep(items: IDataObject[], options: IDataObject = {}) {
	return await runNode({
		items,
		parameters: batchCreateParameters({ associationTypes: '={{ $json.types }}', options: { keepExistingLabels: true, ...options } as never }),
		credentials: suite.credentials,
		onError: 'continueRegularOutput',
	});
}

const heldFrom = (from: string, fromId: string, to: string, toId: string) =>
	suite.sim.state
		.associationsBetween(from, fromId, to, toId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);
const actions = () => suite.sim.requests.map((request) => request.path.split('/').slice(-2).join('/'));
const createBodies = () =>
	suite.sim.requests
		.filter((request) => request.path.endsWith('/batch/create'))
		.map((request) => (request.body as { inputs: Array<{ to: { id: string }; types: Array<{ associationTypeId: number }> }> }).inputs.map((input) => [input.to.id, input.types.map((type) => type.associationTypeId)]));

describe('Keep Existing Labels and a primary the same run moves', () => {
	beforeEach(() => suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 1]));

	it.each([
		['in one batch', {}],
		['in separate batches', { batchSize: 1 }],
	])('does not copy the old primary back onto its pair when an item moves it to another pair (%s)', async (_case, options) => {
		const { output } = await keep(
			[
				{ contactId: '11', companyId: '22', types: 'HUBSPOT_DEFINED:1' },
				{ contactId: '11', companyId: '21', types: 'USER_DEFINED:36' },
			],
			options,
		);

		expect(typeIds('11', '22')).toEqual([1, 279]);
		expect(typeIds('11', '21')).toEqual([36, 279]);
		expect(createBodies().flat()).toEqual([
			['22', [1]],
			['21', [36, 279]],
		]);
		expect(output.map((item) => [item.json.status, item.json.labels])).toEqual([
			['created', ['Primary']],
			['created', ['Billing contact']],
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('gives the primary back to its old pair when the item moving it failed', async () => {
		const { output } = await keep([
			{ contactId: '11', companyId: '99999', types: 'HUBSPOT_DEFINED:1' },
			{ contactId: '11', companyId: '21', types: 'USER_DEFINED:36' },
		]);

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept contacts 11 → companies 99999/);
		expect(output[1].json.status).toBe('created');
		expect(typeIds('11', '21')).toEqual([1, 36, 279]);
		expect(createBodies()[1]).toEqual([['21', [36, 1, 279]]]);
	});

	it('gives the primary back when the item moving it failed, even when the read after the write fails', async () => {
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });
		const { output } = await keep(
			[
				{ contactId: '11', companyId: '99999', types: 'HUBSPOT_DEFINED:1' },
				{ contactId: '11', companyId: '21', types: 'USER_DEFINED:36' },
			],
			{ maxRetries: 0 },
		);

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept contacts 11 → companies 99999/);
		expect(output[1].json.status).toBe('created');
		expect(typeIds('11', '21')).toEqual([1, 36, 279]);
	});

	it('does not write again when two items of one batch ask for the same primary type on two pairs: HubSpot keeps the last', async () => {
		await keep([
			{ contactId: '11', companyId: '22', types: 'HUBSPOT_DEFINED:1' },
			{ contactId: '11', companyId: '23', types: 'HUBSPOT_DEFINED:1' },
		]);

		expect(actions()).toEqual(['batch/read', 'batch/create', 'batch/read']);
		expect(typeIds('11', '23')).toEqual([1, 279]);
		expect(typeIds('11', '21')).toEqual([279]);
	});

	it('does not copy a primary the to-record holds (companies → contacts, type 2) back onto its old pair when another item of the batch moves it', async () => {
		suite.sim.state.associate('companies', '21', 'contacts', '11', [280, 2]);
		const { output } = await runNode({
			items: [
				{ companyId: '22', contactId: '11', types: 'HUBSPOT_DEFINED:2' },
				{ companyId: '21', contactId: '11', types: 'USER_DEFINED:37' },
			],
			parameters: batchCreateParameters({
				fromObjectType: 'companies',
				toObjectType: 'contacts',
				fromObjectId: '={{ $json.companyId }}',
				toObjectId: '={{ $json.contactId }}',
				associationTypes: '={{ $json.types }}',
				options: { keepExistingLabels: true } as never,
			}),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
		expect(heldFrom('companies', '22', 'contacts', '11')).toEqual([2, 280]);
		expect(heldFrom('companies', '21', 'contacts', '11')).toEqual([37, 280]);
		// The old pair is written without the primary its contact moves: no write re-asserts it, none has to undo that.
		const creates = suite.sim.requests.filter((request) => request.path.endsWith('/batch/create'));
		expect(creates.map((request) => (request.body as { inputs: Array<{ from: { id: string }; types: Array<{ associationTypeId: number }> }> }).inputs.map((input) => [input.from.id, input.types.map((type) => type.associationTypeId)]))).toEqual([
			[
				['22', [2]],
				['21', [37, 280]],
			],
		]);
	});

	it('keeps the primary a contact holds when one company is made primary for another contact (companies → contacts, type 2)', async () => {
		suite.sim.state.associate('companies', '23', 'contacts', '12', [280, 2]);
		const { output } = await runNode({
			items: [
				{ companyId: '23', contactId: '11', types: 'HUBSPOT_DEFINED:2' },
				{ companyId: '23', contactId: '12', types: 'USER_DEFINED:39' },
			],
			parameters: batchCreateParameters({
				fromObjectType: 'companies',
				toObjectType: 'contacts',
				fromObjectId: '={{ $json.companyId }}',
				toObjectId: '={{ $json.contactId }}',
				associationTypes: '={{ $json.types }}',
				options: { keepExistingLabels: true } as never,
			}),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
		expect(heldFrom('companies', '23', 'contacts', '11')).toEqual([2, 280]);
		expect(heldFrom('companies', '23', 'contacts', '12')).toEqual([2, 39, 280]);
	});

	it('does not hold back a primary for an item whose record could not be read, so nothing is written for it (companies → contacts, type 2)', async () => {
		suite.sim.state.associate('companies', '21', 'contacts', '11', [280, 2]);
		// The read after the write fails: nothing may depend on it to give the primary back.
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });
		const { output } = await runNode({
			items: [
				{ companyId: '999999', contactId: '11', types: 'HUBSPOT_DEFINED:2' },
				{ companyId: '21', contactId: '11', types: 'USER_DEFINED:37' },
			],
			parameters: batchCreateParameters({
				fromObjectType: 'companies',
				toObjectType: 'contacts',
				fromObjectId: '={{ $json.companyId }}',
				toObjectId: '={{ $json.contactId }}',
				associationTypes: '={{ $json.types }}',
				options: { keepExistingLabels: true, maxRetries: 0 } as never,
			}),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.error).toMatch(/reading its current labels \(Keep Existing Labels\), nothing was written/);
		expect(output[1].json.status).toBe('created');
		expect(heldFrom('companies', '21', 'contacts', '11')).toEqual([2, 37, 280]);
	});

	it('keeps a primary no item of the run moves (counterpart)', async () => {
		await keep([
			{ contactId: '11', companyId: '21', types: 'USER_DEFINED:36' },
			{ contactId: '12', companyId: '22', types: 'HUBSPOT_DEFINED:1' },
		]);

		expect(typeIds('11', '21')).toEqual([1, 36, 279]);
		expect(typeIds('12', '22')).toEqual([1, 279]);
	});
});

describe('Keep Existing Labels and another write to the same pair at the same moment', () => {
	beforeEach(() => suite.sim.state.associate('contacts', '11', 'companies', '21', [279]));

	it("reads the pairs back after writing and adds its labels again when another run's write replaced them", async () => {
		// Read, write, then the check is held while another run (that read before this write) writes its label.
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { kind: 'slow', ms: 300 });
		const running = keep([{ contactId: '11', companyId: '21', types: 'USER_DEFINED:38' }]);
		while (!actions().includes('batch/create')) await new Promise((resolve) => setTimeout(resolve, 5));
		suite.sim.state.associate('contacts', '11', 'companies', '21', [36]);
		const { output } = await running;

		expect(typeIds('11', '21')).toEqual([36, 38, 279]);
		expect(actions()).toEqual(['batch/read', 'batch/create', 'batch/read', 'batch/create']);
		expect(createBodies()[1]).toEqual([['21', [38, 279, 36]]]);
		expect(output[0].json).toMatchObject({ status: 'created', labels: expect.arrayContaining(['Billing contact', 'Former employee']) });
	});

	it('fails the item, instead of answering "created", when the check found its label gone and the second write failed', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279]);
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { kind: 'slow', ms: 300 });
		suite.sim.faults.next(1, { status: 403 });
		const running = runNode({
			items: [{ contactId: '11', companyId: '21' }],
			parameters: batchCreateParameters({ associationTypes: ['USER_DEFINED:38'], options: { keepExistingLabels: true, maxRetries: 0 } as never }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});
		while (!actions().includes('batch/create')) await new Promise((resolve) => setTimeout(resolve, 5));
		suite.sim.state.associate('contacts', '11', 'companies', '21', [36]);
		const { output } = await running;

		expect(actions()).toEqual(['batch/read', 'batch/create', 'batch/read', 'batch/create']);
		expect(typeIds('11', '21')).toEqual([36, 279]);
		expect(output[0].json.status).not.toBe('created');
		expect(output[0].json.error).toMatch(/38|Former employee|again/);
	});

	it('writes once when the check finds its labels in place (counterpart)', async () => {
		await keep([{ contactId: '11', companyId: '21', types: 'USER_DEFINED:38' }]);

		expect(actions()).toEqual(['batch/read', 'batch/create', 'batch/read']);
		expect(typeIds('11', '21')).toEqual([38, 279]);
	});

	it('does not add back a label another run removed meanwhile: only its own labels are asserted again', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '21', [279, 36]);
		suite.sim.faults.next(2, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { kind: 'slow', ms: 300 });
		const running = keep([{ contactId: '11', companyId: '21', types: 'USER_DEFINED:38' }]);
		while (!actions().includes('batch/create')) await new Promise((resolve) => setTimeout(resolve, 5));
		// Another run's write leaves the pair with the association alone: 36 and 38 are gone.
		suite.sim.state.associate('contacts', '11', 'companies', '21', []);
		await running;

		expect(typeIds('11', '21')).toEqual([38, 279]);
		expect(createBodies()[1]).toEqual([['21', [38, 279]]]);
	});
});
