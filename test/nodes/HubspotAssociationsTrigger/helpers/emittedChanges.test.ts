import { admitNew, emittedLog, prune, REMEMBER_MS } from '../../../../nodes/HubspotAssociationsTrigger/helpers/emittedChanges';

const change = (...keys: string[]) => ({ keys });

describe('remembering emitted changes', () => {
	it('admits a change once a day, whichever log has seen it', () => {
		const [a, b] = [{}, {}];
		expect(admitNew([change('k1'), change('k2')], [a, b], 0)).toHaveLength(2);
		expect(admitNew([change('k1')], [a], 1_000)).toEqual([]);
		expect(admitNew([change('k1')], [{}, b], 1_000)).toEqual([]);
		expect(admitNew([change('k1')], [a, b], REMEMBER_MS + 1)).toHaveLength(1);
	});

	it('admits a folded change when any of its exact changes is new (a link that became primary)', () => {
		const log = {};
		admitNew([change('link plain')], [log], 0);
		expect(admitNew([change('link plain', 'link plain primary')], [log], 1)).toHaveLength(1);
		expect(admitNew([change('link plain primary')], [log], 2)).toEqual([]);
	});

	it('stays bounded, forgetting the oldest first', () => {
		const log: Record<string, number> = { a: 1, b: 2, c: 3, d: 4 };
		prune(log, 10, 2);
		expect(Object.keys(log)).toEqual(['c', 'd']);
		prune(log, 4 + REMEMBER_MS, 2);
		expect(Object.keys(log)).toEqual(['d']);
	});

	it('keeps its log in the static data it is given, repairing a damaged one', () => {
		const staticData: Record<string, unknown> = { emittedChanges: 'junk' };
		emittedLog(staticData as never).x = 1;
		expect(staticData.emittedChanges).toEqual({ x: 1 });
	});
});
