import nock from 'nock';
import { createdReply, type BatchInput } from '../../../harness/hubspotMock';
import { batchReadParameters } from '../../../harness/operationParameters';
import { batchCreateParameters, loadOptions, runNode, TEST_BASE_URL } from '../../../harness/runWorkflow';

// Retry waits are real seconds; these specs are about what is sent and answered, not when.
jest.mock('n8n-workflow', () => require('../../../harness/fastForward').fastForwardN8nWorkflow());

const PATH = '/crm/associations/2026-03/contacts/companies/batch/create';
const items = [
	{ contactId: '101', companyId: '201' },
	{ contactId: '102', companyId: '202' },
	{ contactId: '103', companyId: '203' },
];

/** Error bodies HubSpot documents no such shape for: a proxy's, a gateway's. */
const ODD_BODIES: Array<[string, unknown]> = [
	['errors an object', { status: 'error', message: 'Bad gateway at the edge', errors: { upstream: 'timeout' } }],
	['errors holding null', { status: 'error', message: 'Bad gateway at the edge', errors: [null] }],
	['context.missingScopes not a list', { status: 'error', message: 'Bad gateway at the edge', context: { missingScopes: 'none' } }],
];

/** Answers each batch/create with `replies` in turn (then success), recording what was sent. */
function answerInTurn(replies: Array<[number, unknown]>) {
	const sent: unknown[] = [];
	nock(TEST_BASE_URL)
		.post(PATH)
		.times(replies.length + 1)
		.reply((_uri, body) => {
			sent.push(body);
			const reply = replies[sent.length - 1];
			return reply ? [reply[0], reply[1] as nock.Body] : [200, createdReply(body as { inputs: BatchInput[] }).body as nock.Body];
		});
	return sent;
}

afterEach(() => nock.cleanAll());

