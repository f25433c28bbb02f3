import { heldTypeIds, syncParameters } from '../harness/operationParameters';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();

describe('attack: Sync, one primary asked for on two pairs', () => {
	it('does not answer both pairs a success holding the primary: HubSpot holds it on one only', async () => {
		const { output } = await runNode({
			items: [
				{ from: '11', to: '21', types: ['HUBSPOT_DEFINED:1'] },
				{ from: '11', to: '22', types: ['HUBSPOT_DEFINED:1'] },
			],
			parameters: syncParameters({}, { fromObjectId: '={{ $json.from }}', toObjectId: '={{ $json.to }}' }),
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});
		output.forEach((item, index) => {
			if (item.json.error !== undefined) return;
			expect(heldTypeIds(suite.sim, 'contacts', '11', 'companies', index === 0 ? '21' : '22')).toContain(1);
		});
	});
});
