import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { createdReply, errorReply, mockBatchCreate, partialReply, type BatchInput } from '../../harness/hubspotMock';
import { batchCreateParameters, runNode, TEST_BASE_URL, type RunOptions } from '../../harness/runWorkflow';

const contactsToCompanies = { from: 'contacts', to: 'companies' };

const parameters = batchCreateParameters;

function records(count: number, start = 0): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ contactId: String(1000 + start + i), companyId: String(500000 + start + i) }));
}

async function run(options: Partial<RunOptions> & { items: IDataObject[] }) {
	return await runNode({ parameters: parameters(), ...options });
}

function shuffled<T>(values: T[]): T[] {
	const copy = [...values];
	let seed = 7;
	for (let i = copy.length - 1; i > 0; i--) {
		seed = (seed * 16807) % 2147483647;
		const j = seed % (i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('Batch Create Associations on the n8n engine', () => {
	it('associates one contact with one company and pairs the result to its item', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body));

		const { output, error } = await run({ items: [{ contactId: '101', companyId: '201' }] });

		expect(error).toBeUndefined();
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toEqual({
			inputs: [{ from: { id: '101' }, to: { id: '201' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }],
		});
		expect(sent[0].headers.authorization).toBe('Bearer test-access-token');
		expect(output).toEqual([
			{
				json: {
					status: 'created',
					fromObjectType: 'contacts',
					fromObjectId: '101',
					toObjectType: 'companies',
					toObjectId: '201',
					fromObjectTypeId: '0-1',
					toObjectTypeId: '0-2',
					labels: [],
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
				},
				pairedItem: { item: 0 },
			},
		]);
		// Users see the fields in this order in n8n's table and JSON views.
		expect(Object.keys(output[0].json)).toEqual(['status', 'fromObjectType', 'fromObjectId', 'toObjectType', 'toObjectId', 'fromObjectTypeId', 'toObjectTypeId', 'labels', 'types']);
	});

	it('sends 4,500 items as 3 requests of 2,000, 2,000 and 500 and returns 4,500 results paired in order', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body), 3);
		const items = records(4500);

		const { output, error } = await run({ items });

		expect(error).toBeUndefined();
		expect(sent.map((request) => request.body.inputs.length)).toEqual([2000, 2000, 500]);
		expect(sent.flatMap((request) => request.body.inputs.map((input) => input.from.id))).toEqual(items.map((item) => item.contactId));
		expect(output).toHaveLength(4500);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ status: 'created', fromObjectId: items[i].contactId, toObjectId: items[i].companyId });
		});
	});

	it('cuts batches at the Batch Size option', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body), 3);

		const { output } = await run({ items: records(250), parameters: parameters({ options: { batchSize: 100 } }) });

		expect(sent.map((request) => request.body.inputs.length)).toEqual([100, 100, 50]);
		expect(output).toHaveLength(250);
	});

	it('matches results returned in shuffled order to items by their ids, not by position', async () => {
		mockBatchCreate(contactsToCompanies, (body) => {
			const reply = createdReply(body);
			const replyBody = reply.body as { results: unknown[] };
			return { ...reply, body: { ...replyBody, results: shuffled(replyBody.results) } };
		});
		const items = records(50);

		const { output } = await run({ items });

		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ status: 'created', fromObjectId: items[i].contactId, toObjectId: items[i].companyId });
		});
	});

	it.each([200, 201])('treats a %d answer as success', async (status) => {
		mockBatchCreate(contactsToCompanies, (body) => createdReply(body, status));

		const { output, error } = await run({ items: records(3) });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created', 'created']);
	});

	it('maps a 207 error naming a to-id back to that item, and the others succeed', async () => {
		mockBatchCreate(contactsToCompanies, (body) =>
			partialReply(
				body,
				(input) => input.to.id === '500001',
				(input) => ({
					message: `COMPANY=${input.to.id} is not valid`,
					context: { INVALID_OBJECT_IDS: [`COMPANY=${input.to.id} is not valid`], objectId: [input.to.id], objectType: ['COMPANY'] },
				}),
			),
		);

		const { output, error } = await run({ items: records(3), onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.status ?? 'failed')).toEqual(['created', 'failed', 'created']);
		expect(output[1]).toEqual({
			json: {
				error: 'Item 1: HubSpot did not accept contacts 1001 → companies 500001: COMPANY=500001 is not valid',
				fromObjectId: '1001',
				toObjectId: '500001',
				hubspot: {
					status: 'error',
					category: 'VALIDATION_ERROR',
					message: 'COMPANY=500001 is not valid',
					context: { INVALID_OBJECT_IDS: ['COMPANY=500001 is not valid'], objectId: ['500001'], objectType: ['COMPANY'] },
				},
			},
			pairedItem: { item: 1 },
		});
	});

	it('reads errors from a 200 answer too (HubSpot answers 200 where the spec says 207)', async () => {
		mockBatchCreate(contactsToCompanies, (body) =>
			partialReply(body, (input) => input.from.id === '1000', () => ({ message: 'CONTACT=1000 is not valid', context: { objectId: ['1000'] } }), 200),
		);

		const { output } = await run({ items: records(2), onError: 'continueRegularOutput' });

		expect(output[0].json.error).toContain('CONTACT=1000 is not valid');
		expect(output[1].json.status).toBe('created');
	});

	it('fails an item that HubSpot answered with neither a result nor an error, never reporting it created', async () => {
		mockBatchCreate(contactsToCompanies, (body) => createdReply({ inputs: body.inputs.slice(1) }));

		const { output } = await run({ items: records(2), onError: 'continueRegularOutput' });

		expect(output[0].json.error).toMatch(/without a result or an error/);
		expect(output[1].json.status).toBe('created');
	});

	it('sends an identical pair once and answers every item that asked for it', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body));
		const item = { contactId: '101', companyId: '201' };

		const { output } = await run({ items: [item, { contactId: '102', companyId: '201' }, item] });

		expect(sent[0].body.inputs.map((input) => `${input.from.id}>${input.to.id}`)).toEqual(['101>201', '102>201']);
		expect(output.map((out) => [out.pairedItem, out.json.status, out.json.fromObjectId])).toEqual([
			[{ item: 0 }, 'created', '101'],
			[{ item: 1 }, 'created', '102'],
			[{ item: 2 }, 'created', '101'],
		]);
	});

	it('sends one input with the union of types when items name the same pair with different types, each item reporting its own', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body));

		const { output } = await run({
			items: [
				{ contactId: '101', companyId: '201', type: 'USER_DEFINED:36' },
				{ contactId: '101', companyId: '201', type: 'USER_DEFINED:37' },
			],
			parameters: parameters({ associationTypes: '={{ $json.type }}' }),
		});

		expect(sent[0].body.inputs).toEqual([
			{
				from: { id: '101' },
				to: { id: '201' },
				types: [
					{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
					{ associationCategory: 'USER_DEFINED', associationTypeId: 37 },
				],
			},
		]);
		expect(output[0].json.types).toEqual([{ associationCategory: 'USER_DEFINED', associationTypeId: 36 }]);
		expect(output[1].json.types).toEqual([{ associationCategory: 'USER_DEFINED', associationTypeId: 37 }]);
		expect(output[0].json.labels).toEqual(['Label 36', 'Label 37']);
	});

	it('takes association types from an expression as an array of strings or of objects', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body));

		await run({
			items: [
				{ contactId: '101', companyId: '201', types: ['USER_DEFINED:36', 'HUBSPOT_DEFINED:279'] },
				{ contactId: '102', companyId: '202', types: [{ associationCategory: 'USER_DEFINED', associationTypeId: 40 }] },
			],
			parameters: parameters({ associationTypes: '={{ $json.types }}' }),
		});

		expect(sent[0].body.inputs.map((input: BatchInput) => input.types)).toEqual([
			[
				{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
				{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
			],
			[{ associationCategory: 'USER_DEFINED', associationTypeId: 40 }],
		]);
	});

	it('sends items of different directions (object types from an expression) in their own requests', async () => {
		const toCompanies = mockBatchCreate(contactsToCompanies, (body) => createdReply(body));
		const toDeals = mockBatchCreate({ from: 'contacts', to: 'deals' }, (body) => createdReply(body, 200, { from: '0-1', to: '0-3' }));

		const { output } = await run({
			items: [
				{ contactId: '101', companyId: '201', target: 'companies' },
				{ contactId: '102', companyId: '301', target: 'deals' },
				{ contactId: '103', companyId: '202', target: 'companies' },
			],
			parameters: parameters({ toObjectType: '={{ $json.target }}' }),
		});

		expect(toCompanies[0].body.inputs.map((input) => input.from.id)).toEqual(['101', '103']);
		expect(toDeals[0].body.inputs.map((input) => input.from.id)).toEqual(['102']);
		expect(output.map((item) => item.json.toObjectTypeId)).toEqual(['0-2', '0-3', '0-2']);
	});

	it('sends custom object types by type id', async () => {
		const sent = mockBatchCreate({ from: 'contacts', to: '2-3456789' }, (body) => createdReply(body, 200, { from: '0-1', to: '2-3456789' }));

		const { output } = await run({ items: records(1), parameters: parameters({ toObjectType: '=2-3456789' }) });

		expect(sent).toHaveLength(1);
		expect(output[0].json).toMatchObject({ toObjectType: '2-3456789', toObjectTypeId: '2-3456789' });
	});
});

