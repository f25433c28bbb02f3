import { admitNew, ECHO_WINDOW_MS, emittedLog, oppositeKey, prune, rememberAlso, REMEMBER_MS } from '../../../../nodes/HubspotAssociationsTrigger/helpers/emittedChanges';

const T = 1_765_000_000_000;
const change = (occurredAt: number, ...keys: string[]) => ({ keys, occurredAt });

describe('remembering emitted changes', () => {
	it('admits a change once, whichever log has seen it, until a day after it was emitted', () => {
		const [a, b] = [{}, {}];
		expect(admitNew([change(T, 'k1'), change(T, 'k2')], [a, b], T)).toHaveLength(2);
		expect(admitNew([change(T, 'k1')], [a], T + 1_000)).toEqual([]);
		expect(admitNew([change(T, 'k1')], [{}, b], T + 1_000)).toEqual([]);
		expect(admitNew([change(T, 'k1')], [a, b], T + REMEMBER_MS + 1)).toHaveLength(1);
	});

	it('takes reports a moment apart as one change, and the same link made again later as a new one', () => {
		const log = {};
		admitNew([change(T, 'added 1 2 plain')], [log], T);
		expect(admitNew([change(T + ECHO_WINDOW_MS, 'added 1 2 plain')], [log], T)).toEqual([]);
		expect(admitNew([change(T + 60_000, 'added 1 2 plain')], [log], T)).toHaveLength(1);
		expect(admitNew([change(T, 'added 1 2 plain')], [log], T + 60_000)).toEqual([]);
	});

	it('takes a link made again within the window as new when its removal came between', () => {
		const log = {};
		const [added, removed] = ['62515 added 1 2 plain', '62515 removed 1 2 plain'];
		expect(oppositeKey(added)).toBe(removed);
		admitNew([change(T, added)], [log], T);
		expect(admitNew([change(T + 400, added), change(T + 200, removed)], [log], T)).toHaveLength(2);
		expect(admitNew([change(T + 5, added)], [log], T)).toEqual([]);
		expect(admitNew([change(T + 400, added)], [log], T)).toEqual([]);
	});

	it('copies into the saved log what the process remembers and it lacks', () => {
		const saved = { a: { emittedAt: T, occurredAt: [T] } };
		rememberAlso(saved, { a: { emittedAt: T - 1, occurredAt: [T - 9] }, b: { emittedAt: T + 1, occurredAt: [T + 1] } }, T + 2);
		expect(saved).toEqual({ a: { emittedAt: T, occurredAt: [T] }, b: { emittedAt: T + 1, occurredAt: [T + 1] } });
	});

	it('admits a folded change when any of its exact changes is new (a link that became primary)', () => {
		const log = {};
		admitNew([change(T, 'link plain')], [log], T);
		expect(admitNew([change(T, 'link plain', 'link plain primary')], [log], T)).toHaveLength(1);
		expect(admitNew([change(T, 'link plain primary')], [log], T)).toEqual([]);
	});

	it('stays bounded, forgetting the oldest first', () => {
		const entry = (at: number) => ({ emittedAt: at, occurredAt: [at - 5_000] });
		const log = { a: entry(T), b: entry(T + 1), c: entry(T + 2), d: entry(T + 3) };
		prune(log, T + 10, 2);
		expect(Object.keys(log)).toEqual(['c', 'd']);
		prune(log, T + 2 + REMEMBER_MS + 1, 2);
		expect(log).toEqual({ d: entry(T + 3) });
	});

	it('keeps its log in the static data it is given, repairing a damaged one', () => {
		const staticData: Record<string, unknown> = { emittedChanges: 'junk' };
		emittedLog(staticData as never).x = { emittedAt: T, occurredAt: [T] };
		expect(staticData.emittedChanges).toEqual({ x: { emittedAt: T, occurredAt: [T] } });
		const damaged = { x: 'junk', y: { emittedAt: T, occurredAt: [T] }, z: { emittedAt: T } } as never;
		prune(damaged, T);
		expect(damaged).toEqual({ y: { emittedAt: T, occurredAt: [T] } });
	});
});
