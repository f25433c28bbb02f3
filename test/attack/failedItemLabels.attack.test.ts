import { heldTypeIds, syncParameters } from '../harness/operationParameters';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();

describe('attack: Sync, a pair one of whose items failed', () => {
	it('does not drop a label a failed item of the same pair asked for (a typo of "Former employee")', async () => {
		suite.sim.state.associate('contacts', '11', 'companies', '22', [36, 38]);
		const { output } = await runNode({
			items: [
				{ from: '11', to: '22', types: ['USER_DEFINED:36'] },
				{ from: '11', to: '22', types: ['Former employe'] },
			],
			parameters: syncParameters({}, { fromObjectId: '={{ $json.from }}', toObjectId: '={{ $json.to }}' }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});
		expect(output[1].json.error).toBeDefined();
		expect(heldTypeIds(suite.sim, 'contacts', '11', 'companies', '22')).toEqual([36, 38, 279]);
	});
});
