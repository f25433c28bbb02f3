import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { BatchStatus, Fault } from '../../../tools/simulator';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

/**
 * For random inputs and random answers, no item claims a write HubSpot does not hold afterwards,
 * no pair outside the input changes, and no label goes that was not asked to go. Ids overlap
 * across the two directions (contact 30000 exists, company 30000 does not; contact 100001 does
 * not), items repeat pairs, some ids are malformed, reads page, and HubSpot answers statuses,
 * partial results, errors, answers of odd shapes and faults at random.
 */
const CONTACTS = ['101', '30000', '5', '100001', ' 101', 'x7'];
const COMPANIES = ['101', '5', '30000', '202', '0'];
const VALID_CONTACTS = ['101', '30000', '5'];
const VALID_COMPANIES = ['101', '5', '202'];
// More with PROPERTY_RUNS=1000 (about 0.1 s a case).
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const BILLING = 36;
const UNLABELED = 279;

const faults: fc.Arbitrary<Fault> = fc.oneof(
	fc.record({ kind: fc.constant('batch-status' as const), status: fc.constantFrom('CANCELED' as const, 'PENDING' as const, 'PROCESSING' as const), stored: fc.boolean() }),
	// A batch not run yet names no result (or only some); a read may be answered so too.
	fc.record({
		kind: fc.constant('batch-status' as const),
		status: fc.constantFrom<BatchStatus>('CANCELED', 'PENDING', 'PROCESSING'),
		stored: fc.boolean(),
		keptResults: fc.integer({ min: 0, max: 1 }),
	}),
	// A finished batch whose answer names only some of its pairs.
	fc.record({ kind: fc.constant('batch-status' as const), status: fc.constant('COMPLETE' as const), stored: fc.constant(true), keptResults: fc.integer({ min: 0, max: 2 }) }),
	// A 2xx whose results are not a list, stored or not; or whose errors, or read pages' associations, are not lists
	// (stored: results it still names are HubSpot's word that it holds those pairs).
	fc.record({ kind: fc.constant('odd-shape' as const), shape: fc.constant('results-object' as const), stored: fc.boolean() }),
	fc.record({ kind: fc.constant('odd-shape' as const), shape: fc.constantFrom('errors-null' as const, 'errors-object' as const, 'pages-object' as const), stored: fc.constant(true) }),
	fc.constant<Fault>({ kind: 'applied-then-500' }),
	fc.constant<Fault>({ status: 500 }),
	fc.constant<Fault>({ kind: 'slow', ms: 0 }),
);

const operations = ['batchCreate', 'batchCreateKeeping', 'batchCreateDefault', 'batchArchive', 'batchArchiveLabels', 'batchSync'] as const;
type Operation = (typeof operations)[number];

const scenario = fc.record({
	operation: fc.constantFrom(...operations),
	// With `mirrored`, each pair's mirror follows it (contact 30000 → company 101 after contact 101 → company 30000).
	items: fc
		.tuple(fc.array(fc.record({ contactId: fc.constantFrom(...CONTACTS), companyId: fc.constantFrom(...COMPANIES) }), { minLength: 1, maxLength: 5 }), fc.boolean())
		.map(([pairs, mirrored]) => (mirrored ? pairs.flatMap((pair) => [pair, { contactId: pair.companyId, companyId: pair.contactId }]) : pairs)),
	before: fc.array(fc.record({ contactId: fc.constantFrom(...VALID_CONTACTS), companyId: fc.constantFrom(...VALID_COMPANIES), labelled: fc.boolean() }), { maxLength: 5 }),
	withLabel: fc.boolean(),
	batchSize: fc.integer({ min: 1, max: 4 }),
	readPageSize: fc.integer({ min: 1, max: 3 }),
	faults: fc.array(faults, { maxLength: 3 }),
});

const held = (contactId: string, companyId: string) => suite.sim.state.associationsBetween('contacts', contactId, 'companies', companyId).map((spec) => spec.associationTypeId);

