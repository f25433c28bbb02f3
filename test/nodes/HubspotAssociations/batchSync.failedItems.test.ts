import type { IDataObject } from 'n8n-workflow';
import { syncParameters } from '../../harness/operationParameters';
import { NODE_NAME, runNode, type RunOptions } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

// Issue 24.1: a from-record with any failed item loses no unlisted pair in that run.
const BILLING = 'USER_DEFINED:36';


async function sync(items: IDataObject[], options: IDataObject = {}, run: Partial<RunOptions> = { onError: 'continueRegularOutput' }) {
	const result = await runNode({ items, parameters: syncParameters(options, { toIdType: '={{ $json.toIdType ?? "id" }}' }), credentials: suite.credentials, ...run });
	const hints = (result.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? []).map((hint) => hint.message);
	return { ...result, hints };
}

const typeIds = (contactId: string, companyId: string) =>
	suite.sim.state.associationsBetween('contacts', contactId, 'companies', companyId).map((held) => held.associationTypeId);
const archivesSent = () => suite.sim.requests.filter((request) => request.kind === 'associations/batch/archive').length;

const SKIPPED = 'an item of this from-record (or, in a same-object direction, of the other record) failed: this unlisted pair was not removed in this run';

/** Item 0 of contact 11 fails in each way the issue found; item 1 (11 → 23) is valid. */
const failingFirstItems: Array<[string, IDataObject, IDataObject?]> = [
	['its label is given by name with a typo', { contactId: '11', companyId: '22', types: ['Billng contact'] }],
	['its to-record is named by a domain two companies share', { contactId: '11', toIdType: 'domain', companyId: 'twins.example.com', types: [BILLING] }],
	['its lookup request fails (503, no retries)', { contactId: '11', toIdType: 'domain', companyId: 'company22.example.com', types: [BILLING] }, { maxRetries: 0 }],
	['its to-id is not a valid id ("22.0")', { contactId: '11', companyId: '22.0', types: [BILLING] }],
];

