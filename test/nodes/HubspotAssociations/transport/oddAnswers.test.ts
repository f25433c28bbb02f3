import nock from 'nock';
import { createdReply, type BatchInput } from '../../../harness/hubspotMock';
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
