import fc from 'fast-check';
import type { AssociatedRecord } from '../../../../nodes/HubspotAssociations/helpers/associationReads';
import type { AssociationSpec, PlannedInput } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { conflictingPrimaries, firstInputOfEachRecord, inBatches, keepingPrimaries, planSync, SyncPlanner, typesCreateKept } from '../../../../nodes/HubspotAssociations/helpers/syncPlan';

const unlabeled = { category: 'HUBSPOT_DEFINED', typeId: 279 };
const primary = { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' };
const billing = { category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' };
const former = { category: 'USER_DEFINED', typeId: 38, label: 'Former employee' };
const spec = ({ category, typeId }: { category: string; typeId: number }) => ({ associationCategory: category, associationTypeId: typeId }) as AssociationSpec;

const input = (fromObjectId: string, toObjectId: string, types: AssociationSpec[], itemIndexes = [0]): PlannedInput => ({ fromObjectId, toObjectId, types, itemIndexes });
const held = (toObjectId: string | number, ...associationTypes: AssociatedRecord['associationTypes'] & object): AssociatedRecord => ({ toObjectId, associationTypes });

describe('planSync', () => {
	it('creates a missing pair with the asked types', () => {
		const pair = input('1', '2', [spec(billing)]);
		const { changes } = planSync([pair], new Map(), { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(pair)).toEqual({ status: 'created', types: [spec(billing)], create: [spec(billing)], keptPrimary: [] });
	});

	it('leaves a pair unchanged when it holds the asked types plus the unlabeled type HubSpot always adds', () => {
		const pair = input('1', '2', [spec(billing)]);
		const { changes } = planSync([pair], new Map([['1', [held(2, unlabeled, billing)]]]), { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(pair)).toMatchObject({ status: 'unchanged', types: [spec(billing), spec(unlabeled)] });
	});

	it('relabels with batch/create when a type is missing (HubSpot replaces the labels), keeping the pair’s primary type', () => {
		const pair = input('1', '2', [spec(billing)]);
		const { changes } = planSync([pair], new Map([['1', [held('2', unlabeled, primary, former)]]]), { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(pair)).toEqual({
			status: 'updated',
			typesBefore: [spec(unlabeled), spec(primary), spec(former)],
			types: [spec(billing), spec(primary), spec(unlabeled)],
			create: [spec(billing), spec(primary)],
			replaced: [{ spec: spec(former), label: 'Former employee' }],
			keptPrimary: [spec(primary)],
		});
	});

	it('removes only the extra labels with batch/labels/archive, never the unlabeled type', () => {
		const pair = input('1', '2', [spec(unlabeled)]);
		const { changes } = planSync([pair], new Map([['1', [held('2', unlabeled, billing, former)]]]), { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(pair)).toMatchObject({ status: 'updated', types: [spec(unlabeled)], dropLabels: [spec(billing), spec(former)] });
		expect(changes.get(pair)).not.toHaveProperty('create');
	});

	it('sends no removal of a primary the input moves to another pair, nor counts on a create to drop it: HubSpot moves it', () => {
		const stays = input('1', '2', [spec(unlabeled)]);
		const relabeled = input('1', '3', [spec(billing)]);
		const moving = input('1', '4', [spec(primary)]);
		const current = new Map([['1', [held('2', unlabeled, primary, former), held('3', unlabeled)]]]);
		const { changes } = planSync([stays, relabeled, moving], current, { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(stays)).toMatchObject({ status: 'updated', types: [spec(unlabeled)], dropLabels: [spec(former)] });
		const onlyMoved = planSync([stays, moving], new Map([['1', [held('2', unlabeled, primary)]]]), { removeUnlisted: true, sameObjectType: false }).changes.get(stays)!;
		expect(onlyMoved).toMatchObject({ status: 'updated', types: [spec(unlabeled)], typesBefore: [spec(unlabeled), spec(primary)] });
		expect(onlyMoved).not.toHaveProperty('dropLabels');
		const recreated = planSync([input('1', '2', [spec(billing)]), moving], new Map([['1', [held('2', unlabeled, primary)]]]), { removeUnlisted: true, sameObjectType: false });
		expect([...recreated.changes.values()][0]).not.toHaveProperty('replaced');
	});

	it('treats a HUBSPOT_DEFINED type labelled "Primary" as primary, whatever its id', () => {
		const otherPrimary = { category: 'HUBSPOT_DEFINED', typeId: 900, label: 'Primary' };
		const { removals, kept } = planSync([input('1', '2', [spec(billing)])], new Map([['1', [held('3', unlabeled, otherPrimary)]]]), { removeUnlisted: true, sameObjectType: false });
		expect(removals).toEqual([]);
		expect(kept).toEqual([{ fromObjectId: '1', toObjectId: '3', types: [spec(unlabeled), spec(otherPrimary)] }]);
	});

	it('removes the unlisted pairs of listed from-records only, and keeps those holding a primary type', () => {
		const current = new Map([
			['1', [held('2', unlabeled), held('3', unlabeled, former), held('4', unlabeled, primary)]],
			['9', [held('3', unlabeled)]],
		]);
		const { removals, kept } = planSync([input('1', '2', [spec(unlabeled)])], current, { removeUnlisted: true, sameObjectType: false });
		expect(removals).toEqual([{ fromObjectId: '1', toObjectId: '3', types: [spec(unlabeled), spec(former)] }]);
		expect(kept.map((pair) => pair.toObjectId)).toEqual(['4']);
	});

	it('plans no removal and reports nothing kept with Remove Unlisted off', () => {
		const { removals, kept } = planSync([input('1', '2', [spec(unlabeled)])], new Map([['1', [held('3', unlabeled), held('4', primary)]]]), { removeUnlisted: false, sameObjectType: false });
		expect([removals, kept]).toEqual([[], []]);
	});

	it('merges a to-record listed on two pages', () => {
		const pair = input('1', '2', [spec(billing), spec(former)]);
		const { changes } = planSync([pair], new Map([['1', [held('2', unlabeled, billing), held('2', former)]]]), { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(pair)?.status).toBe('unchanged');
	});

	it('ignores types with a category HubSpot does not document', () => {
		const pair = input('1', '2', [spec(unlabeled)]);
		const { changes } = planSync([pair], new Map([['1', [held('2', unlabeled, { category: 'SOMETHING_NEW', typeId: 7 })]]]), { removeUnlisted: true, sameObjectType: false });
		expect(changes.get(pair)?.status).toBe('unchanged');
	});
});

describe('planSync: rules for failed items, same-object removals and primaries', () => {
	it('only adds types to a pair that keepsTypes names (a failed item may have asked for one it holds)', () => {
		const pair = input('1', '2', [spec(billing)]);
		const { changes } = planSync([pair], new Map([['1', [held('2', unlabeled, former)]]]), { removeUnlisted: true, sameObjectType: false, keepsTypes: () => true });
		expect(changes.get(pair)).toMatchObject({ status: 'updated', types: [spec(billing), spec(unlabeled), spec(former)], create: [spec(billing), spec(unlabeled), spec(former)] });
		expect(changes.get(pair)?.dropLabels).toBeUndefined();
	});

	it('plans an association both of whose ends are listed records as one removal in a same-object direction', () => {
		const parent = { category: 'HUBSPOT_DEFINED', typeId: 13, label: 'Parent Company' };
		const child = { category: 'HUBSPOT_DEFINED', typeId: 14, label: 'Child Company' };
		const inputs = [input('1', '2', [spec(parent)]), input('3', '4', [spec(parent)])];
		const current = new Map([
			['1', [held('3', parent)]],
			['3', [held('1', child)]],
		]);
		expect(planSync(inputs, current, { removeUnlisted: true, sameObjectType: true }).removals).toEqual([{ fromObjectId: '1', toObjectId: '3', types: [spec(parent)] }]);
		expect(planSync(inputs, current, { removeUnlisted: true, sameObjectType: false }).removals).toHaveLength(2);
	});

	it('names the primary a pair gives up to another input, and sends no removal of it (HubSpot moves it with that input\'s create)', () => {
		const leaving = input('1', '21', [spec(billing)], [1]);
		const mover = input('1', '22', [spec(primary)], [0]);
		const plan = planSync([mover, leaving], new Map([['1', [held('21', unlabeled, primary)]]]), { removeUnlisted: true, sameObjectType: false });
		expect(plan.changes.get(leaving)).toMatchObject({ keptPrimary: [], movedPrimary: [spec(primary)] });
		expect(plan.changes.get(leaving)?.replaced).toBeUndefined();
	});
});

describe('SyncPlanner', () => {
	const types = fc.constantFrom(unlabeled, primary, billing, former, { category: 'HUBSPOT_DEFINED', typeId: 2 }, { category: 'HUBSPOT_DEFINED', typeId: 13 });
	const syncCase = fc.record({
		inputs: fc.array(fc.record({ from: fc.integer({ min: 1, max: 4 }), to: fc.integer({ min: 1, max: 5 }), types: fc.array(types, { minLength: 1, maxLength: 2 }) }), { maxLength: 8 }),
		held: fc.array(fc.record({ from: fc.integer({ min: 1, max: 4 }), to: fc.integer({ min: 1, max: 6 }), types: fc.array(types, { maxLength: 3 }) }), { maxLength: 12 }),
		removeUnlisted: fc.boolean(),
		sameObjectType: fc.boolean(),
		keeping: fc.integer({ min: 1, max: 4 }),
		order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
	});

	it('plans record by record, in whatever order the reads come in, what planSync plans', () => {
		fc.assert(
			fc.property(syncCase, (c) => {
				const inputs = c.inputs.map(({ from, to, types: asked }, itemIndex) => input(String(from), String(to), asked.map(spec), [itemIndex]));
				const current = new Map<string, AssociatedRecord[]>();
				for (const { from, to, types: holding } of c.held) current.set(String(from), [...(current.get(String(from)) ?? []), held(to, ...holding)]);
				const settings = { removeUnlisted: c.removeUnlisted, sameObjectType: c.sameObjectType, keepsTypes: (fromObjectId: string) => fromObjectId === String(c.keeping) };
				const planner = new SyncPlanner(inputs, settings);
				const records = [...planner.records()].map((record, index) => ({ record, rank: c.order[index % c.order.length] })).sort((a, b) => a.rank - b.rank);
				for (const { record } of records) planner.addRecord(record, current.get(record));

				const planned = planner.plan();
				const whole = planSync(inputs, current, settings);
				expect([...planned.changes]).toEqual([...whole.changes]);
				expect(planned.removals).toEqual(whole.removals);
				expect(planned.kept).toEqual(whole.kept);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('keepingPrimaries', () => {
	it('asserts the kept primary again in the create and drops it from what the pair gives up', () => {
		const change = { status: 'updated' as const, types: [spec(billing)], create: [spec(billing)], keptPrimary: [], movedPrimary: [spec(primary)] };
		expect(keepingPrimaries(change, [spec(primary)])).toEqual({ status: 'updated', types: [spec(billing), spec(primary)], create: [spec(billing), spec(primary)], keptPrimary: [spec(primary)] });
	});

	it('leaves a pair that was only to lose the primary unchanged', () => {
		const change = { status: 'updated' as const, types: [spec(unlabeled)], keptPrimary: [], movedPrimary: [spec(primary)] };
		expect(keepingPrimaries(change, [spec(primary)])).toEqual({ status: 'unchanged', types: [spec(unlabeled), spec(primary)], keptPrimary: [spec(primary)] });
	});
});

describe('conflictingPrimaries', () => {
	it('names the inputs asking for one record’s primary on different pairs, each with the other items', () => {
		const first = input('1', '21', [spec(primary)], [0]);
		const second = input('1', '22', [spec(primary), spec(billing)], [1, 2]);
		const other = input('2', '22', [spec(primary)], [3]);
		const conflicts = conflictingPrimaries([first, second, other]);
		expect([...conflicts.keys()]).toEqual([first, second]);
		expect(conflicts.get(first)).toMatch(/and items 1, 2 ask for it on another pair/);
		expect(conflicts.get(second)).toMatch(/and item 0 asks for it on another pair/);
	});
});

describe('typesCreateKept', () => {
	it('names the replaced types whose label the create answer still lists', () => {
		const pair = input('1', '2', [spec(billing)]);
		const change = planSync([pair], new Map([['1', [held('2', unlabeled, former)]]]), { removeUnlisted: true, sameObjectType: false }).changes.get(pair)!;
		expect(typesCreateKept(change, ['Billing contact', 'Former employee'])).toEqual([spec(former)]);
		expect(typesCreateKept(change, ['Billing contact'])).toEqual([]);
	});
});

describe('firstInputOfEachRecord', () => {
	it("picks each from-record's input with the earliest item", () => {
		const late = input('1', '2', [], [4]);
		const early = input('1', '3', [], [7, 1]);
		const other = input('5', '2', [], [0]);
		expect(firstInputOfEachRecord([late, early, other])).toEqual(new Map([['1', early], ['5', other]]));
	});
});

describe('inBatches', () => {
	it('cuts inputs into batches of at most the size, in order', () => {
		const inputs = ['2', '3', '4'].map((to) => input('1', to, []));
		const batches = inBatches({ fromPathType: 'contacts', toPathType: 'companies' }, inputs, 2);
		expect(batches.map((batch) => batch.inputs.map((one) => one.toObjectId))).toEqual([['2', '3'], ['4']]);
		expect(batches[0]).toMatchObject({ fromPathType: 'contacts', toPathType: 'companies' });
	});
});
