import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds, syncParameters } from '../../harness/operationParameters';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

// Company → contact: type 2 makes the company the contact's primary company, one per contact
// (held by the to-record). Moving it to another company's pair is what lets the sync remove
// the old company's now-unlisted pair: that removal depends on another record's write.
const suite = useSimulator();
const PRIMARY = 'HUBSPOT_DEFINED:2';
const UNLABELED = 'HUBSPOT_DEFINED:280';

const item = (company: number, contact: number, types: string[]): IDataObject => ({ contactId: String(company), companyId: String(contact), types });
const parameters = (options: IDataObject = {}) => syncParameters({ maxRemovals: 100, maxRetries: 0, ...options }, { fromObjectType: 'companies', toObjectType: 'contacts' });

beforeEach(() => {
	suite.sim.state.clearAssociations();
	suite.sim.faults.clear();
	suite.sim.requests.length = 0;
	// Company 1 is contact 11's primary company and is also linked to contact 12 (listed, unchanged).
	suite.sim.state.associate('companies', '1', 'contacts', '11', [2, 280]);
	suite.sim.state.associate('companies', '1', 'contacts', '12', [280]);
});
afterEach(() => suite.sim.faults.clear());

describe('Sync Associations: a pair holding a primary the input moves elsewhere is removed only once the move is done', () => {
	it.each(['auto', 1] as const)('with continue-on-fail (Parallel Requests %s), keeps company 1 → contact 11, as kept for its primary, when the create moving that primary to company 2 fails', async (concurrency) => {
		// The read answers; the create of 2 → 11 is refused (403, never retried); anything after answers as usual.
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		const { output, error } = await runNode({
			items: [item(1, 12, [UNLABELED]), item(2, 11, [PRIMARY])],
			parameters: parameters({ concurrency }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(output[1].json.error).toBeDefined();
		// The move failed: company 1 is still contact 11's primary company, and the pair must stay.
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['1']);
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 280]);
		expect(output[0].json.removed).toEqual([]);
		expect(output[0].json.kept).toEqual([expect.objectContaining({ toObjectId: '11', reason: 'holds a primary type, which a sync never removes' })]);
	});

	it('in tool mode (continue-on-fail by itself), keeps the pair whose primary the failed create did not move', async () => {
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		await runNode({ items: [item(1, 12, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters(), credentials: suite.credentials, asTool: true });

		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 280]);
	});

	it('removes the old holder\'s pair once the create moving the primary is answered, not before', async () => {
		suite.sim.faults.lockConcurrentWrites(true);
		suite.sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: 200 }] });

		const { output, error } = await runNode({
			items: [item(1, 12, [UNLABELED]), item(2, 11, [PRIMARY])],
			parameters: parameters({ concurrency: 'auto' }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		const create = suite.sim.requests.find((request) => request.path.endsWith('/batch/create'))!;
		const archive = suite.sim.requests.find((request) => request.path.endsWith('/batch/archive'))!;
		expect(archive.at - create.at).toBeGreaterThanOrEqual(200);
		expect(suite.sim.state.associatedIds('contacts', '11', 'companies')).toEqual(['2']);
		expect(heldTypeIds(suite.sim, 'companies', '2', 'contacts', '11')).toEqual([2, 280]);
		expect(output[0].json.removed).toEqual([expect.objectContaining({ toObjectId: '11' })]);
	});
});

describe('Sync Associations: a listed pair whose primary the input moves to another pair gives it up only through that move', () => {
	beforeEach(() => {
		suite.sim.state.clearAssociations();
		suite.sim.state.associate('companies', '1', 'contacts', '11', [2, 280]);
	});

	it('with continue-on-fail, company 1 stays contact 11\'s primary company when the move to company 2 fails', async () => {
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		const { output } = await runNode({ items: [item(1, 11, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters(), credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output[1].json.error).toBeDefined();
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 280]);
		// Its item says what HubSpot holds: the primary stayed.
		expect(output[0].json).toMatchObject({ status: 'unchanged', keptPrimaryTypes: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 2 }] });
		expect(suite.sim.requests.filter((request) => request.path.endsWith('/batch/labels/archive'))).toEqual([]);
	});

	it('without continue-on-fail, the primary is not taken off company 1 before the create moving it is answered', async () => {
		// Company 2's first create (2 → 12) is slow, so the move's create (2 → 11) waits behind it; the label removal names neither.
		suite.sim.faults.lockConcurrentWrites(true);
		suite.sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: 200 }] });

		await runNode({ items: [item(2, 12, [UNLABELED]), item(1, 11, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters({ batchSize: 1, concurrency: 'auto' }), credentials: suite.credentials, onError: 'stopWorkflow' });

		const move = suite.sim.requests.find((request) => request.path.endsWith('/batch/create') && JSON.stringify(request.body).includes('"11"'))!;
		const drops = suite.sim.requests.filter((request) => request.path.endsWith('/batch/labels/archive'));
		for (const drop of drops) expect(drop.at - move.at).toBeGreaterThanOrEqual(200);
		// HubSpot moves it: nothing else takes it off.
		expect(drops).toEqual([]);
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([280]);
		expect(heldTypeIds(suite.sim, 'companies', '2', 'contacts', '11')).toEqual([2, 280]);
	});

	it('reports the pair updated, without the primary, once the move succeeded', async () => {
		const { output } = await runNode({ items: [item(1, 11, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters(), credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output[0].json).toMatchObject({ status: 'updated', types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 }] });
		expect(output[0].json.keptPrimaryTypes).toBeUndefined();
		expect(output[1].json).toMatchObject({ status: 'created' });
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([280]);
	});

	it('relabels such a pair (batch/create) only once the move is answered, and with its primary when the move failed', async () => {
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		const { output } = await runNode({
			items: [item(2, 11, [PRIMARY]), item(1, 11, ['USER_DEFINED:37'])],
			parameters: parameters({ batchSize: 1 }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.error).toBeDefined();
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 37, 280]);
		expect(output[1].json).toMatchObject({ status: 'updated', keptPrimaryTypes: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 2 }] });
	});

	it('relabels it without the primary once the move succeeded', async () => {
		const { output } = await runNode({ items: [item(1, 11, ['USER_DEFINED:37']), item(2, 11, [PRIMARY])], parameters: parameters({ batchSize: 1 }), credentials: suite.credentials, onError: 'continueRegularOutput' });

		const creates = suite.sim.requests.filter((request) => request.path.endsWith('/batch/create'));
		expect(creates.map((request) => JSON.stringify(request.body).includes('"id":"2"'))).toEqual([true, false]);
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([37, 280]);
		expect(heldTypeIds(suite.sim, 'companies', '2', 'contacts', '11')).toEqual([2, 280]);
		expect(output[0].json).toMatchObject({ status: 'updated' });
		expect(output[0].json.keptPrimaryTypes).toBeUndefined();
	});
});
