import type { IDataObject } from 'n8n-workflow';
import { runNode } from '../../../../harness/runWorkflow';
import { useSimulator } from '../../../../harness/simulatorSuite';

const suite = useSimulator();

describe('Association Label: Update, dry run', () => {
	it('tells a second rename of one label the text the first leaves, as the real run does', async () => {
		const typeId = suite.sim.state.definitions.createLabel('0-1', '0-2', 'renamed_twice', 'Renamed twice').aToB.typeId;
		const parameters = { resource: 'label', operation: 'update', fromObjectType: 'contacts', toObjectType: 'companies', associationTypeId: typeId, label: '={{ $json.label }}' };
		const run = async (dryRun: boolean) =>
			await runNode({ items: [{ label: 'First' }, { label: 'Second' }], parameters: { ...parameters, options: { dryRun } }, credentials: suite.credentials, onError: 'continueRegularOutput' });
		const shown = (json: IDataObject) => [json.status, json.previousLabel, json.label];
		const dry = await run(true);
		const real = await run(false);

		expect(real.output.map((item) => shown(item.json))).toEqual([
			['updated', 'Renamed twice', 'First'],
			['updated', 'First', 'Second'],
		]);
		expect(dry.output.map((item) => shown(item.json))).toEqual([
			['wouldUpdate', 'Renamed twice', 'First'],
			['wouldUpdate', 'First', 'Second'],
		]);
	});
});
