import type { INodeParameters } from 'n8n-workflow';
import type { BatchStatus } from '../../tools/simulator';
import { runNode } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulatorSuite';

const suite = useSimulator();

const pairs = [
	{ contactId: '101', companyId: '201' },
	{ contactId: '102', companyId: '202' },
];

const held = (contactId: string, companyId: string) =>
	suite.sim.state
		.associationsBetween('contacts', contactId, 'companies', companyId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);

async function run(operation: string, parameters: INodeParameters, answer: { status: BatchStatus; stored?: boolean; keptResults?: number }, readsFirst = false) {
	if (readsFirst) suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
	suite.sim.faults.next(1, { kind: 'batch-status', ...answer });
	const result = await runNode({
		items: pairs,
		parameters: { resource: 'association', operation, fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}', ...parameters },
		credentials: suite.credentials,
		onError: 'continueRegularOutput',
	});
	const reads = suite.sim.requests.filter((request) => request.path.endsWith('/batch/read')).length - (readsFirst ? 1 : 0);
	return { ...result, reads };
}

// A batch HubSpot has not run yet names no result: its answer is { status: 'PENDING', results: [] }.
const writes: Array<[string, INodeParameters, boolean]> = [
	['batchCreate', { associationTypes: ['USER_DEFINED:36'] }, false],
	['batchCreate', { associationTypes: ['USER_DEFINED:36'], options: { keepExistingLabels: true } }, true],
	['batchCreateDefault', {}, false],
	['batchSync', { associationTypes: ['HUBSPOT_DEFINED:279', 'USER_DEFINED:36'] }, true],
];

describe.each(writes)('%s %j: a PENDING / PROCESSING batch whose answer names no result yet', (operation, parameters, readsFirst) => {
	afterEach(() => suite.sim.faults.clear());

	it.each(['PENDING', 'PROCESSING'] as const)('%s, stored: is confirmed by the read and reported created, not failed as "may not have been created"', async (status) => {
		const { output, reads } = await run(operation, parameters, { status, stored: true, keptResults: 0 }, readsFirst);

		expect(held('101', '201')).toContain(279);
		expect(output.map((item) => [item.json.status, item.json.error])).toEqual([
			['created', undefined],
			['created', undefined],
		]);
		expect(reads).toBe(1);
	});

	it('PENDING, not stored: each item fails as not confirmed, naming the status', async () => {
		const { output } = await run(operation, parameters, { status: 'PENDING', keptResults: 0 }, readsFirst);

		expect(held('101', '201')).toEqual([]);
		for (const item of output) expect(item.json.error).toMatch(/status PENDING and a read did not confirm this pair/);
	});

	it('CANCELED: each item fails naming the status, as docs/batch-status.md promises', async () => {
		const { output, reads } = await run(operation, parameters, { status: 'CANCELED', keptResults: 0 }, readsFirst);

		for (const item of output) expect(item.json.error).toMatch(/status CANCELED/);
		expect(reads).toBe(0);
	});
});

describe('a read answered with a status other than COMPLETE', () => {
	afterEach(() => suite.sim.faults.clear());
	const base = { resource: 'association', fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}' };

	it('does not confirm a PENDING removal: contact 101 → company 201 is still held, so it is not reported removed', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279]);
		// The removal is not run yet; the read meant to confirm it is answered PENDING and names no record.
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PENDING' });
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PENDING', keptResults: 0 });
		const { output } = await runNode({ items: [pairs[0]], parameters: { ...base, operation: 'batchArchive' }, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(held('101', '201')).toEqual([279]);
		expect(output[0].json.status).toBeUndefined();
		expect(output[0].json.error).toMatch(/status PENDING/);
	});

	it('Batch Get: a CANCELED read naming no record is not a record without associations', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279]);
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'CANCELED', keptResults: 0 });
		const { output } = await runNode({ items: [{ contactId: '101' }], parameters: { ...base, operation: 'batchRead', toObjectId: '' }, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output[0].json.count).toBeUndefined();
		expect(output[0].json.error).toMatch(/status CANCELED/);
	});

	it('Sync: a PROCESSING read naming no record does not make the sync re-create what HubSpot holds as if new', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279, 36]);
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PROCESSING', keptResults: 0 });
		const { output } = await runNode({
			items: [pairs[0]],
			parameters: { ...base, operation: 'batchSync', associationTypes: ['HUBSPOT_DEFINED:279', 'USER_DEFINED:36'] },
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.status).toBeUndefined();
		expect(output[0].json.error).toMatch(/status PROCESSING/);
	});
});
