import type { IDataObject } from 'n8n-workflow';
import { syncParameters } from '../../harness/operationParameters';
import { NODE_NAME, runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

interface Direction {
	from: string;
	to: string;
}
const CONTACTS_TO_COMPANIES = { from: 'contacts', to: 'companies' };


async function sync(items: IDataObject[], direction: Direction = CONTACTS_TO_COMPANIES, options: IDataObject = {}) {
	const result = await runNode({ items, parameters: syncParameters(options, { fromObjectType: direction.from, toObjectType: direction.to, fromObjectId: '={{ $json.from }}', toObjectId: '={{ $json.to }}' }), credentials: suite.credentials, onError: 'continueRegularOutput' });
	const hints = (result.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? []).map((hint) => hint.message);
	return { ...result, hints };
}

const typeIds = (fromType: string, fromId: string, toType: string, toId: string) =>
	suite.sim.state.associationsBetween(fromType, fromId, toType, toId).map((held) => held.associationTypeId);
const kindsSent = () => suite.sim.requests.map((request) => request.kind.replace('associations/', ''));

describe('Sync Associations: what it reads is what it plans from', () => {
	afterEach(() => {
		suite.sim.faults.clear();
		suite.sim.state.settings.readPageSize = 500;
		suite.sim.state.settings.readPaging = 'byRecord';
	});

	it('plans again from what was read when a record could not be read: a primary only another unread record also asked for is written', async () => {
		// Type 2 makes a company its contact's primary company, one per contact: two companies asking for it conflict, unless one could not be read.
		const { output } = await sync(
			[
				{ from: '1', to: '11', types: ['HUBSPOT_DEFINED:2'] },
				{ from: '999999', to: '11', types: ['HUBSPOT_DEFINED:2'] },
			],
			{ from: 'companies', to: 'contacts' },
		);

		expect(output[0].json).toMatchObject({ status: 'created' });
		expect(output[1].json.error).toMatch(/^Item 1: .*reading its current associations/);
		expect(typeIds('companies', '1', 'contacts', '11')).toContain(2);
	});

	it('plans again from what was read when a record could not be read: same-object, the pair the unread record also holds keeps its label', async () => {
		// Contact 5 manages 7. 5's read completes on its first page (planned while reading: 5 → 7 drops Manager); 7's second page fails,
		// so 7's item failed and 5 → 7, a pair of 7 too, may be listed by it: it loses nothing in this run.
		suite.sim.state.associate('contacts', '5', 'contacts', '7', [145]);
		for (const other of ['9', '10']) suite.sim.state.associate('contacts', '7', 'contacts', other);
		suite.sim.state.settings.readPageSize = 2;
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 503 });

		const { output } = await sync(
			[
				{ from: '5', to: '7', types: ['HUBSPOT_DEFINED:449'] },
				{ from: '7', to: '8', types: ['USER_DEFINED:145'] },
			],
			{ from: 'contacts', to: 'contacts' },
			{ maxRetries: 0 },
		);

		expect(output[1].json.error).toMatch(/^Item 1: .*reading its current associations: .*503/);
		expect(output[0].json).toMatchObject({ status: 'unchanged' });
		expect(typeIds('contacts', '5', 'contacts', '7')).toEqual([145, 449]);
		expect(kindsSent()).toEqual(['batch/read', 'batch/read']);
	});

	describe('same-object directions (issue 24.2)', () => {
		const COMPANIES = { from: 'companies', to: 'companies' };
		const PARENT = 'HUBSPOT_DEFINED:13';

		it('keeps a company parent/child pair listed from the other end, and removes what neither end lists', async () => {
			suite.sim.state.associate('companies', '1', 'companies', '2', [13]);
			suite.sim.state.associate('companies', '2', 'companies', '4', [13]);

			const { output, error } = await sync(
				[
					{ from: '1', to: '2', types: [PARENT] },
					{ from: '2', to: '3', types: [PARENT] },
				],
				COMPANIES,
			);

			expect(error).toBeUndefined();
			expect(typeIds('companies', '1', 'companies', '2')).toEqual([13, 450]);
			expect(typeIds('companies', '2', 'companies', '3')).toEqual([13, 450]);
			expect(typeIds('companies', '2', 'companies', '4')).toEqual([]);
			expect(output[0].json).toMatchObject({ status: 'unchanged', removed: [] });
			expect(output[1].json).toMatchObject({ status: 'created', removed: [{ toObjectId: '4' }] });
		});

		it('keeps an unlisted pair whose other end has a failed item: the pair is that record’s too', async () => {
			suite.sim.state.associate('companies', '1', 'companies', '2', [13]);
			const { output } = await sync(
				[
					{ from: '1', to: '3', types: [PARENT] },
					{ from: '2', to: '4.0', types: [PARENT] },
				],
				COMPANIES,
			);
			expect(output[1].json.error).toMatch(/4\.0/);
			expect(typeIds('companies', '1', 'companies', '2')).toEqual([13, 450]);
			expect(output[0].json).toMatchObject({ status: 'created', removed: [], kept: [{ toObjectId: '2', reason: expect.stringMatching(/of the other record\) failed/) }] });
		});

		it('keeps a contact Manager/Employee pair listed from the other end', async () => {
			suite.sim.state.associate('contacts', '5', 'contacts', '7', [145]);
			const { output } = await sync(
				[
					{ from: '5', to: '7', types: ['USER_DEFINED:145'] },
					{ from: '7', to: '8', types: ['USER_DEFINED:145'] },
				],
				{ from: 'contacts', to: 'contacts' },
			);
			expect(typeIds('contacts', '5', 'contacts', '7')).toEqual([145, 449]);
			expect(typeIds('contacts', '7', 'contacts', '8')).toEqual([145, 449]);
			expect(output.map((item) => item.json.status)).toEqual(['unchanged', 'created']);
			expect(kindsSent()).not.toContain('batch/archive');
		});

		it('fails an item whose types another item, listing the pair from its other end, undid: it never claims what HubSpot does not hold', async () => {
			// 1 is the parent of 2; the run lists 1 → 2 as parent and 2 → 1 with only the unlabeled type.
			suite.sim.state.associate('companies', '1', 'companies', '2', [13]);
			const { output, error } = await sync(
				[
					{ from: '1', to: '2', types: [PARENT] },
					{ from: '2', to: '1', types: ['HUBSPOT_DEFINED:450'] },
				],
				COMPANIES,
			);
			expect(error).toBeUndefined();
			expect(typeIds('companies', '1', 'companies', '2')).toEqual([450]);
			expect(output[0].json.error).toMatch(/lists this pair from its other end with types that undo these: HubSpot now holds HUBSPOT_DEFINED:450/);
			expect(output[1].json).toMatchObject({ status: 'updated', types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 450 }] });
		});

		it('a pair listed from both ends with agreeing types is written and answered as it is held (counterpart)', async () => {
			const { output } = await sync(
				[
					{ from: '1', to: '2', types: [PARENT] },
					{ from: '2', to: '1', types: ['HUBSPOT_DEFINED:14'] },
				],
				COMPANIES,
			);
			expect(typeIds('companies', '1', 'companies', '2')).toEqual([13, 450]);
			expect(output.map((item) => [item.json.status, item.json.error])).toEqual([
				['created', undefined],
				['created', undefined],
			]);
		});

		it('removes an association both of whose ends are listed records once, and counts it once against Max Removals', async () => {
			suite.sim.state.associate('companies', '1', 'companies', '3', [13]);
			const { output, error, hints } = await sync(
				[
					{ from: '1', to: '2', types: [PARENT] },
					{ from: '3', to: '4', types: [PARENT] },
				],
				COMPANIES,
				{ maxRemovals: 1 },
			);
			expect(error).toBeUndefined();
			expect(output.map((item) => item.json.error)).toEqual([undefined, undefined]);
			expect(typeIds('companies', '1', 'companies', '3')).toEqual([]);
			expect(output[0].json).toMatchObject({ removed: [{ toObjectId: '3' }] });
			expect(output[1].json).toMatchObject({ removed: [] });
			expect(hints).toContainEqual(expect.stringMatching(/ 1 removed/));
			expect(kindsSent().filter((kind) => kind === 'batch/archive')).toHaveLength(1);
		});
	});

	describe('record ids in HubSpot’s form (issue 24.3)', () => {
		it('reads "0023" as record 23: the pair is unchanged and nothing is removed', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '23', [36]);
			const { output } = await sync([{ from: '0011', to: '0023', types: ['USER_DEFINED:36'] }]);
			expect(output[0].json).toMatchObject({ status: 'unchanged', fromObjectId: '11', toObjectId: '23', removed: [] });
			expect(typeIds('contacts', '11', 'companies', '23')).toEqual([36, 279]);
			expect(kindsSent()).toEqual(['batch/read']);
		});
	});

	describe('a read that did not finish (issue 24.4)', () => {
		it('fails the items of a record whose later page failed, writes nothing for it, and syncs the others', async () => {
			for (const companyId of ['21', '22', '23', '24', '25']) suite.sim.state.associate('contacts', '11', 'companies', companyId);
			suite.sim.state.associate('contacts', '12', 'companies', '31');
			suite.sim.state.settings.readPageSize = 2;
			suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
			suite.sim.faults.next(1, { status: 503 });

			const { output, hints } = await sync(
				[
					{ from: '11', to: '21', types: ['USER_DEFINED:36'] },
					{ from: '12', to: '32', types: ['USER_DEFINED:36'] },
				],
				CONTACTS_TO_COMPANIES,
				{ maxRetries: 0 },
			);

			expect(output[0].json.error).toMatch(/^Item 0: .*reading its current associations: .*503/);
			expect(output[1].json).toMatchObject({ status: 'created', removed: [{ toObjectId: '31' }] });
			expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['21', '22', '23', '24', '25']);
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([279]);
			expect(hints).toContainEqual(expect.stringMatching(/1 created.*1 removed.*1 failed/));
		});

		it('merges a to-record split across pages: its existing labels are seen, the pair is not planned as new', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '21', [1, 36]);
			suite.sim.state.associate('contacts', '11', 'companies', '22', [38]);
			suite.sim.state.settings.readPaging = 'byType';
			suite.sim.state.settings.readPageSize = 2;

			const { output } = await sync([{ from: '11', to: '21', types: ['USER_DEFINED:36'] }]);

			expect(output[0].json).toMatchObject({ status: 'unchanged', removed: [{ toObjectId: '22' }] });
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([1, 36, 279]);
		});
	});

	describe('a primary the input moves (issue 25.1, Sync)', () => {
		it('is not re-asserted on the pair it leaves', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '21', [1]);
			const { output } = await sync([
				{ from: '11', to: '22', types: ['HUBSPOT_DEFINED:1'] },
				{ from: '11', to: '21', types: ['USER_DEFINED:36'] },
			]);
			expect(typeIds('contacts', '11', 'companies', '22')).toEqual([1, 279]);
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([36, 279]);
			expect(output[1].json.keptPrimaryTypes).toBeUndefined();
			expect(output[1].json.types).toEqual([
				{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
				{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
			]);
		});

		it('an unlisted pair whose primary the input moves away is removed, as it no longer holds one', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '21', [1]);
			const { output } = await sync([{ from: '11', to: '22', types: ['HUBSPOT_DEFINED:1'] }]);
			expect(output[0].json).toMatchObject({ status: 'created', removed: [{ toObjectId: '21' }] });
			expect(output[0].json.kept).toBeUndefined();
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([]);
		});

		it('stays on the pair it was to leave when HubSpot refuses the pair it moves to', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '21', [1]);
			const { output } = await sync([
				{ from: '11', to: '999999', types: ['HUBSPOT_DEFINED:1'] },
				{ from: '11', to: '21', types: ['USER_DEFINED:36'] },
			]);
			expect(output[0].json.error).toMatch(/setting its types/);
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([1, 36, 279]);
			expect(output[1].json).toMatchObject({ status: 'updated', keptPrimaryTypes: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] });
		});

		it('writes the pair it leaves after the pair it moves to, and the dry run shows those two requests', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '21', [1]);
			const items = [
				{ from: '11', to: '22', types: ['HUBSPOT_DEFINED:1'] },
				{ from: '11', to: '21', types: ['USER_DEFINED:36'] },
			];
			const dry = await sync(items, CONTACTS_TO_COMPANIES, { dryRun: true });
			expect(dry.output.map((item) => item.json.request)).toEqual([
				expect.objectContaining({ batch: 1, of: 2 }),
				expect.objectContaining({ batch: 2, of: 2 }),
			]);
			suite.sim.requests.length = 0;
			await sync(items);
			const creates = suite.sim.requests.filter((request) => request.kind === 'associations/batch/create');
			expect(creates.map((request) => (request.body as { inputs: Array<{ to: { id: string } }> }).inputs.map((input) => input.to.id))).toEqual([['22'], ['21']]);
		});

		it('refuses the items asking for one record’s primary on two pairs: HubSpot can hold it on one only', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '20', [1]);
			const { output } = await sync([
				{ from: '11', to: '21', types: ['HUBSPOT_DEFINED:1'] },
				{ from: '11', to: '22', types: ['HUBSPOT_DEFINED:1'] },
				{ from: '11', to: '23', types: ['USER_DEFINED:36'] },
			]);
			expect(output[0].json.error).toBe(
				'Item 0: asks for the primary type HUBSPOT_DEFINED:1, which a record holds on one pair only, and item 1 asks for it on another pair of the same record: list it on one pair. Nothing was written for this pair',
			);
			expect(output[1].json.error).toMatch(/^Item 1: asks for the primary type HUBSPOT_DEFINED:1.*item 0 asks for it/);
			expect(output[2].json).toMatchObject({ status: 'created', kept: [{ toObjectId: '20' }] });
			expect(typeIds('contacts', '11', 'companies', '20')).toEqual([1, 279]);
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([]);
			expect(typeIds('contacts', '11', 'companies', '22')).toEqual([]);
		});

		it('still keeps a primary no input moves (counterpart)', async () => {
			suite.sim.state.associate('contacts', '11', 'companies', '21', [1]);
			const { output } = await sync([{ from: '11', to: '21', types: ['USER_DEFINED:36'] }]);
			expect(typeIds('contacts', '11', 'companies', '21')).toEqual([1, 36, 279]);
			expect(output[0].json.keptPrimaryTypes).toEqual([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }]);
		});
	});
});