describe('Sync Associations: a from-record with a failed item keeps its unlisted pairs', () => {
	beforeAll(() => {
		suite.sim.state.setProperty('companies', '9001', 'domain', 'twins.example.com');
		suite.sim.state.setProperty('companies', '9002', 'domain', 'twins.example.com');
	});
	beforeEach(() => {
		suite.sim.state.associate('contacts', '11', 'companies', '22', [36]);
		suite.sim.state.associate('contacts', '11', 'companies', '23', [36]);
	});
	afterEach(() => suite.sim.faults.clear());

	const modes: Array<[string, Partial<RunOptions>]> = [
		['continue-on-fail', { onError: 'continueRegularOutput' }],
		['the error output', { onError: 'continueErrorOutput' }],
		['tool mode', { asTool: true }],
	];
	describe.each(modes)('with %s', (_mode, run) => {
		it.each(failingFirstItems)('keeps 11 → 22 when item 0 fails because %s', async (_why, failing, options = {}) => {
			if (options.maxRetries === 0) suite.sim.faults.next(1, { status: 503 });
			const { output, errorOutput, error, hints } = await sync([failing, { contactId: '11', companyId: '23', types: [BILLING] }], options, run);

			expect(error).toBeUndefined();
			expect(typeIds('11', '22')).toEqual([36, 279]);
			expect(typeIds('11', '23')).toEqual([36, 279]);
			expect(archivesSent()).toBe(0);
			const all = [...output, ...errorOutput].sort((a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item);
			expect(all.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(all[0].json.error).toEqual(expect.stringMatching(/^(Item 0: )?/));
			expect(all[0].json.status ?? 'failed').toBe('failed');
			expect(all[1].json).toMatchObject({
				status: 'unchanged',
				removed: [],
				kept: [{ toObjectId: '22', reason: SKIPPED }],
				removalsSkipped: expect.stringMatching(/^Item 0 of this from-record failed: its unlisted pairs were not removed in this run/),
			});
			if (!run.asTool) expect(hints).toContainEqual(expect.stringMatching(/0 removed.*1 failed.*1 unlisted not removed \(records with failed items\)/));
		});
	});

	it('still removes the unlisted pairs of another from-record whose items all succeeded', async () => {
		suite.sim.state.associate('contacts', '12', 'companies', '24');
		const { output, hints } = await sync([
			{ contactId: '11', companyId: '22.0', types: [BILLING] },
			{ contactId: '11', companyId: '23', types: [BILLING] },
			{ contactId: '12', companyId: '25', types: [BILLING] },
		]);
		expect(typeIds('11', '22')).toEqual([36, 279]);
		expect(typeIds('12', '24')).toEqual([]);
		expect(output[2].json).toMatchObject({ status: 'created', removed: [{ toObjectId: '24' }] });
		expect(output[2].json.removalsSkipped).toBeUndefined();
		expect(hints).toContainEqual(expect.stringMatching(/1 removed.*1 failed.*1 unlisted not removed/));
	});

	it('removes no unlisted pair at all when an item failed before its from-record was known', async () => {
		suite.sim.state.associate('contacts', '12', 'companies', '24');
		const { output } = await sync([
			{ contactId: '0x11', companyId: '22', types: [BILLING] },
			{ contactId: '12', companyId: '25', types: [BILLING] },
		]);
		expect(typeIds('12', '24')).toEqual([279]);
		expect(output[1].json).toMatchObject({
			status: 'created',
			removalsSkipped: expect.stringMatching(/^Item 0 failed before its from-record was known: no unlisted pair was removed in this run/),
		});
	});

	it('drops no type of a pair whose other item failed: it may have asked for one (a mistyped "Former employee")', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '22', [36, 38]);
		const { output } = await sync([
			{ contactId: '11', companyId: '22', types: [BILLING] },
			{ contactId: '11', companyId: '22', types: ['Former employe'] },
			{ contactId: '11', companyId: '24', types: [BILLING] },
		]);
		expect(output[1].json.error).toMatch(/Former employe/);
		expect(typeIds('11', '22')).toEqual([36, 38, 279]);
		expect(typeIds('11', '24')).toEqual([36, 279]);
		expect(output[0].json).toMatchObject({
			status: 'unchanged',
			types: [
				{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
				{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
				{ associationCategory: 'USER_DEFINED', associationTypeId: 38 },
			],
			removalsSkipped: expect.stringMatching(/^Item 1 of this from-record failed/),
		});
		expect(output[2].json).toMatchObject({ status: 'created' });
	});

	it('still drops the types a valid item does not ask for on a record whose items all succeeded (counterpart)', async () => {
		suite.sim.state.associate('contacts', '12', 'companies', '22', [36, 38]);
		await sync([
			{ contactId: '11', companyId: '22.0', types: [BILLING] },
			{ contactId: '11', companyId: '23', types: [BILLING] },
			{ contactId: '12', companyId: '22', types: [BILLING] },
		]);
		expect(suite.sim.state.associationsBetween('contacts', '12', 'companies', '22').map((held) => held.associationTypeId)).toEqual([36, 279]);
	});

	it('keeps the unlisted pairs of a record whose create failed in the sync itself', async () => {
		const { output } = await sync([
			{ contactId: '11', companyId: '999999', types: [BILLING] },
			{ contactId: '11', companyId: '23', types: [BILLING] },
		]);
		expect(output[0].json.error).toMatch(/setting its types/);
		expect(typeIds('11', '22')).toEqual([36, 279]);
		expect(output[1].json).toMatchObject({ kept: [{ toObjectId: '22', reason: SKIPPED }] });
	});

	it('shows the skipped removals in a dry run and sends no archive', async () => {
		const { output } = await sync(
			[
				{ contactId: '11', companyId: '22.0', types: [BILLING] },
				{ contactId: '11', companyId: '23', types: [BILLING] },
			],
			{ dryRun: true },
		);
		expect(output[1].json).toMatchObject({ dryRun: true, removed: [], kept: [{ toObjectId: '22', reason: SKIPPED }] });
		expect(archivesSent()).toBe(0);
	});

	describe('in tool mode, a failure in the sync itself is that item’s answer', () => {
		it('a record whose read failed fails alone; the other records are synced and answered', async () => {
			const { output, error } = await sync(
				[
					{ contactId: '999999', companyId: '22', types: [BILLING] },
					{ contactId: '12', companyId: '23', types: [BILLING] },
				],
				{},
				{ asTool: true },
			);
			expect(error).toBeUndefined();
			expect(typeIds('12', '23')).toEqual([36, 279]);
			expect(output[0].json).toMatchObject({ status: 'failed', error: expect.stringMatching(/reading its current associations/) });
			expect(output[1].json).toMatchObject({ status: 'created' });
		});

		it('a create HubSpot refuses fails that item alone; the others say what was written', async () => {
			const { output, error } = await sync(
				[
					{ contactId: '11', companyId: '999999', types: [BILLING] },
					{ contactId: '12', companyId: '23', types: [BILLING] },
				],
				{},
				{ asTool: true },
			);
			expect(error).toBeUndefined();
			expect(typeIds('12', '23')).toEqual([36, 279]);
			expect(output[0].json).toMatchObject({ status: 'failed', error: expect.stringMatching(/setting its types/) });
			expect(output[1].json).toMatchObject({ status: 'created' });
		});
	});

	it('without continue-on-fail, stops at the failed item and writes nothing', async () => {
		const { error } = await sync(
			[
				{ contactId: '11', companyId: '22.0', types: [BILLING] },
				{ contactId: '11', companyId: '23', types: [BILLING] },
			],
			{},
			{ onError: 'stopWorkflow' },
		);
		expect(error?.message).toMatch(/22\.0/);
		expect(typeIds('11', '22')).toEqual([36, 279]);
	});
});
