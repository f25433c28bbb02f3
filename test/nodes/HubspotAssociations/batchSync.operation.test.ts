import type { IDataObject } from 'n8n-workflow';
import { HubspotAssociations } from '../../../nodes/HubspotAssociations/HubspotAssociations.node';
import { NODE_NAME, runNode } from '../../harness/runWorkflow';
import { syncParameters } from '../../harness/operationParameters';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const UNLABELED = 279;
const PRIMARY = 1;
const BILLING = 36;
const FORMER = 38;
const spec = (associationTypeId: number) => ({ associationCategory: associationTypeId === BILLING || associationTypeId === FORMER ? 'USER_DEFINED' : 'HUBSPOT_DEFINED', associationTypeId });
const code = (associationTypeId: number) => `${spec(associationTypeId).associationCategory}:${associationTypeId}`;

interface SyncItem extends IDataObject {
	contactId: string;
	companyId: string;
	types: string[];
}
const item = (contactId: number | string, companyId: number | string, typeIds: number[] = [BILLING]): SyncItem => ({
	contactId: String(contactId),
	companyId: String(companyId),
	types: typeIds.map(code),
});

async function sync(items: SyncItem[], options: IDataObject = {}, onError: 'continueRegularOutput' | 'stopWorkflow' = 'continueRegularOutput') {
	const result = await runNode({ items, parameters: syncParameters(options), credentials: suite.credentials, onError });
	const hints = result.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? [];
	return { ...result, hints: hints.map((hint) => hint.message) };
}

const typeIds = (contactId: number | string, companyId: number | string) =>
	suite.sim.state
		.associationsBetween('contacts', String(contactId), 'companies', String(companyId))
		.map((held) => held.associationTypeId)
		.sort((a, b) => a - b);
const seed = (contactId: number | string, companyId: number | string, typeIds: number[]) =>
	suite.sim.state.associate('contacts', String(contactId), 'companies', String(companyId), typeIds.filter((id) => id !== UNLABELED));
const pairOf = (contactId: number, companyId: number) => ({
	fromObjectType: 'contacts',
	fromObjectId: String(contactId),
	toObjectType: 'companies',
	toObjectId: String(companyId),
});
const kindsSent = () => suite.sim.requests.map((request) => request.kind.replace('associations/', ''));
const countOf = (kind: string) => kindsSent().filter((sent) => sent === kind).length;

