import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds, syncParameters } from '../harness/operationParameters';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();
const PRIMARY = 'HUBSPOT_DEFINED:2';
const UNLABELED = 'HUBSPOT_DEFINED:280';

const item = (company: number, contact: number, types: string[]): IDataObject => ({ contactId: String(company), companyId: String(contact), types });
const parameters = (options: IDataObject = {}) => syncParameters({ maxRemovals: 100, maxRetries: 0, ...options }, { fromObjectType: 'companies', toObjectType: 'contacts' });

beforeEach(() => {
	suite.sim.state.clearAssociations();
	suite.sim.faults.clear();
	suite.sim.requests.length = 0;
	// Company 1 is contact 11's primary company; the input lists 1 → 11 without it and moves it to company 2.
	suite.sim.state.associate('companies', '1', 'contacts', '11', [2, 280]);
});
afterEach(() => suite.sim.faults.clear());

describe('attack: Sync drops a listed pair\'s primary by label removal, though the create moving it failed', () => {
	it('with continue-on-fail, company 1 stays contact 11\'s primary company when the move to company 2 fails', async () => {
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		const { output } = await runNode({ items: [item(1, 11, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters(), credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output[1].json.error).toBeDefined();
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 280]);
	});

	it('without continue-on-fail, the primary is not taken off company 1 before the create moving it is answered', async () => {
		// Company 2's first create (2 → 12) is slow, so the move's create (2 → 11) waits behind it; the label removal names neither.
		suite.sim.faults.lockConcurrentWrites(true);
		suite.sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: 200 }] });

		await runNode({ items: [item(2, 12, [UNLABELED]), item(1, 11, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters({ batchSize: 1, concurrency: 'auto' }), credentials: suite.credentials, onError: 'stopWorkflow' });

		const move = suite.sim.requests.find((request) => request.path.endsWith('/batch/create') && JSON.stringify(request.body).includes('"11"'))!;
		const drops = suite.sim.requests.filter((request) => request.path.endsWith('/batch/labels/archive'));
		for (const drop of drops) expect(drop.at - move.at).toBeGreaterThanOrEqual(200);
	});
});
