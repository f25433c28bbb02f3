import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds, syncParameters } from '../harness/operationParameters';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

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

describe('attack: Sync removes a pair holding a primary whose move to another pair failed', () => {
	it.each(['auto', 1] as const)('with continue-on-fail (Parallel Requests %s), keeps company 1 → contact 11 when the create moving its primary to company 2 fails', async (concurrency) => {
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
	});

	it('in tool mode (continue-on-fail by itself), keeps the pair whose primary the failed create did not move', async () => {
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		await runNode({ items: [item(1, 12, [UNLABELED]), item(2, 11, [PRIMARY])], parameters: parameters(), credentials: suite.credentials, asTool: true });

		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 280]);
	});

});
