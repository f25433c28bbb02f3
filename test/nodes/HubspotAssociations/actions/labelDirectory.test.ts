import type { IDataObject } from 'n8n-workflow';
import { batchCreateParameters, runNode } from '../../../harness/runWorkflow';
import { useSimulator } from '../../../harness/simulatorSuite';

const suite = useSimulator();

const labelPosts = () => suite.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/labels'));

describe('LabelDirectory: one planner for dry and real runs', () => {
	it('Create Missing Labels: texts differing only in case make one label, in the plan as in the real run', async () => {
		for (const id of ['11', '12']) suite.sim.state.addRecord('contacts', id);
		suite.sim.state.addRecord('companies', '21');
		const items = [
			{ contactId: '11', companyId: '21', label: 'Auditor' },
			{ contactId: '12', companyId: '21', label: 'AUDITOR ' },
		];
		const parameters = (options: IDataObject) => batchCreateParameters({ associationTypes: '={{ $json.label }}', options: { createMissingLabels: true, ...options } as never });

		const { output: planned } = await runNode({ items, parameters: parameters({ dryRun: true }), credentials: suite.credentials });
		expect(labelPosts()).toHaveLength(0);
		const plannedTypes = planned.map((item) => (item.json.input as { types: IDataObject[] }).types);
		expect(plannedTypes).toEqual([
			[{ associationCategory: 'USER_DEFINED', associationTypeId: null, label: 'Auditor', created: 'on a real run' }],
			[{ associationCategory: 'USER_DEFINED', associationTypeId: null, label: 'Auditor', created: 'on a real run' }],
		]);

		const { output } = await runNode({ items, parameters: parameters({}), credentials: suite.credentials });
		expect(labelPosts()).toHaveLength(1);
		const auditor = suite.sim.state.labels('contacts', 'companies').find((label) => label.label === 'Auditor')!;
		expect(output.map((item) => item.json.types)).toEqual([
			[{ associationCategory: 'USER_DEFINED', associationTypeId: auditor.typeId }],
			[{ associationCategory: 'USER_DEFINED', associationTypeId: auditor.typeId }],
		]);
	});
});
