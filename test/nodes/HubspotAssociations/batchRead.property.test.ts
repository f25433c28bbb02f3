import fc from 'fast-check';
import { batchReadParameters, heldTypeIds } from '../../harness/operationParameters';
import { resetReadConditions, setReadConditions } from '../../harness/readConditions';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const TYPES = [[], [36], [38], [36, 38], [1], [1, 36]];

/**
 * Issue 27's proof for Batch Get: whatever the paging (whole records or types split across pages),
 * duplicates among the items and failed requests on the way, each item is exactly what the
 * simulator holds for its record, each to-record once, or an error.
 */
describe('Batch Get Associations (property): each record as HubSpot holds it, or an error', () => {
	it('holds for 150 seeded random runs', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					seeded: fc.array(fc.record({ from: fc.integer({ min: 1, max: 4 }), to: fc.integer({ min: 1, max: 6 }), types: fc.nat(TYPES.length - 1) }), { maxLength: 14 }),
					items: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
					pageSize: fc.integer({ min: 1, max: 4 }),
					paging: fc.constantFrom<'byRecord' | 'byType'>('byRecord', 'byType'),
					faultAt: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 2 }),
				}),
				async (sample) => {
					suite.sim.state.clearAssociations();
					for (const seed of sample.seeded) suite.sim.state.associate('contacts', String(400 + seed.from), 'companies', String(500 + seed.to), TYPES[seed.types]);
					setReadConditions(suite.sim, sample);

					const { output, error } = await runNode({
						items: sample.items.map((id) => ({ contactId: String(400 + id) })),
						parameters: batchReadParameters({ maxRetries: 0, requestsPerTenSeconds: 1000 }),
						credentials: suite.credentials,
						onError: 'continueRegularOutput',
					});
					suite.sim.faults.clear();

					expect(error).toBeUndefined();
					expect(output.map((item) => item.pairedItem)).toEqual(sample.items.map((_, item) => ({ item })));
					sample.items.forEach((id, i) => {
						const json = output[i].json;
						if (json.error !== undefined) {
							expect(json.count).toBeUndefined();
							return;
						}
						const fromId = String(400 + id);
						const associations = json.associations as Array<{ toObjectId: string; associationTypes: Array<{ typeId: number }> }>;
						const held = suite.sim.state.associatedIds('contacts', fromId, 'companies');
						expect(associations.map((record) => record.toObjectId).sort()).toEqual([...held].sort());
						expect(json.count).toBe(held.length);
						for (const record of associations) {
							const types = record.associationTypes.map((type) => type.typeId).sort((a, b) => a - b);
							expect(types).toEqual(heldTypeIds(suite.sim, 'contacts', fromId, 'companies', record.toObjectId));
						}
					});
				},
			),
			{ seed: 27, numRuns: 150 },
		);
		resetReadConditions(suite.sim);
	}, 180_000);
});
