import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runNode } from '../../../../harness/runWorkflow';
import { useSimulator } from '../../../../harness/simulatorSuite';

jest.mock('n8n-workflow', () => require('../../../../harness/fastForward').fastForwardN8nWorkflow());

const suite = useSimulator();
afterEach(() => suite.sim.faults.clear());

async function remove(typeId: number, overrides: INodeParameters = {}) {
	const parameters = { resource: 'label', operation: 'delete', fromObjectType: 'contacts', toObjectType: 'companies', associationTypeId: typeId, ...overrides };
	return await runNode({ items: [{}], parameters, credentials: suite.credentials, onError: 'continueRegularOutput' });
}

const labelNamed = (text: string) => suite.sim.state.labels('contacts', 'companies').find((label) => label.label === text);
const newLabel = (text: string) => suite.sim.state.definitions.createLabel('0-1', '0-2', text.toLowerCase().replace(/\W+/g, '_'), text).aToB.typeId;
const deletes = () => suite.sim.requests.filter((request) => request.method === 'DELETE');

describe('Association Label: Delete, a delete HubSpot applied but answered with an error', () => {
	it.each([
		['503', { kind: 'applied-then-500', status: 503 }],
		['504', { kind: 'applied-then-500', status: 504 }],
	] as const)('answers deleted when the first attempt was applied and answered %s, after reading the labels again', async (_name, fault) => {
		const typeId = newLabel(`Deleted once ${_name}`);
		// The check's read goes through; the delete is applied and answered with an error.
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, fault);
		const { output } = await remove(typeId);

		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({ status: 'deleted', fromObjectType: 'contacts', toObjectType: 'companies', typeId, label: `Deleted once ${_name}` });
		expect(labelNamed(`Deleted once ${_name}`)).toBeUndefined();
		// Read again before sending again: the delete went out once.
		expect(deletes()).toHaveLength(1);
	});

	it('sends the delete again after reading that a 503 was not applied (counterpart)', async () => {
		const typeId = newLabel('Deleted on the second send');
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 503 });
		const { output } = await remove(typeId);

		expect(output[0].json).toMatchObject({ status: 'deleted', typeId });
		expect(deletes()).toHaveLength(2);
		expect(labelNamed('Deleted on the second send')).toBeUndefined();
	});

	it('fails, without sending it again, a delete whose labels could not be read to check it', async () => {
		const typeId = newLabel('Delete unchecked');
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { kind: 'applied-then-500', status: 503 });
		suite.sim.faults.next(2, { status: 503 });
		const { output } = await remove(typeId, { options: { maxRetries: 1 } });

		expect(output[0].json.error).toMatch(/whether HubSpot applied it could not be checked: the labels could not be read again\)$/);
		expect(deletes()).toHaveLength(1);
	});

	it('still fails the item when the label is still there after the failure (counterpart)', async () => {
		const typeId = newLabel('Not deleted');
		suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
		suite.sim.faults.next(1, { status: 500 });
		const { output } = await remove(typeId, { options: { maxRetries: 0 } });

		expect(output[0].json.error).toMatch(/^Item 0: HubSpot did not accept the deletion of label \d+ from contacts to companies: HubSpot answered 500/);
		expect(labelNamed('Not deleted')).toBeDefined();
	});
});

describe('Association Label: Delete, dry run', () => {
	it('fails a second item deleting the same label, as the real run does', async () => {
		const typeId = suite.sim.state.definitions.createLabel('0-1', '0-2', 'short_lived', 'Short lived').aToB.typeId;
		const parameters = { resource: 'label', operation: 'delete', fromObjectType: 'contacts', toObjectType: 'companies', associationTypeId: typeId };
		const run = async (dryRun: boolean) =>
			await runNode({ items: [{}, {}], parameters: { ...parameters, options: { dryRun } }, credentials: suite.credentials, onError: 'continueRegularOutput' });
		const outcome = (json: IDataObject) => (json.error ? 'failed' : json.status);
		const dry = await run(true);
		const real = await run(false);

		expect(real.output.map((item) => outcome(item.json))).toEqual(['deleted', 'failed']);
		expect(dry.output.map((item) => outcome(item.json))).toEqual(['wouldDelete', 'failed']);
	});
});