describe('Sync Associations', () => {
	it('creates missing pairs, relabels differing ones and removes unlisted ones, for one from-record', async () => {
		seed(11, 22, [UNLABELED, FORMER]);
		seed(11, 23, [UNLABELED, BILLING]);
		seed(11, 24, [UNLABELED]);
		seed(11, 25, [UNLABELED, PRIMARY]);

		const { output, error, hints } = await sync([item(11, 21), item(11, 22), item(11, 23)]);

		expect(error).toBeUndefined();
		expect(output.map((out) => out.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({
			status: 'created',
			...pairOf(11, 21),
			types: [spec(BILLING)],
			removed: [{ toObjectId: '24', types: [spec(UNLABELED)] }],
			kept: [{ toObjectId: '25', types: [spec(UNLABELED), spec(PRIMARY)], reason: 'holds a primary type, which a sync never removes' }],
		});
		expect(output[1].json).toMatchObject({ status: 'updated', typesBefore: [spec(UNLABELED), spec(FORMER)], types: [spec(BILLING), spec(UNLABELED)] });
		expect(output[2].json).toMatchObject({ status: 'unchanged', types: [spec(BILLING), spec(UNLABELED)] });
		expect(output[1].json).not.toHaveProperty('removed');
		expect(typeIds(11, 21)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(11, 22)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(11, 23)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(11, 24)).toEqual([]);
		expect(typeIds(11, 25)).toEqual([PRIMARY, UNLABELED]);
		expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/archive']);
		expect(hints).toContain('Sync: 1 created, 1 updated, 1 unchanged, 1 removed, 1 kept (primary)');
	});

	it("gives the README's example output: a sheet as the source of truth for contact ↔ company links", async () => {
		seed(101, 201, [BILLING]);
		seed(101, 202, [FORMER]);
		seed(101, 205, [PRIMARY]);

		const { output } = await sync([item(101, 201, [BILLING]), item(101, 203, [UNLABELED])]);

		expect(output.map((out) => out.json)).toEqual([
			{
				status: 'unchanged',
				...pairOf(101, 201),
				types: [spec(BILLING), spec(UNLABELED)],
				removed: [{ toObjectId: '202', types: [spec(UNLABELED), spec(FORMER)] }],
				kept: [{ toObjectId: '205', types: [spec(UNLABELED), spec(PRIMARY)], reason: 'holds a primary type, which a sync never removes' }],
			},
			{ status: 'created', ...pairOf(101, 203), types: [spec(UNLABELED)] },
		]);
		expect(suite.sim.state.associatedIds('contacts', '101', 'companies')).toEqual(['201', '203', '205']);
	});

	it('syncs 1,000 from-records in mixed states with one read, one create and the fewest removal requests', async () => {
		// State by contact id modulo 6: missing, other label, same label, extra pair, primary pair not listed, label to drop.
		const contacts = Array.from({ length: 1000 }, (_, i) => i + 1);
		const stateOf = (contact: number) => contact % 6;
		for (const contact of contacts) {
			const state = stateOf(contact);
			if (state === 1) seed(contact, 101, [FORMER]);
			if (state === 2 || state === 3) seed(contact, 101, [BILLING]);
			if (state === 3) seed(contact, 102, []);
			if (state === 4) seed(contact, 103, [PRIMARY]);
			if (state === 5) seed(contact, 101, [BILLING, FORMER]);
		}
		const inState = (...states: number[]) => contacts.filter((contact) => states.includes(stateOf(contact))).length;

		const { output, error, hints } = await sync(contacts.map((contact) => item(contact, 101)), { maxRemovals: 1000 });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(1000);
		const expectedStatus = ['created', 'updated', 'unchanged', 'unchanged', 'created', 'updated'];
		output.forEach((out, i) => {
			const contact = contacts[i];
			expect(out.pairedItem).toEqual({ item: i });
			expect(out.json.status).toBe(expectedStatus[stateOf(contact)]);
			expect(out.json.removed).toEqual(stateOf(contact) === 3 ? [{ toObjectId: '102', types: [spec(UNLABELED)] }] : []);
			expect(out.json.kept).toEqual(stateOf(contact) === 4 ? [expect.objectContaining({ toObjectId: '103' })] : undefined);
			// The final state, pair by pair.
			expect(typeIds(contact, 101)).toEqual([BILLING, UNLABELED]);
			expect(typeIds(contact, 102)).toEqual([]);
			expect(typeIds(contact, 103)).toEqual(stateOf(contact) === 4 ? [PRIMARY, UNLABELED] : []);
		});
		expect(output[4].json).toMatchObject({ status: 'updated', typesBefore: [spec(UNLABELED), spec(BILLING), spec(FORMER)] });

		expect(countOf('batch/read')).toBe(1);
		expect(countOf('batch/create')).toBe(1);
		expect(countOf('batch/labels/archive')).toBe(Math.ceil(inState(5) / 100));
		expect(countOf('batch/archive')).toBe(Math.ceil(inState(3) / 100));
		const createInputs = suite.sim.requests.find((request) => request.kind.endsWith('batch/create'))!.body as { inputs: unknown[] };
		expect(createInputs.inputs).toHaveLength(inState(0, 1, 4));
		expect(hints).toContain(
			`Sync: ${inState(0, 4)} created, ${inState(1, 5)} updated, ${inState(2, 3)} unchanged, ${inState(3)} removed, ${inState(4)} kept (primary)`,
		);
	});

	it('leaves unlisted pairs alone when Remove Unlisted is off', async () => {
		seed(11, 24, [FORMER]);

		const { output } = await sync([item(11, 21)], { removeUnlisted: false });

		expect(output[0].json).toEqual({ status: 'created', ...pairOf(11, 21), types: [spec(BILLING)] });
		expect(typeIds(11, 24)).toEqual([FORMER, UNLABELED]);
		expect(kindsSent()).toEqual(['batch/read', 'batch/create']);
	});

	it('fails before any write when it would remove more pairs than Max Removals', async () => {
		for (let company = 101; company <= 250; company++) seed(11, company, []);

		const { output, error } = await sync([item(11, 21)], {}, 'stopWorkflow');

		expect(output).toHaveLength(0);
		expect(error?.message).toBe(
			'This sync would remove 150 associations, more than Max Removals (options.maxRemovals) allows (100); nothing was written',
		);
		expect(error?.description).toMatch(/raise Max Removals/);
		expect(kindsSent()).toEqual(['batch/read']);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toHaveLength(150);
	});

	it('with continue-on-fail, the Max Removals guard fails every item and still writes nothing', async () => {
		for (let company = 101; company <= 250; company++) seed(11, company, []);

		const { output, error } = await sync([item(11, 21), item(12, 21)]);

		expect(error).toBeUndefined();
		expect(output.map((out) => out.json.error)).toEqual([0, 1].map((i) => `Item ${i}: This sync would remove 150 associations, more than Max Removals (options.maxRemovals) allows (100); nothing was written`));
		expect(kindsSent()).toEqual(['batch/read']);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toHaveLength(150);
	});

	it('refuses a Max Removals that is not a whole number of 0 or more, before sending anything', async () => {
		const { error } = await sync([item(11, 21)], { maxRemovals: -1 }, 'stopWorkflow');

		expect(error?.message).toBe('Max Removals (options.maxRemovals) must be a whole number of 0 or more, got -1');
		expect(suite.sim.requests).toHaveLength(0);
	});

	it('removes exactly Max Removals pairs', async () => {
		for (let company = 101; company <= 250; company++) seed(11, company, []);

		const { output } = await sync([item(11, 21)], { maxRemovals: 150, removalBatchSize: 2000 });

		expect(output[0].json.removed).toHaveLength(150);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['21']);
		expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/archive']);
	});

	it('dry run: returns the plan with the request each change would join, and writes nothing', async () => {
		seed(11, 22, [FORMER]);
		seed(11, 23, [BILLING, FORMER]);
		seed(11, 24, []);
		seed(12, 21, [BILLING]);
		const before = [typeIds(11, 22), typeIds(11, 23), typeIds(11, 24), typeIds(12, 21)];

		const { output, hints } = await sync([item(11, 21), item(11, 22), item(11, 23), item(12, 21)], { dryRun: true });

		const path = (action: string) => `/crm/associations/2026-03/contacts/companies/${action}`;
		expect(kindsSent()).toEqual(['batch/read']);
		expect([typeIds(11, 22), typeIds(11, 23), typeIds(11, 24), typeIds(12, 21)]).toEqual(before);
		expect(typeIds(11, 21)).toEqual([]);
		expect(output[0].json).toEqual({
			status: 'created',
			...pairOf(11, 21),
			types: [spec(BILLING)],
			dryRun: true,
			request: { method: 'POST', path: path('batch/create'), batch: 1, of: 1 },
			input: { from: { id: '11' }, to: { id: '21' }, types: [spec(BILLING)] },
			removed: [{ toObjectId: '24', types: [spec(UNLABELED)], request: { method: 'POST', path: path('batch/archive'), batch: 1, of: 1 } }],
		});
		expect(output[1].json).toMatchObject({ status: 'updated', request: { path: path('batch/create') }, input: { types: [spec(BILLING)] } });
		expect(output[2].json).toMatchObject({
			status: 'updated',
			request: { path: path('batch/labels/archive'), batch: 1, of: 1 },
			input: { from: { id: '11' }, to: { id: '23' }, types: [spec(FORMER)] },
		});
		expect(output[3].json).toEqual({ status: 'unchanged', ...pairOf(12, 21), types: [spec(BILLING), spec(UNLABELED)], dryRun: true, removed: [] });
		expect(hints).toContain('Dry run, nothing was written. Would be: 1 created, 2 updated, 1 unchanged, 1 removed, 0 kept (primary)');
	});

	it('dry run over Max Removals still shows the plan, and warns that a real run would stop', async () => {
		for (let company = 101; company <= 250; company++) seed(11, company, []);

		const { output, error, hints } = await sync([item(11, 21)], { dryRun: true });

		expect(error).toBeUndefined();
		expect(output[0].json.removed).toHaveLength(150);
		expect(kindsSent()).toEqual(['batch/read']);
		expect(hints).toContain(
			'A real run would stop before writing: it would remove 150 associations, more than Max Removals (options.maxRemovals) allows (100).',
		);
	});

	it('follows paging cursors of a from-record with more associations than one page', async () => {
		for (let company = 1; company <= 1100; company++) seed(11, company, []);

		const { output } = await sync([item(11, 5), item(11, 1050)], { maxRemovals: 2000, removalBatchSize: 2000 });

		const reads = suite.sim.requests.filter((request) => request.kind.endsWith('batch/read'));
		expect(reads.map((request) => (request.body as { inputs: Array<{ after?: string }> }).inputs.map((input) => input.after !== undefined))).toEqual([
			[false],
			[true],
			[true],
		]);
		expect(output[0].json.removed).toHaveLength(1098);
		expect(output.map((out) => out.json.status)).toEqual(['updated', 'updated']);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['5', '1050']);
		expect(typeIds(11, 1050)).toEqual([BILLING, UNLABELED]);
		// One archive request: the 1,098 to-records of the one from-record in one input.
		const archives = suite.sim.requests.filter((request) => request.kind.endsWith('batch/archive'));
		expect(archives.map((request) => (request.body as { inputs: Array<{ to: unknown[] }> }).inputs.map((input) => input.to.length))).toEqual([[1098]]);
	});

	it('merges an input naming the same pair twice with different types, as Batch Create does', async () => {
		const { output } = await sync([item(11, 21, [BILLING]), item(11, 21, [FORMER])]);

		expect(output.map((out) => [out.json.status, out.json.types])).toEqual([
			['created', [spec(BILLING), spec(FORMER)]],
			['created', [spec(BILLING), spec(FORMER)]],
		]);
		expect(output[0].json.removed).toEqual([]);
		expect(output[1].json).not.toHaveProperty('removed');
		expect(typeIds(11, 21)).toEqual([BILLING, FORMER, UNLABELED]);
		const createBody = suite.sim.requests[1].body as { inputs: unknown[] };
		expect(createBody.inputs).toEqual([{ from: { id: '11' }, to: { id: '21' }, types: [spec(BILLING), spec(FORMER)] }]);
	});

	it('removes with batch/labels/archive the labels a create kept instead of replacing them', async () => {
		seed(11, 21, [FORMER]);
		seed(12, 22, [FORMER]);
		suite.sim.state.settings.createLabels = 'keep';
		try {
			const { output } = await sync([item(11, 21, [BILLING]), item(12, 22, [BILLING])]);

			expect(output.map((out) => out.json.status)).toEqual(['updated', 'updated']);
		} finally {
			suite.sim.state.settings.createLabels = 'replace';
		}
		expect(typeIds(11, 21)).toEqual([BILLING, UNLABELED]);
		expect(typeIds(12, 22)).toEqual([BILLING, UNLABELED]);
		expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/labels/archive']);
		expect((suite.sim.requests[2].body as { inputs: unknown[] }).inputs).toEqual([
			{ from: { id: '11' }, to: { id: '21' }, types: [spec(FORMER)] },
			{ from: { id: '12' }, to: { id: '22' }, types: [spec(FORMER)] },
		]);
	});

	it("keeps a listed pair's primary type the input does not ask for, and says so", async () => {
		seed(11, 21, [PRIMARY, FORMER]);

		const { output } = await sync([item(11, 21, [BILLING])]);

		expect(output[0].json).toMatchObject({
			status: 'updated',
			typesBefore: [spec(UNLABELED), spec(PRIMARY), spec(FORMER)],
			types: [spec(BILLING), spec(PRIMARY), spec(UNLABELED)],
			keptPrimaryTypes: [spec(PRIMARY)],
		});
		expect(typeIds(11, 21)).toEqual([PRIMARY, BILLING, UNLABELED]);
		expect((suite.sim.requests[1].body as { inputs: Array<{ types: unknown }> }).inputs[0].types).toEqual([spec(BILLING), spec(PRIMARY)]);
	});

	it('sends the removal requests of a large sync in parallel when Parallel Requests allows', async () => {
		for (let company = 101; company <= 700; company++) seed(11, company, []);

		const { output } = await sync([item(11, 21)], { maxRemovals: 1000, concurrency: 3 });

		expect(output[0].json.removed).toHaveLength(600);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['21']);
		expect(countOf('batch/archive')).toBe(6);
	});

	it('fails only the items of a request HubSpot refuses as a whole, and goes on with the next step', async () => {
		seed(12, 22, [BILLING, FORMER]);
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 503 });

		const { output } = await sync([item(11, 21), item(12, 22)], { maxRetries: 0 });
		suite.sim.faults.clear();

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept contacts 11 → companies 21: setting its types: HubSpot answered 503/);
		expect(output[0].json.hubspot).toMatchObject({ status: 503 });
		expect(output[1].json).toMatchObject({ status: 'updated', types: [spec(BILLING), spec(UNLABELED)] });
		expect(typeIds(12, 22)).toEqual([BILLING, UNLABELED]);
		expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/labels/archive']);
	});

	describe('partial failures', () => {
		// Contact 999999 and companies 999990+ do not exist in the simulated portal.
		function seedOneFailurePerPhase() {
			seed(13, 999998, [BILLING, FORMER]);
			seed(14, 999997, []);
		}
		const items = [item(999999, 21), item(12, 999999), item(13, 999998), item(14, 21), item(15, 21)];

		it('with continue-on-fail, fail exactly the items they concern, in every phase', async () => {
			seedOneFailurePerPhase();

			const { output, error, hints } = await sync(items);

			expect(error).toBeUndefined();
			expect(output.map((out) => out.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
			expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept contacts 999999 → companies 21: reading its current associations: .*999999/);
			expect(output[1].json.error).toMatch(/^Item 1: HubSpot did not accept contacts 12 → companies 999999: setting its types: .*999999/);
			expect(output[2].json.error).toMatch(/^Item 2: HubSpot did not accept contacts 13 → companies 999998: removing the types not asked for: .*999998/);
			expect(output[3].json).toMatchObject({
				status: 'created',
				removed: [],
				removalErrors: [{ toObjectId: '999997', types: [spec(UNLABELED)], error: expect.stringMatching(/^removing the pair the input does not list: .*999997/) }],
			});
			expect(output[4].json).toMatchObject({ status: 'created', removed: [] });
			expect(typeIds(14, 21)).toEqual([BILLING, UNLABELED]);
			expect(typeIds(15, 21)).toEqual([BILLING, UNLABELED]);
			expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/labels/archive', 'batch/archive']);
			expect(suite.sim.requests.map((request) => request.status)).toEqual([207, 207, 200, 200]);
			expect(hints).toContain('Sync: 2 created, 0 updated, 0 unchanged, 0 removed, 0 kept (primary), 3 failed, 1 removal failed');
		});

		it('without continue-on-fail, a failed read stops the run before any write, naming its item', async () => {
			seedOneFailurePerPhase();

			const { error } = await sync(items, {}, 'stopWorkflow');

			expect(error?.message).toMatch(/^Item 0: HubSpot did not accept contacts 999999 → companies 21: reading its current associations/);
			expect(kindsSent()).toEqual(['batch/read']);
		});

		it('without continue-on-fail, a failed create stops the run: no later phase is sent', async () => {
			seedOneFailurePerPhase();

			const { error } = await sync(items.slice(1), {}, 'stopWorkflow');

			expect(error?.message).toMatch(/^Item 0: HubSpot did not accept contacts 12 → companies 999999: setting its types/);
			expect(kindsSent()).toEqual(['batch/read', 'batch/create']);
			expect(typeIds(13, 999998)).toEqual([BILLING, FORMER, UNLABELED]);
			expect(typeIds(14, 999997)).toEqual([UNLABELED]);
		});

		it('without continue-on-fail, a failed label removal stops the run before removals', async () => {
			seedOneFailurePerPhase();

			const { error } = await sync(items.slice(2), {}, 'stopWorkflow');

			expect(error?.message).toMatch(/^Item 0: HubSpot did not accept contacts 13 → companies 999998: removing the types not asked for/);
			expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/labels/archive']);
			expect(typeIds(14, 999997)).toEqual([UNLABELED]);
		});

		it('without continue-on-fail, a failed removal stops the run naming the item that reports it', async () => {
			seedOneFailurePerPhase();

			const { error } = await sync(items.slice(3), {}, 'stopWorkflow');

			expect(error?.message).toMatch(/^Item 0: HubSpot did not remove 14 → 999997, a pair the input does not list: /);
			expect(kindsSent()).toEqual(['batch/read', 'batch/create', 'batch/archive']);
		});
	});

	it('takes labels by their text, as every operation with association types does', async () => {
		seed(11, 21, [FORMER]);

		const { output } = await sync([{ contactId: '11', companyId: '21', types: ['billing contact'] }]);

		expect(output[0].json).toMatchObject({ status: 'updated', types: [spec(BILLING), spec(UNLABELED)] });
		expect(typeIds(11, 21)).toEqual([BILLING, UNLABELED]);
	});

	it("as an AI tool, tells the model that it removes the record's other links", () => {
		const field = new HubspotAssociations().description.properties.find(
			(property) => property.name === 'toolDescription' && (property.displayOptions?.show?.operation as string[] | undefined)?.includes('batchSync'),
		);
		expect(field?.default).toMatch(/REMOVES the record's other links .* \(primary links are kept\)/);
	});

	it('fails an item naming another direction than the first item: one direction per sync', async () => {
		const parameters = { ...syncParameters(), fromObjectType: '={{ $json.fromType }}' };
		const items = [{ ...item(11, 21), fromType: 'contacts' }, { ...item(12, 21), fromType: '0-1' }, { ...item(13, 21), fromType: 'deals' }];

		const { output } = await runNode({ items, parameters, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output.map((out) => out.json.status ?? out.json.error)).toEqual([
			'created',
			'created',
			expect.stringMatching(/^Item 2: From\/To Object Type \(fromObjectType, toObjectType\) must be the same for every item of a sync \(0-1 → 0-2\), got 0-3 → 0-2/),
		]);
	});

	it('refuses a custom object named by name on one side and by type ID on the other: it could be one object type, whose pairs count from either end', async () => {
		const parameters = { ...syncParameters(), fromObjectType: 'p12345678_cars', toObjectType: '2-3456789' };

		const { output } = await runNode({ items: [item(1, 2), item(2, 3)], parameters, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output.map((out) => out.json.error)).toEqual([
			expect.stringMatching(/^Item 0: From\/To Object Type \(fromObjectType, toObjectType\) must name custom objects in one form, both by type ID \(e\.g\. 2-3456789\) or both by name/),
			expect.stringMatching(/^Item 1: /),
		]);
		expect(suite.sim.requests.filter((request) => request.path.startsWith('/crm/associations'))).toEqual([]);
	});
});
