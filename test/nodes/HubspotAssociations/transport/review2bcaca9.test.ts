import nock from 'nock';
import { createdPairs, recordCreates } from '../../../harness/hubspotMock';
import { batchCreateParameters, loadOptions, runNode, TEST_BASE_URL } from '../../../harness/runWorkflow';

// Retry waits are real seconds; these specs are about what is sent and answered, not when.
jest.mock('n8n-workflow', () => require('../../../harness/fastForward').fastForwardN8nWorkflow());

const EMAILS = '/crm/objects/2026-03/contacts/batch/read';
const DOMAINS = '/crm/objects/2026-03/companies/search';


const byEmail = { ...batchCreateParameters(), fromIdType: 'email', fromObjectId: '={{ $json.email }}', toIdType: 'id', toObjectId: '201' };
const byDomain = { ...batchCreateParameters(), fromIdType: 'id', fromObjectId: '101', toIdType: 'domain', toObjectId: '={{ $json.domain }}' };
const emailItem = [{ email: 'a@example.com' }];
const domainItem = [{ domain: 'a.example.com' }];

afterEach(() => nock.cleanAll());

describe('review of 2bcaca9: lookups answered 2xx in odd shapes', () => {
	it.each<[string, unknown]>([
		['errors holding null', [null]],
		['an error that names no value', [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Something about the inputs was not valid' }]],
		['an error naming the value with other case and spaces', [{ status: 'error', category: 'VALIDATION_ERROR', message: 'not valid', context: { ids: [' A@Example.com '] } }]],
	])('an email lookup answered with no result and %s is not reported "not found", and nothing is written', async (_shape, errors) => {
		nock(TEST_BASE_URL).post(EMAILS).reply(207, { status: 'COMPLETE', results: [], errors });
		const creates = recordCreates();

		const { output, error } = await runNode({ items: emailItem, parameters: byEmail, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(String(output[0].json.error)).not.toMatch(/no contact has email/);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(creates).toHaveLength(0);
	});

	it('a unique-property lookup error naming the value as a number fails it with HubSpot\'s message, not "not found"', async () => {
		nock(TEST_BASE_URL).get('/crm/properties/2026-03/contacts').reply(200, { results: [{ name: 'badge', hasUniqueValue: true }] });
		nock(TEST_BASE_URL)
			.post(EMAILS)
			.reply(207, { status: 'COMPLETE', results: [], errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'badge 12345 is archived', context: { ids: [12345] } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: [{ badge: '12345' }], parameters: { ...byEmail, fromIdType: 'badge', fromObjectId: '={{ $json.badge }}' }, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/badge 12345 is archived/);
		expect(creates).toHaveLength(0);
	});

	it('an email lookup whose record is answered without the property is not reported "not found", and nothing is written', async () => {
		nock(TEST_BASE_URL).post(EMAILS).reply(200, { status: 'COMPLETE', results: [{ id: '101', properties: {} }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: emailItem, parameters: byEmail, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).not.toMatch(/no contact has email/);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(creates).toHaveLength(0);
	});

	it('an email lookup answering the record id as a number finds it (not "not found")', async () => {
		nock(TEST_BASE_URL).post(EMAILS).reply(200, { status: 'COMPLETE', results: [{ id: 101, properties: { email: 'a@example.com' } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: emailItem, parameters: byEmail, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBeUndefined();
		expect(output[0].json.status).toBe('created');
		expect(createdPairs(creates)).toEqual([['101', '201']]);
	});

	it('a domain search answering the record id as a number finds it (not "not found")', async () => {
		nock(TEST_BASE_URL).post(DOMAINS).reply(200, { total: 1, results: [{ id: 201, properties: { domain: 'a.example.com' } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: domainItem, parameters: byDomain, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBeUndefined();
		expect(createdPairs(creates)).toEqual([['101', '201']]);
	});

	it('a search for one value answering total 20,000 with no results listed is not reported "not found"', async () => {
		nock(TEST_BASE_URL).post(DOMAINS).reply(200, { total: 20000, results: [] });
		const creates = recordCreates();

		const { output } = await runNode({ items: domainItem, parameters: byDomain, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).not.toMatch(/no company has domain/);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(creates).toHaveLength(0);
	});

	it('a search whose paging cursor repeats stops at the repeat and fails the value; nothing is written', async () => {
		const searches: unknown[] = [];
		nock(TEST_BASE_URL)
			.post(DOMAINS)
			.times(8)
			.reply((_uri, body) => {
				searches.push(body);
				return [200, { total: 2, results: [{ id: '201', properties: { domain: 'a.example.com' } }], paging: { next: { after: '1' } } }];
			});
		nock(TEST_BASE_URL).post(DOMAINS).reply(200, { total: 2, results: [] });
		const creates = recordCreates();

		const { output } = await runNode({ items: domainItem, parameters: byDomain, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(searches.length).toBeLessThanOrEqual(2);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(creates).toHaveLength(0);
	});

	it('a search for one value answering total 2 but listing one record (no next page) writes to neither', async () => {
		nock(TEST_BASE_URL).post(DOMAINS).reply(200, { total: 2, results: [{ id: '201', properties: { domain: 'a.example.com' } }] });
		const creates = recordCreates();

		const { output } = await runNode({ items: domainItem, parameters: byDomain, onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).toMatch(/^Item 0: /);
		expect(creates).toHaveLength(0);
	});
});

describe('review of 2bcaca9: properties and labels answered 2xx in odd shapes', () => {
	it.each<[string, unknown]>([
		['an empty body', {}],
		['results null', { results: null }],
	])('a properties read answered with %s does not say the type has no such property', async (_shape, body) => {
		nock(TEST_BASE_URL).get('/crm/properties/2026-03/contacts').reply(200, body as nock.Body);
		const creates = recordCreates();

		const { output, error } = await runNode({ items: [{ vin: 'V1' }], parameters: { ...byEmail, fromIdType: 'vin', fromObjectId: '={{ $json.vin }}' }, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(String(output[0].json.error)).not.toMatch(/have no property named/);
		expect(String(output[0].json.error)).toMatch(/^Item 0: HubSpot answered the properties of contacts/);
		expect(creates).toHaveLength(0);
	});

	it('the labels dropdown never shows "[object Object]" for a label that is not text', async () => {
		nock(TEST_BASE_URL)
			.get('/crm/associations/2026-03/contacts/companies/labels')
			.reply(200, { results: [null, 5, { label: { text: 'odd' }, typeId: 7, category: 'USER_DEFINED' }, { label: 'Boss', typeId: 8, category: 'USER_DEFINED' }] });

		const options = await loadOptions('getUserDefinedLabels', { resource: 'label', operation: 'update', fromObjectType: 'contacts', toObjectType: 'companies' });

		expect(options.map((option) => option.value)).toEqual([7, 8]);
		expect(JSON.stringify(options)).not.toMatch(/\[object Object\]/);
	});
});