describe('bad input', () => {
	const badItems: Array<[string, IDataObject, INodeParameters, RegExp]> = [
		['a from id with letters', { contactId: 'abc', companyId: '1' }, {}, /Item 0: From Record ID \(fromObjectId\) must be a HubSpot record ID made of digits, got "abc"/],
		['an empty to id', { contactId: '1', companyId: '' }, {}, /Item 0: To Record ID \(toObjectId\) .* got an empty value/],
		['a missing to id', { contactId: '1' }, {}, /Item 0: To Record ID \(toObjectId\) .* got nothing/],
		['a from type that escapes the path', { contactId: '1', companyId: '1' }, { fromObjectType: '=contacts/../x' }, /Item 0: From Object Type \(fromObjectType\) .* got "contacts\/\.\.\/x"/],
		['a to type with a query string', { contactId: '1', companyId: '1' }, { toObjectType: '=companies?x=1' }, /Item 0: To Object Type \(toObjectType\) .* got "companies\?x=1"/],
		['an encoded slash in a type', { contactId: '1', companyId: '1' }, { toObjectType: '=companies%2Fx' }, /To Object Type .* got "companies%2Fx"/],
		['a type with a space', { contactId: '1', companyId: '1' }, { toObjectType: '=com panies' }, /To Object Type .* got "com panies"/],
		['an unknown category', { contactId: '1', companyId: '1' }, { associationTypes: ['SYSTEM:1'] }, /Association Types \(associationTypes\) .* got "SYSTEM:1"/],
		['a type id that is not a positive integer', { contactId: '1', companyId: '1' }, { associationTypes: ['USER_DEFINED:0'] }, /got "USER_DEFINED:0"/],
		['no association type', { contactId: '1', companyId: '1' }, { associationTypes: '={{ [] }}' }, /needs at least one association type, got \[\]/],
	];

	it.each(badItems)('fails the node before any request for %s, naming the item, field and value', async (_kind, item, overrides, message) => {
		const { error, output } = await runNode({ items: [item], parameters: parameters(overrides) });

		expect(error?.message).toMatch(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(output).toEqual([]);
	});

	it('names the failing item by index and sends nothing, even when other items are valid', async () => {
		const { error } = await run({ items: [...records(3), { contactId: '12x', companyId: '1' }, ...records(2, 10)] });

		expect(error?.message).toMatch(/^Item 3: From Record ID/);
		expect(error?.context?.itemIndex).toBe(3);
	});

	it('with continue on fail, turns each bad item into its own error item and sends the rest', async () => {
		const sent = mockBatchCreate(contactsToCompanies, (body) => createdReply(body));

		const { output, error } = await run({
			items: [{ contactId: '101', companyId: '201' }, { contactId: 'x', companyId: '202' }, { contactId: '103', companyId: '203' }],
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(sent[0].body.inputs.map((input) => input.from.id)).toEqual(['101', '103']);
		expect(output[1]).toEqual({
			json: {
				error: 'Item 1: From Record ID (fromObjectId) must be a HubSpot record ID made of digits, got "x"',
				fromObjectId: 'x',
				toObjectId: '202',
			},
			pairedItem: { item: 1 },
		});
		expect(output.map((item) => item.json.status ?? 'failed')).toEqual(['created', 'failed', 'created']);
	});

	it('sends nothing at all when every item is bad', async () => {
		const { output } = await run({ items: [{ contactId: '', companyId: '' }], onError: 'continueRegularOutput' });

		expect(output).toHaveLength(1);
		expect(output[0].json.error).toMatch(/From Record ID/);
	});
});

describe('failures HubSpot reports', () => {
	it('without continue on fail, a 207 error fails the node naming the first failed item', async () => {
		mockBatchCreate(contactsToCompanies, (body) =>
			partialReply(body, (input) => input.to.id !== '500000', (input) => ({ message: `COMPANY=${input.to.id} is not valid`, context: { objectId: [input.to.id] } })),
		);

		const { error } = await run({ items: records(3) });

		expect(error?.message).toBe(
			'Item 1: HubSpot did not accept contacts 1001 → companies 500001: COMPANY=500001 is not valid (and 1 more items of this batch)',
		);
		expect(error?.context?.itemIndex).toBe(1);
	});

	it('routes failed items to the error output, carrying the error and the fields of their input item', async () => {
		mockBatchCreate(contactsToCompanies, (body) =>
			partialReply(body, (input) => input.to.id === '500001', () => ({ message: 'COMPANY=500001 is not valid', context: { objectId: ['500001'] } })),
		);
		const items = records(3).map((item, i) => ({ ...item, name: `row ${i}` }));

		const { output, errorOutput, error } = await run({ items, onError: 'continueErrorOutput' });

		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOutput[0].json).toEqual({
			contactId: '1001',
			companyId: '500001',
			name: 'row 1',
			error: 'Item 1: HubSpot did not accept contacts 1001 → companies 500001: COMPANY=500001 is not valid',
		});
	});

	it('routes bad input to the error output too', async () => {
		mockBatchCreate(contactsToCompanies, (body) => createdReply(body));

		const { output, errorOutput } = await run({
			items: [{ contactId: '101', companyId: '201' }, { contactId: '1', companyId: 'nope' }],
			onError: 'continueErrorOutput',
		});

		expect(output).toHaveLength(1);
		expect(errorOutput).toEqual([
			{ json: { contactId: '1', companyId: 'nope', error: expect.stringMatching(/^Item 1: To Record ID/) }, pairedItem: { item: 1 } },
		]);
	});

	const missingScopes = errorReply(403, {
		message: "This app hasn't been granted all required scopes to make this call.",
		category: 'MISSING_SCOPES',
		correlationId: 'corr-403',
		errors: [{ message: 'One or more of the following scopes are required.', context: { missingScopes: ['crm.objects.companies.write'] } }],
	});

	it('fails every item of a batch answered 403, naming the missing scopes (continue on fail)', async () => {
		mockBatchCreate(contactsToCompanies, () => missingScopes);

		const { output } = await run({ items: records(2), onError: 'continueRegularOutput' });

		expect(output).toHaveLength(2);
		for (const [i, item] of output.entries()) {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.error).toContain('lacks the scopes crm.objects.companies.write (403)');
			expect(item.json.hubspot).toMatchObject({
				status: 403,
				category: 'MISSING_SCOPES',
				correlationId: 'corr-403',
				context: { missingScopes: ['crm.objects.companies.write'] },
			});
		}
	});

	it('fails the node on a batch answered 403, keeping HubSpot category and correlation id', async () => {
		mockBatchCreate(contactsToCompanies, () => missingScopes);

		const { error } = await run({ items: records(2) });

		expect(error?.message).toMatch(/lacks the scopes crm.objects.companies.write/);
		expect(error?.description).toBe('Category: MISSING_SCOPES · Correlation ID: corr-403');
		expect((error as unknown as { httpCode: string }).httpCode).toBe('403');
		expect(error?.context?.itemIndex).toBe(0);
	});

	it('fails only the items of the batch HubSpot refused, naming its first item', async () => {
		mockBatchCreate(contactsToCompanies, (body, call) => (call === 1 ? errorReply(400, { message: 'Invalid input' }) : createdReply(body)), 3);

		const { output } = await run({ items: records(5), parameters: parameters({ options: { batchSize: 2 } }), onError: 'continueRegularOutput' });

		expect(output.map((item) => item.json.status ?? 'failed')).toEqual(['created', 'created', 'failed', 'failed', 'created']);
		expect(output[2].json.error).toBe('Item 2: HubSpot did not accept contacts 1002 → companies 500002: HubSpot answered 400: Invalid input');
	});

	it('never puts the access token in output or error text', async () => {
		mockBatchCreate(contactsToCompanies, () => errorReply(401, { message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' }));
		nock(TEST_BASE_URL).post('/oauth/2026-03/token').reply(400, { status: 'error', message: 'refresh failed', correlationId: 'x', category: 'BAD_REFRESH_TOKEN' });

		const result = await run({ items: records(1), onError: 'continueRegularOutput' });

		const everything = JSON.stringify([result.output, result.error, result.run.data.resultData]);
		expect(everything).not.toContain('test-access-token');
		expect(everything).not.toContain('test-refresh-token');
		expect(everything).not.toContain('test-client-secret');
	});
});
