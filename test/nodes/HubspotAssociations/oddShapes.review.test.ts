import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { createdReply, type BatchInput } from '../../harness/hubspotMock';
import { batchReadParameters, syncParameters } from '../../harness/operationParameters';
import { batchCreateParameters, runNode, TEST_BASE_URL } from '../../harness/runWorkflow';

jest.mock('n8n-workflow', () => require('../../harness/fastForward').fastForwardN8nWorkflow());

const BASE = '/crm/associations/2026-03/contacts/companies';
const items = [{ contactId: '101', companyId: '201' }];
const page = (from: string, to: unknown) => ({ from: { id: from }, to });
const run = (parameters: INodeParameters) => runNode({ items, parameters, onError: 'continueRegularOutput' });
const statuses = (output: Array<{ json: Record<string, unknown> }>) => output.map((item) => item.json.status ?? 'failed');

afterEach(() => nock.cleanAll());

describe('odd shapes (review of 512b73e): removals confirmed by a read that could not be read', () => {
	// HubSpot still holds 101 → 201 with label 5; the confirmation read says so in an odd shape.
	const ODD_HELD: Array<[string, unknown]> = [
		['typeId a string', [{ toObjectId: 201, associationTypes: [{ category: 'USER_DEFINED', typeId: '5', label: 'Buyer' }] }]],
		['associationTypes null', [{ toObjectId: 201, associationTypes: null }]],
		['associationTypes a string', [{ toObjectId: 201, associationTypes: 'USER_DEFINED:5' }]],
		['to a list of ids', [201]],
		['to entries without toObjectId', [{ id: 201, associationTypes: [{ category: 'USER_DEFINED', typeId: 5 }] }]],
	];

	it.each(ODD_HELD)('Archive Labels answered PENDING, read back with %s: never "labelsRemoved"', async (_shape, to) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/labels/archive`).reply(200, { status: 'PENDING' });
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', to)] });
		const { output, error } = await run({ ...batchCreateParameters(), operation: 'batchArchiveLabels', associationTypes: ['USER_DEFINED:5'] });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(statuses(output)).toEqual(['failed']);
	});

	it.each(ODD_HELD.slice(1))('Batch Archive answered PENDING, read back with %s: never "removed"', async (_shape, to) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/archive`).reply(200, { status: 'PENDING' });
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', to)] });
		const { output, error } = await run({ ...batchCreateParameters(), operation: 'batchArchive' });
		expect(error).toBeUndefined();
		expect(statuses(output)).toEqual(['failed']);
	});

	it.each([
		['an object', { state: 'PENDING' }],
		['a list', ['PROCESSING']],
		['a number', 0],
	])('Batch Archive answered with status %s is not "removed" unless a read confirms it', async (_shape, status) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/archive`).reply(200, { status, errors: [] });
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', [{ toObjectId: 201, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }])] });
		const { output, error } = await run({ ...batchCreateParameters(), operation: 'batchArchive' });
		expect(error).toBeUndefined();
		expect(statuses(output)).toEqual(['failed']);
	});
});

describe('odd shapes (review of 512b73e): Keep Existing Labels with existing types it could not read', () => {
	it.each([
		['associationTypes null', null],
		['associationTypes a string', 'USER_DEFINED:5'],
		['typeId a string', [{ category: 'USER_DEFINED', typeId: '5', label: 'Buyer' }]],
	])('%s: does not send a create that replaces the labels it could not read', async (_shape, associationTypes) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).times(2).reply(200, { status: 'COMPLETE', results: [page('101', [{ toObjectId: 201, associationTypes }])] });
		const sent: unknown[] = [];
		nock(TEST_BASE_URL).post(`${BASE}/batch/create`).optionally().reply(200, (_uri, body) => {
			sent.push(body);
			return createdReply(body as { inputs: BatchInput[] }).body as nock.Body;
		});
		const { output, error } = await run(batchCreateParameters({ associationTypes: ['USER_DEFINED:36'], options: { keepExistingLabels: true } }));
		expect(error).toBeUndefined();
		expect(sent).toEqual([]);
		expect(statuses(output)).toEqual(['failed']);
	});

	it('associationTypes an object: no TypeError, one failed item', async () => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).times(2).reply(200, { status: 'COMPLETE', results: [page('101', [{ toObjectId: 201, associationTypes: { category: 'USER_DEFINED', typeId: 5 } }])] });
		nock(TEST_BASE_URL).post(`${BASE}/batch/create`).optionally().reply(200, (_uri, body) => createdReply(body as { inputs: BatchInput[] }).body as nock.Body);
		const { output, error } = await run(batchCreateParameters({ associationTypes: ['USER_DEFINED:36'], options: { keepExistingLabels: true } }));
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
	});
});

describe('odd shapes (review of 512b73e): odd result entries crash write operations', () => {
	it.each([['an object', { a: 1 }], ['a number', 7]])('Batch Create, a result whose labels are %s: one item, no TypeError', async (_shape, labels) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/create`).reply(200, { status: 'COMPLETE', results: [{ fromObjectTypeId: '0-1', fromObjectId: 101, toObjectTypeId: '0-2', toObjectId: 201, labels }] });
		const { output, error } = await run(batchCreateParameters());
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
	});

	it.each([['a string', 'HUBSPOT_DEFINED:279'], ['an object', { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }], ['a list holding null', [null]]])(
		'Create Default, a result whose associationSpecs are %s: one item, no TypeError',
		async (_shape, associationSpecs) => {
			nock(TEST_BASE_URL).post(`${BASE}/batch/associate/default`).reply(200, { status: 'COMPLETE', results: [{ from: { id: '101' }, to: { id: '201' }, associationSpecs }] });
			const { output, error } = await run({ ...batchCreateParameters(), operation: 'batchCreateDefault', associationTypes: undefined } as INodeParameters);
			expect(error).toBeUndefined();
			expect(output).toHaveLength(1);
		},
	);

	it('Sync, a create result whose labels are an object: one item, no TypeError', async () => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [] });
		nock(TEST_BASE_URL).post(`${BASE}/batch/create`).reply(200, { status: 'COMPLETE', results: [{ fromObjectId: 101, toObjectId: 201, labels: { a: 1 } }] });
		const { output, error } = await runNode({ items: [{ contactId: '101', companyId: '201', types: ['USER_DEFINED:36'] }], parameters: syncParameters(), onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
	});
});

