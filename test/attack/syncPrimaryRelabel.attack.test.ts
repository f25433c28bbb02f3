import type { IDataObject } from 'n8n-workflow';
import { heldTypeIds, syncParameters } from '../harness/operationParameters';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();
const item = (company: number, contact: number, types: string[]): IDataObject => ({ contactId: String(company), companyId: String(contact), types });

describe('attack: Sync relabels the pair a primary was to leave before knowing whether the move succeeded', () => {
	it('with continue-on-fail, company 1 stays contact 11\'s primary company when the move to company 2 failed and 1 → 11 gets a new label', async () => {
		suite.sim.state.associate('companies', '1', 'contacts', '11', [2, 280]);
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 403 });

		const { output } = await runNode({
			items: [item(2, 11, ['HUBSPOT_DEFINED:2']), item(1, 11, ['USER_DEFINED:37'])],
			parameters: syncParameters({ maxRetries: 0, batchSize: 1 }, { fromObjectType: 'companies', toObjectType: 'contacts' }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.error).toBeDefined();
		expect(heldTypeIds(suite.sim, 'companies', '1', 'contacts', '11')).toEqual([2, 37, 280]);
	});
});
