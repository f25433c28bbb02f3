import nock from 'nock';
import { createdPairs, recordCreates } from '../../../harness/hubspotMock';
import { batchCreateParameters, runNode, TEST_BASE_URL } from '../../../harness/runWorkflow';

// Retry waits are real seconds; these specs are about what is sent and answered, not when.
jest.mock('n8n-workflow', () => require('../../../harness/fastForward').fastForwardN8nWorkflow());

const EMAILS = '/crm/objects/2026-03/contacts/batch/read';
const COMPANIES_SEARCH = '/crm/objects/2026-03/companies/search';


const byEmail = { ...batchCreateParameters(), fromIdType: 'email', fromObjectId: '={{ $json.email }}', toIdType: 'id', toObjectId: '201' };
const byBadge = { ...byEmail, fromIdType: 'badge', fromObjectId: '={{ $json.badge }}' };
const byStore = { ...batchCreateParameters(), fromIdType: 'id', fromObjectId: '101', toIdType: 'store_number', toObjectId: '={{ $json.store }}' };

afterEach(() => nock.cleanAll());

describe('review of cdd887f: "not found" only when HubSpot said so', () => {
	it('an email lookup answering a record that holds the email but whose id is unreadable is not reported "not found"', async () => {
		nock(TEST_BASE_URL).post(EMAILS).reply(200, { status: 'COMPLETE', results: [{ id: null, properties: { email: 'a@example.com' } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: [{ email: 'a@example.com' }], parameters: byEmail, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(String(output[0].json.error)).not.toMatch(/no contact has email/);
		expect(creates).toHaveLength(0);
	});

	it('a unique number lookup ("0042") answered with its record holding "42" (no error) is not reported "not found"', async () => {
		nock(TEST_BASE_URL).get('/crm/properties/2026-03/contacts').reply(200, { results: [{ name: 'badge', type: 'number', hasUniqueValue: true }] });
		nock(TEST_BASE_URL).post(EMAILS).reply(200, { status: 'COMPLETE', results: [{ id: '101', properties: { badge: '42' } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: [{ badge: '0042' }], parameters: byBadge, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).not.toMatch(/no contact has badge/);
		// Either found (the one record answered) or failed, never a write to another record.
		expect(createdPairs(creates).every(([from]) => from === '101')).toBe(true);
	});

	it('a search for one value listing one record whose value reads differently ("007" -> "7") is not reported "not found"', async () => {
		nock(TEST_BASE_URL).get('/crm/properties/2026-03/companies').reply(200, { results: [{ name: 'store_number', type: 'number', hasUniqueValue: false }] });
		nock(TEST_BASE_URL).post(COMPANIES_SEARCH).reply(200, { total: 1, results: [{ id: '201', properties: { store_number: '7' } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: [{ store: '007' }], parameters: byStore, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).not.toMatch(/no compan(y|ies) ha(s|ve) store_number/);
		expect(createdPairs(creates).every(([, to]) => to === '201')).toBe(true);
	});

	it.each<[string, unknown[], unknown[]]>([
		['a record answered without its email', [{ id: '101', properties: {} }], [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['b@example.com'] } }]],
		[
			'an error naming no value',
			[{ id: '101', properties: { email: 'a@example.com' } }],
			[
				{ status: 'error', category: 'VALIDATION_ERROR', message: 'Something was odd' },
				{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['b@example.com'] } },
			],
		],
	])('an email HubSpot names in OBJECT_NOT_FOUND is reported "not found" even beside %s', async (_beside, results, errors) => {
		nock(TEST_BASE_URL).post(EMAILS).reply(207, { status: 'COMPLETE', results, errors });
		recordCreates();

		const { output } = await runNode({ items: [{ email: 'a@example.com' }, { email: 'b@example.com' }], parameters: byEmail, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(2);
		expect(String(output[1].json.error)).toMatch(/^Item 1: /);
		// HubSpot said it: the message must not claim it did not.
		expect(String(output[1].json.error)).not.toMatch(/nor said none has it/);
	});
});

describe('review of cdd887f: paging ends', () => {
	it('a search whose cursor never repeats but lists the same record on every page stops within HubSpot\'s 10,000 results and fails the value', async () => {
		let searches = 0;
		nock(TEST_BASE_URL)
			.post('/crm/objects/2026-03/companies/search')
			.times(120)
			.reply(() => {
				searches += 1;
				return [200, { total: 2, results: [{ id: '201', properties: { domain: 'a.example.com' } }], paging: { next: { after: String(searches * 200) } } }];
			});
		const creates = recordCreates();
		const byDomain = { ...batchCreateParameters(), fromIdType: 'id', fromObjectId: '101', toIdType: 'domain', toObjectId: '={{ $json.domain }}' };

		const { output } = await runNode({ items: [{ domain: 'a.example.com' }], parameters: byDomain, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		// 10,000 results at 200 a page: 50 pages at most (and the value fails, nothing is written).
		expect(searches).toBeLessThanOrEqual(51);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(creates).toHaveLength(0);
	});
});