describe('odd shapes (review of 512b73e): odd read entries crash reads', () => {
	const ODD_ENTRIES: Array<[string, unknown[]]> = [
		['to holding null', [null]],
		['associationTypes holding null', [{ toObjectId: 201, associationTypes: [null] }]],
		['associationTypes an object', [{ toObjectId: 202, associationTypes: { category: 'HUBSPOT_DEFINED', typeId: 279 } }]],
	];

	it.each(ODD_ENTRIES)('Batch Get, %s: one item, no TypeError', async (_shape, to) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', to)] });
		const { output, error } = await run(batchReadParameters());
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
	});

	it.each(ODD_ENTRIES)('Sync, a read with %s: one item, no TypeError', async (_shape, to) => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', to)] });
		nock(TEST_BASE_URL).post(/batch\/.*/).optionally().times(5).reply(200, { status: 'COMPLETE', results: [] });
		const { output, error } = await runNode({ items: [{ contactId: '101', companyId: '201', types: ['HUBSPOT_DEFINED:279'] }], parameters: syncParameters(), onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
	});

	it('Batch Archive answered PENDING, read back with to holding null: one item, no TypeError', async () => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/archive`).reply(200, { status: 'PENDING' });
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', [null])] });
		const { output, error } = await run({ ...batchCreateParameters(), operation: 'batchArchive' });
		expect(error).toBeUndefined();
		expect(statuses(output)).toEqual(['failed']);
	});
});

describe('odd shapes (review of 512b73e): odd answers before the write (labels, lookups)', () => {
	it.each([['an object', { rewritten: true }], ['a string', 'ok']])('labels by name, the labels read answering results %s: one failed item, no TypeError', async (_shape, results) => {
		nock(TEST_BASE_URL).get(`${BASE}/labels`).reply(200, { results });
		const { output, error } = await run(batchCreateParameters({ associationTypes: ['Billing contact'] }));
		expect(error).toBeUndefined();
		expect(statuses(output)).toEqual(['failed']);
		expect(String(output[0].json.error)).toMatch(/HubSpot answered 200: the labels it lists are not a list/);
	});

	it.each([['an object', { rewritten: true }], ['a string', 'ok']])('lookup by email, the search answering results %s: one failed item, no TypeError', async (_shape, results) => {
		nock(TEST_BASE_URL).post('/crm/objects/2026-03/contacts/search').reply(200, { total: 1, results });
		const { output, error } = await run(batchCreateParameters({ fromIdType: 'email', fromObjectId: 'a@b.example' }));
		expect(error).toBeUndefined();
		expect(statuses(output)).toEqual(['failed']);
	});
});

describe('odd shapes (review of 512b73e): a removal confirmed by a read still listing the pair', () => {
	it('Batch Archive answered PENDING, read back listing 201 without associationTypes: never "removed"', async () => {
		nock(TEST_BASE_URL).post(`${BASE}/batch/archive`).reply(200, { status: 'PENDING' });
		nock(TEST_BASE_URL).post(`${BASE}/batch/read`).reply(200, { status: 'COMPLETE', results: [page('101', [{ toObjectId: 201 }])] });
		const { output, error } = await run({ ...batchCreateParameters(), operation: 'batchArchive' });
		expect(error).toBeUndefined();
		expect(statuses(output)).toEqual(['failed']);
	});
});
