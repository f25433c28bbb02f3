import type { INodeParameters } from 'n8n-workflow';
import type { BatchStatus } from '../../../tools/simulator';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const pairs = [
	{ contactId: '101', companyId: '201' },
	{ contactId: '102', companyId: '202' },
];

/** Each write operation: its parameters, what HubSpot holds before, what it holds once written, and the status of a success. */
const operations: Array<{ operation: string; parameters?: INodeParameters; before: number[]; written: number[]; done: string; readsFirst?: boolean }> = [
	{ operation: 'batchCreate', parameters: { associationTypes: ['USER_DEFINED:36'] }, before: [], written: [279, 36], done: 'created' },
	{ operation: 'batchCreate', parameters: { associationTypes: ['USER_DEFINED:36'], options: { keepExistingLabels: true } }, before: [], written: [279, 36], done: 'created', readsFirst: true },
	{ operation: 'batchCreateDefault', before: [], written: [279], done: 'created' },
	{ operation: 'batchArchive', before: [279, 36], written: [], done: 'removed' },
	{ operation: 'batchArchiveLabels', parameters: { associationTypes: ['USER_DEFINED:36'] }, before: [279, 36], written: [279], done: 'labelsRemoved' },
	{ operation: 'batchSync', parameters: { associationTypes: ['HUBSPOT_DEFINED:279', 'USER_DEFINED:36'] }, before: [], written: [279, 36], done: 'created', readsFirst: true },
];

const held = (contactId: string, companyId: string) =>
	suite.sim.state
		.associationsBetween('contacts', contactId, 'companies', companyId)
		.map((spec) => spec.associationTypeId)
		.sort((a, b) => a - b);

async function run({ operation, parameters, before, readsFirst }: (typeof operations)[number], answer: { status: BatchStatus; stored?: boolean; keptResults?: number }, onError: 'continueRegularOutput' | 'stop' = 'continueRegularOutput') {
	for (const { contactId, companyId } of pairs) if (before.length > 0) suite.sim.state.associate('contacts', contactId, 'companies', companyId, before);
	// Only the write is answered with the status: a read before it passes untouched.
	if (readsFirst) suite.sim.faults.next(1, { kind: 'slow', ms: 0 });
	suite.sim.faults.next(1, { kind: 'batch-status', ...answer });
	const result = await runNode({
		items: pairs,
		parameters: { resource: 'association', operation, fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}', ...parameters },
		credentials: suite.credentials,
		onError: onError === 'stop' ? undefined : onError,
	});
	const reads = suite.sim.requests.filter((request) => request.path.endsWith('/batch/read')).length - (readsFirst ? 1 : 0);
	return { ...result, reads };
}

const label = (entry: (typeof operations)[number]) => `${entry.operation}${entry.parameters?.options ? ' (Keep Existing Labels)' : ''}`;
const sorted = (types: number[]) => [...types].sort((a, b) => a - b);

describe.each(operations.map((entry) => [label(entry), entry] as const))('%s reads the status of HubSpot\'s answer', (_, entry) => {
	afterEach(() => suite.sim.faults.clear());

	it('CANCELED: no item is reported done; each fails naming the status, and nothing is read to guess', async () => {
		const { output, reads } = await run(entry, { status: 'CANCELED' });

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const [index, item] of output.entries()) {
			expect(item.json.status).toBeUndefined();
			expect(item.json.error).toMatch(new RegExp(`^Item ${index}: HubSpot did not accept contacts ${pairs[index].contactId} → companies ${pairs[index].companyId}: .*status CANCELED`));
		}
		expect(reads).toBe(0);
		expect(held('101', '201')).toEqual(sorted(entry.before));
	});

	it.each(['PENDING', 'PROCESSING'] as const)('%s, then stored: one batch read confirms every pair, reported as done', async (status) => {
		const { output, reads } = await run(entry, { status, stored: true });

		expect(output.map((item) => [item.json.status, item.json.error])).toEqual([
			[entry.done, undefined],
			[entry.done, undefined],
		]);
		expect(reads).toBe(1);
		expect(held('102', '202')).toEqual(sorted(entry.written));
	});

	it.each(['PENDING', 'PROCESSING'] as const)('%s, not stored: each item fails as not confirmed', async (status) => {
		const { output, reads } = await run(entry, { status });

		for (const item of output) expect(item.json.error).toMatch(new RegExp(`HubSpot answered the batch with status ${status} and a read did not confirm this pair`));
		expect(reads).toBe(1);
		expect(held('101', '201')).toEqual(sorted(entry.before));
	});
});

// A batch HubSpot has not run yet has no result to give: `{ "status": "PENDING", "results": [] }`.
const answeringPairs = operations.filter((entry) => entry.done === 'created');