function parameters(operation: Operation, withLabel: boolean, batchSize: number): INodeParameters {
	const types = withLabel ? ['HUBSPOT_DEFINED:279', `USER_DEFINED:${BILLING}`] : ['HUBSPOT_DEFINED:279'];
	const base = { resource: 'association', fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.contactId }}', toObjectId: '={{ $json.companyId }}' };
	// No retries and a high request rate: a case waits on nothing but the simulator.
	const options = { batchSize, maxRetries: 0, requestsPerTenSeconds: 1000 };
	switch (operation) {
		case 'batchCreateKeeping':
			return { ...base, operation: 'batchCreate', associationTypes: types, options: { ...options, keepExistingLabels: true } };
		case 'batchArchiveLabels':
			return { ...base, operation, associationTypes: [`USER_DEFINED:${BILLING}`], options };
		case 'batchSync':
			return { ...base, operation, associationTypes: types, options: { ...options, maxRemovals: 1000, removalBatchSize: batchSize } };
		case 'batchCreate':
			return { ...base, operation, associationTypes: types, options };
		default:
			return { ...base, operation, options };
	}
}

/** What an item's success claims about its pair, checked against what HubSpot holds afterwards. */
function claimHolds(operation: Operation, json: IDataObject, asked: number[], before: number[]): boolean {
	const after = held(String(json.fromObjectId), String(json.toObjectId));
	switch (json.status) {
		case 'created':
		case 'updated':
		case 'unchanged':
			if (operation === 'batchCreateDefault') {
				// Its own direction's type; a pair of one id on both sides may show the other direction's too (nothing in the answer tells them apart).
				const shown = (json.types as Array<{ associationTypeId: number }>).map((type) => type.associationTypeId);
				const ownType = json.fromObjectId === json.toObjectId ? shown.includes(UNLABELED) : shown.join() === String(UNLABELED);
				return ownType && after.includes(UNLABELED) && before.every((type) => after.includes(type));
			}
			return asked.every((type) => after.includes(type)) && (operation !== 'batchCreateKeeping' || before.every((type) => after.includes(type)));
		case 'removed':
			return after.length === 0;
		case 'labelsRemoved':
			return !after.includes(BILLING) && before.filter((type) => type !== BILLING).every((type) => after.includes(type));
		default:
			return false;
	}
}

describe('truthful results (property, seeded)', () => {
	afterEach(() => {
		suite.sim.faults.clear();
		suite.sim.state.settings.readPageSize = 500;
	});

	it('no item claims a write the simulated HubSpot does not hold afterwards', async () => {
		await fc.assert(
			fc.asyncProperty(scenario, async ({ operation, items, before, withLabel, batchSize, readPageSize, faults: queued }) => {
				suite.sim.state.clearAssociations();
				suite.sim.faults.clear();
				suite.sim.state.settings.readPageSize = readPageSize;
				for (const { contactId, companyId, labelled } of before) suite.sim.state.associate('contacts', contactId, 'companies', companyId, labelled ? [UNLABELED, BILLING] : [UNLABELED]);
				const snapshot = new Map<string, number[]>();
				for (const contactId of VALID_CONTACTS) for (const companyId of VALID_COMPANIES) snapshot.set(`${contactId}|${companyId}`, held(contactId, companyId).sort());
				for (const fault of queued) suite.sim.faults.next(1, fault);

				const { output, error } = await runNode({ items, parameters: parameters(operation, withLabel, batchSize), credentials: suite.credentials, onError: 'continueRegularOutput' });

				expect(error).toBeUndefined();
				expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
				const asked = withLabel ? [UNLABELED, BILLING] : [UNLABELED];
				const named = new Set<string>();
				for (const { json } of output) {
					if (json.error !== undefined) continue;
					const key = `${String(json.fromObjectId)}|${String(json.toObjectId)}`;
					named.add(key);
					expect([operation, json, claimHolds(operation, json, asked, snapshot.get(key) ?? [])]).toEqual([operation, json, true]);
					// A sync lists on its record's first item each pair it removed: none may still be there.
					for (const removed of (json.removed as IDataObject[] | undefined) ?? []) expect([json.fromObjectId, removed.toObjectId, held(String(json.fromObjectId), String(removed.toObjectId))]).toEqual([json.fromObjectId, removed.toObjectId, []]);
				}
				// Pairs no item names stay as they were (a sync may remove its listed records' other pairs).
				const listed = new Set(items.map(({ contactId, companyId }) => `${contactId.trim()}|${companyId.trim()}`));
				const syncedRecords = new Set(operation === 'batchSync' ? items.map(({ contactId }) => contactId.trim()) : []);
				for (const [key, types] of snapshot) {
					const [contactId, companyId] = key.split('|');
					if (listed.has(key) || syncedRecords.has(contactId)) continue;
					expect([key, held(contactId, companyId).sort()]).toEqual([key, types]);
				}
			}),
			{ seed: 2326, numRuns: RUNS },
		);
	}, RUNS * 1000);
});