describe('HubSpot answers of odd shapes, through the n8n engine', () => {
	it.each(ODD_BODIES)('retries a 502 whose body has %s, and the items are created', async (_shape, body) => {
		const sent = answerInTurn([[502, body]]);

		const { output, error } = await runNode({ items, parameters: batchCreateParameters(), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(sent).toHaveLength(2);
		expect(output.map((item) => [item.json.status, item.pairedItem])).toEqual([0, 1, 2].map((item) => ['created', { item }]));
	});

	it.each(ODD_BODIES)('with continue-on-fail, a 502 with %s that never clears fails each item once, with HubSpot\'s message', async (_shape, body) => {
		const sent = answerInTurn(Array.from({ length: 6 }, () => [502, body] as [number, unknown]));

		const { output, error } = await runNode({ items, parameters: batchCreateParameters(), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(sent).toHaveLength(6);
		expect(output).toHaveLength(3);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(new RegExp(`^Item ${index}: HubSpot did not accept contacts 10${index + 1} → companies 20${index + 1}: HubSpot answered 502: Bad gateway at the edge \\(HubSpot answered 502; gave up after 6 attempts\\)$`));
		});
	});
});

/**
 * 2xx answers whose `results` or `errors` are not the lists HubSpot documents (a proxy's rewrite, a
 * truncated body, an API change): each item is reported by what the answer does say, never
 * "created" unless a result names its pair, and one item per input comes out, paired, not a
 * TypeError for the whole run.
 */
describe('2xx batch answers with results or errors of odd shapes, through the n8n engine', () => {
	const valid = (body: { inputs: BatchInput[] }) => createdReply(body).body as { results: unknown[] };
	const ODD_2XX: Array<[string, (body: { inputs: BatchInput[] }) => unknown, Array<'created' | 'failed'>]> = [
		['results an object', () => ({ status: 'COMPLETE', results: { upstream: 'rewritten' } }), ['failed', 'failed', 'failed']],
		['results a string', () => ({ status: 'COMPLETE', results: 'ok' }), ['failed', 'failed', 'failed']],
		['results holding null and a number beside a real one', (body) => ({ status: 'COMPLETE', results: [null, 7, valid(body).results[1]] }), ['failed', 'created', 'failed']],
		['errors holding null beside real results', (body) => ({ status: 'COMPLETE', results: valid(body).results.slice(0, 2), errors: [null] }), ['created', 'created', 'failed']],
		['errors an object', (body) => ({ status: 'COMPLETE', results: valid(body).results.slice(1), errors: { upstream: 'timeout' } }), ['failed', 'created', 'created']],
		['an error whose nested errors hold null', (body) => ({ status: 'COMPLETE', results: valid(body).results.slice(1), errors: [{ status: 'error', message: 'CONTACT=101 is not valid', errors: [null] }] }), ['failed', 'created', 'created']],
	];

	it.each(ODD_2XX)('%s: each item by what the answer names, paired', async (_shape, reply, expected) => {
		nock(TEST_BASE_URL)
			.post(PATH)
			.reply(207, (_uri, body) => reply(body as { inputs: BatchInput[] }) as nock.Body);

		const { output, error } = await runNode({ items, parameters: batchCreateParameters(), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(output.map((item) => item.json.status === 'created' ? 'created' : 'failed')).toEqual(expected);
		for (const item of output.filter((candidate) => candidate.json.status !== 'created')) expect(String(item.json.error)).toMatch(/^Item \d: HubSpot did not accept contacts 10\d → companies 20\d: /);
	});
});

describe('2xx answers of odd shapes to removals and reads, through the n8n engine', () => {
	it.each([
		['errors holding null', { status: 'COMPLETE', errors: [null] }],
		['errors an object', { status: 'COMPLETE', errors: { upstream: 'timeout' } }],
	])('a removal answered with %s claims no pair removed', async (_shape, body) => {
		nock(TEST_BASE_URL).post('/crm/associations/2026-03/contacts/companies/batch/archive').reply(200, body);

		const { output, error } = await runNode({ items, parameters: { ...batchCreateParameters(), operation: 'batchArchive' }, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		for (const item of output) {
			expect(item.json.status).not.toBe('removed');
			expect(String(item.json.error)).toMatch(/HubSpot did not accept this pair and named no record for its errors: an error without a message/);
		}
	});

	const READ_PATH = '/crm/associations/2026-03/contacts/companies/batch/read';
	const page = (from: string, to: unknown) => ({ from: { id: from }, to });
	it.each([
		['results an object', { status: 'COMPLETE', results: { upstream: 'rewritten' } }, ['failed', 'failed', 'failed']],
		['a record\'s associations an object', { status: 'COMPLETE', results: [page('101', { toObjectId: 201 }), page('102', [{ toObjectId: 202, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }])] }, ['failed', 'read', 'read']],
		['errors holding null', { status: 'COMPLETE', results: [page('102', [{ toObjectId: 202, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }])], errors: [null] }, ['failed', 'read', 'failed']],
	])('a read answered with %s reports no record as holding nothing it could not read', async (_shape, body, expected) => {
		nock(TEST_BASE_URL).post(READ_PATH).reply(200, body);

		const { output, error } = await runNode({ items, parameters: batchReadParameters(), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(output.map((item) => (item.json.error === undefined ? 'read' : 'failed'))).toEqual(expected);
		const read = output.find((item) => item.json.fromObjectId === '102');
		if (expected[1] === 'read') expect(read?.json.associations).toEqual([{ toObjectId: '202', associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }]);
	});
});

/**
 * Carried over from the review of 2d786d0: an error's `context` given as text was read key by key,
 * so "101" named records 1, 0 and 1 (failing items HubSpot did not name); a read error's `message`
 * that is not text became the item's error as it was ("[object Object]" once printed).
 */
describe('errors whose context or message are not of the documented kind, through the n8n engine', () => {
	it('a context given as text names no record by its characters: the error is read from its message', async () => {
		const many = [...items, { contactId: '1', companyId: '204' }];
		nock(TEST_BASE_URL)
			.post(PATH)
			.reply(207, (_uri, body) => {
				const results = createdReply(body as { inputs: BatchInput[] }).body as { results: unknown[] };
				// HubSpot created all but 102 → 202 and names it in the message; the context is a bare string.
				return { status: 'COMPLETE', results: results.results.filter((_, at) => at !== 1), errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'CONTACT=102 is not valid', context: '102' }] } as nock.Body;
			});

		const { output, error } = await runNode({ items: many, parameters: batchCreateParameters(), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.status === 'created' ? 'created' : 'failed', item.pairedItem])).toEqual([
			['created', { item: 0 }],
			['failed', { item: 1 }],
			['created', { item: 2 }],
			['created', { item: 3 }],
		]);
		expect(String(output[1].json.error)).toMatch(/^Item 1: HubSpot did not accept contacts 102 → companies 202: .*CONTACT=102 is not valid/);
	});

	it.each([
		['an object', { text: 'nope' }],
		['a number', 404],
	])('a read error whose message is %s gives the item a message in words, and HubSpot\'s details as they were', async (_kind, message) => {
		nock(TEST_BASE_URL)
			.post('/crm/associations/2026-03/contacts/companies/batch/read')
			.reply(207, { status: 'COMPLETE', results: [], errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message, context: { fromObjectId: ['101'] } }] });

		const { output, error } = await runNode({ items: items.slice(0, 1), parameters: batchReadParameters(), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(typeof output[0].json.error).toBe('string');
		expect(String(output[0].json.error)).not.toMatch(/\[object Object\]/);
		expect(String(output[0].json.error)).toMatch(/OBJECT_NOT_FOUND|gave no reason/);
	});
});

/**
 * Lookups (records by email, domain or another property) answered 2xx with `results` that are not
 * a list: before, a TypeError stopped the run ("results.find is not a function", "not iterable");
 * read as empty, every value would have been "not found", which HubSpot did not say.
 */
describe('lookups answered with results of odd shapes, through the n8n engine', () => {
	const lookupParameters = (fromIdType: string, toIdType: string) => ({
		...batchCreateParameters(),
		fromIdType,
		fromObjectId: '={{ $json.email }}',
		toIdType,
		toObjectId: '={{ $json.domain }}',
	});
	const lookupItems = [{ email: 'a@example.com', domain: 'a.example.com' }];

	it('records by email (batch read by a unique property): the item fails saying so, and nothing is written', async () => {
		nock(TEST_BASE_URL).post('/crm/objects/2026-03/contacts/batch/read').reply(200, { status: 'COMPLETE', results: { upstream: 'rewritten' }, errors: 'none' });

		const { output, error } = await runNode({ items: lookupItems, parameters: { ...lookupParameters('email', 'id'), toObjectId: '201' }, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(String(output[0].json.error)).toMatch(/HubSpot answered the lookup by email with results that are not a list/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('companies by domain (search): the item fails saying so, and nothing is written', async () => {
		nock(TEST_BASE_URL).post('/crm/objects/2026-03/companies/search').reply(200, { total: 1, results: { upstream: 'rewritten' } });

		const { output, error } = await runNode({ items: lookupItems.map((item) => ({ ...item, email: '101' })), parameters: lookupParameters('id', 'domain'), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/HubSpot answered the search by domain with results that are not a list/);
	});

	it('records by another property: a properties read whose results are not a list fails the item, not the run', async () => {
		nock(TEST_BASE_URL).get('/crm/properties/2026-03/contacts').reply(200, { results: { upstream: 'rewritten' } });

		const parameters = { ...lookupParameters('vin', 'id'), toObjectId: '201' };
		const { output, error } = await runNode({ items: lookupItems, parameters, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/HubSpot answered the properties of contacts with results that are not a list: whether "vin" is unique could not be read/);
	});

	it('an error of a lookup read whose context is text names no value by its characters, nor by its message', async () => {
		nock(TEST_BASE_URL)
			.post('/crm/objects/2026-03/contacts/batch/read')
			.reply(207, { status: 'COMPLETE', results: [], errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: { text: 'odd' }, context: 'a' }] });

		const { output, error } = await runNode({ items: [{ email: 'a', domain: 'x' }], parameters: { ...lookupParameters('email', 'id'), toObjectId: '201' }, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(String(output[0].json.error)).not.toMatch(/\[object Object\]|refused email a/);
	});
});

describe('label answers with results of odd shapes', () => {
	it('a label create answered 200 with results that are not a list fails the item (no type id), not the run', async () => {
		nock(TEST_BASE_URL).get('/crm/associations/2026-03/contacts/companies/labels').reply(200, { results: [] });
		nock(TEST_BASE_URL).post('/crm/associations/2026-03/contacts/companies/labels').reply(200, { results: { upstream: 'rewritten' } });

		const { output, error } = await runNode({ items: [{}], parameters: { resource: 'label', operation: 'create', fromObjectType: 'contacts', toObjectType: 'companies', label: 'Odd' }, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/the answer names no type id for the new label/);
	});

	it("the labels dropdown answered with results that are not a list lists none, instead of the editor's error", async () => {
		nock(TEST_BASE_URL).get('/crm/associations/2026-03/contacts/companies/labels').reply(200, { results: { upstream: 'rewritten' } });

		await expect(loadOptions('getUserDefinedLabels', { resource: 'label', operation: 'update', fromObjectType: 'contacts', toObjectType: 'companies' })).resolves.toEqual([]);
	});
});