describe.each(answeringPairs.map((entry) => [label(entry), entry] as const))('%s: an answer that names no pair', (_, entry) => {
	afterEach(() => suite.sim.faults.clear());

	it.each(['PENDING', 'PROCESSING'] as const)('%s, then stored: the read confirms each pair, reported created (not "may not have been created")', async (status) => {
		const { output, reads } = await run(entry, { status, stored: true, keptResults: 0 });

		expect(output.map((item) => [item.json.status, item.json.error])).toEqual([
			['created', undefined],
			['created', undefined],
		]);
		expect(reads).toBe(1);
		expect(held('101', '201')).toEqual(sorted(entry.written));
	});

	it('PENDING, not stored: each item fails as not confirmed', async () => {
		const { output } = await run(entry, { status: 'PENDING', keptResults: 0 });

		for (const item of output) expect(item.json.error).toMatch(/status PENDING and a read did not confirm this pair/);
		expect(held('101', '201')).toEqual([]);
	});

	it('CANCELED: each item fails naming the status, and nothing is read', async () => {
		const { output, reads } = await run(entry, { status: 'CANCELED', keptResults: 0 });

		for (const item of output) expect(item.json.error).toMatch(/status CANCELED/);
		expect(reads).toBe(0);
	});
});

describe('a read answered with a status other than COMPLETE', () => {
	const base = { resource: 'association', fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}' };
	afterEach(() => suite.sim.faults.clear());

	it('confirms no removal: a PENDING Batch Remove whose read is answered PENDING, naming no record, is not reported removed', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279]);
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PENDING' });
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PENDING', keptResults: 0 });
		const { output } = await runNode({ items: [pairs[0]], parameters: { ...base, operation: 'batchArchive' }, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(held('101', '201')).toEqual([279]);
		expect(output[0].json.status).toBeUndefined();
		expect(output[0].json.error).toMatch(/status PENDING and a read did not confirm this pair \(the read to confirm it failed: HubSpot answered the read with status PENDING/);
	});

	it('Batch Get: a CANCELED read naming no record fails the record instead of counting 0 associations', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279]);
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'CANCELED', keptResults: 0 });
		const { output } = await runNode({ items: [{ contactId: '101' }], parameters: { ...base, operation: 'batchRead', toObjectId: '' }, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output[0].json.count).toBeUndefined();
		expect(output[0].json.error).toMatch(/status CANCELED/);
	});

	it('Sync: a PROCESSING read naming no record plans nothing for it (it would report a held pair "created")', async () => {
		suite.sim.state.associate('contacts', '101', 'companies', '201', [279, 36]);
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PROCESSING', keptResults: 0 });
		const { output } = await runNode({
			items: [pairs[0]],
			parameters: { ...base, operation: 'batchSync', associationTypes: ['HUBSPOT_DEFINED:279', 'USER_DEFINED:36'] },
			credentials: suite.credentials,
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.status).toBeUndefined();
		expect(output[0].json.error).toMatch(/reading its current associations: HubSpot answered the read with status PROCESSING/);
		expect(suite.sim.requests.filter((request) => !request.path.endsWith('/batch/read'))).toEqual([]);
	});
});

describe('without Continue On Fail', () => {
	it('a CANCELED batch stops the node with an error naming its first item', async () => {
		const { error, output } = await run(operations[0], { status: 'CANCELED' }, 'stop');
		expect(output).toEqual([]);
		expect(error?.message).toMatch(/^Item 0: HubSpot did not accept contacts 101 → companies 201: .*status CANCELED.* \(and 1 more items of this batch\)$/);
	});
});


describe('the read that confirms a PENDING batch', () => {
	const parameters = { resource: 'association', operation: 'batchCreateDefault', fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}' };
	afterEach(() => suite.sim.faults.clear());

	it('is one request per 1,000 from-records, never one per item', async () => {
		const items = Array.from({ length: 1001 }, (_, at) => ({ contactId: String(at + 1), companyId: '201' }));
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PENDING', stored: true });
		const { output } = await runNode({ items, parameters: { ...parameters, options: { batchSize: 2000 } }, credentials: suite.credentials, onError: 'continueRegularOutput' });

		expect(output.filter((item) => item.json.status === 'created')).toHaveLength(1001);
		expect(suite.sim.requests.filter((request) => request.path.endsWith('/batch/read')).map((request) => (request.body as { inputs: unknown[] }).inputs.length)).toEqual([1000, 1]);
	});

	it('when it fails, leaves each item failed as not confirmed, saying what the read was answered', async () => {
		suite.sim.faults.next(1, { kind: 'batch-status', status: 'PROCESSING', stored: true });
		suite.sim.faults.next(1, { status: 503 });
		const { output } = await runNode({ items: pairs, parameters: { ...parameters, options: { maxRetries: 0 } }, credentials: suite.credentials, onError: 'continueRegularOutput' });

		for (const item of output) expect(item.json.error).toMatch(/status PROCESSING and a read did not confirm this pair \(the read to confirm it was answered 503\)$/);
	});
});
