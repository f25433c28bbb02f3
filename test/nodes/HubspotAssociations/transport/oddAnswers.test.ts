import nock from 'nock';
import { createdReply, type BatchInput } from '../../../harness/hubspotMock';
import { batchReadParameters } from '../../../harness/operationParameters';
import { batchCreateParameters, runNode, TEST_BASE_URL } from '../../../harness/runWorkflow';

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
