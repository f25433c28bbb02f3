import fc from 'fast-check';
import { batchReadParameters, heldTypeIds } from '../../harness/operationParameters';
import { resetReadConditions, setReadConditions } from '../../harness/readConditions';
import { runNode } from '../../harness/runWorkflow';
import { useSimulator } from '../../harness/simulatorSuite';

const suite = useSimulator();

const DIRECTIONS = {
	cross: { from: 'contacts', to: 'companies', fromOffset: 400, toOffset: 500, types: [[], [36], [38], [36, 38], [1], [1, 36]] },
	// One stored association reads from each end with that end's type ids (parent 13 / child 14).
	same: { from: 'companies', to: 'companies', fromOffset: 600, toOffset: 600, types: [[], [13], [14]] },
};

/**
 * Issue 27's proof for Batch Get: whatever the paging (whole records or types split across pages),
 * duplicates among the items, ids written with leading zeros or as numbers, same-object directions
 * and failed requests on the way, each item is exactly what the simulator holds for its record,
 * each to-record once, or an error.
 */
describe('Batch Get Associations (property): each record as HubSpot holds it, or an error', () => {
	it('holds for 150 seeded random runs', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					direction: fc.constantFrom<keyof typeof DIRECTIONS>('cross', 'same'),
					idForm: fc.constantFrom('plain', 'zeros', 'number'),
					seeded: fc.array(fc.record({ from: fc.integer({ min: 1, max: 4 }), to: fc.integer({ min: 1, max: 6 }), types: fc.nat(5) }), { maxLength: 14 }),
					items: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
					pageSize: fc.integer({ min: 1, max: 4 }),
					paging: fc.constantFrom<'byRecord' | 'byType'>('byRecord', 'byType'),
					faultAt: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 2 }),
				}),
				async (sample) => {
					suite.sim.state.clearAssociations();
					const { from, to, fromOffset, toOffset, types } = DIRECTIONS[sample.direction];
					for (const seed of sample.seeded) {
						if (fromOffset + seed.from === toOffset + seed.to) continue;
						suite.sim.state.associate(from, String(fromOffset + seed.from), to, String(toOffset + seed.to), types[seed.types % types.length]);
					}
					const written = (id: number) => (sample.idForm === 'number' ? fromOffset + id : sample.idForm === 'zeros' ? `00${fromOffset + id}` : String(fromOffset + id));
					setReadConditions(suite.sim, sample);

					const { output, error } = await runNode({
						items: sample.items.map((id) => ({ contactId: written(id) })),
						parameters: batchReadParameters({ maxRetries: 0, requestsPerTenSeconds: 1000 }, { from, to }),
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
						const fromId = String(fromOffset + id);
						expect(json.fromObjectId).toBe(fromId);
						const associations = json.associations as Array<{ toObjectId: string; associationTypes: Array<{ typeId: number }> }>;
						const held = suite.sim.state.associatedIds(from, fromId, to);
						expect(associations.map((record) => record.toObjectId).sort()).toEqual([...held].sort());
						expect(json.count).toBe(held.length);
						for (const record of associations) {
							const types = record.associationTypes.map((type) => type.typeId).sort((a, b) => a - b);
							expect(types).toEqual(heldTypeIds(suite.sim, from, fromId, to, record.toObjectId));
						}
					});
				},
			),
			{ seed: 27, numRuns: 150 },
		);
		resetReadConditions(suite.sim);
	}, 180_000);
});
