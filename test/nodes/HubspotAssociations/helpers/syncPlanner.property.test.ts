import fc from 'fast-check';
import type { AssociatedRecord } from '../../../../nodes/HubspotAssociations/helpers/associationReads';
import type { AssociationSpec, PlannedInput } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { SyncPlanner, planSync } from '../../../../nodes/HubspotAssociations/helpers/syncPlan';
import { planSync as planSyncBefore } from './syncPlanBefore';

/**
 * SyncPlanner (c53e0ea) against planSync as it was before it (47a2098, `syncPlanBefore.ts`): for
 * random inputs, reads and settings, adding the records in any order (a record added twice, or one
 * no input names, changes nothing) gives the plan the old planSync gave, field for field.
 */
type HeldType = NonNullable<AssociatedRecord['associationTypes']>[number];

const HELD: HeldType[] = [
	{ category: 'HUBSPOT_DEFINED', typeId: 279 },
	{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
	{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
	// Held once by the to-record (a contact's primary company), or by the from-record.
	{ category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' },
	{ category: 'HUBSPOT_DEFINED', typeId: 6, label: 'Primary' },
	{ category: 'HUBSPOT_DEFINED', typeId: 25, label: 'Primary' },
	// Primary by its label only: not one `primaryHolder` knows.
	{ category: 'HUBSPOT_DEFINED', typeId: 401, label: 'Primary partner' },
	{ category: 'HUBSPOT_DEFINED', typeId: 13, label: 'Parent Company' },
	{ category: 'HUBSPOT_DEFINED', typeId: 14, label: '' },
	{ category: 'USER_DEFINED', typeId: 36, label: 'Billing contact' },
	{ category: 'USER_DEFINED', typeId: 38, label: 'Former employee' },
	{ category: 'INTEGRATOR_DEFINED', typeId: 7, label: 'Partner' },
	// Not a type a plan can name: skipped.
	{ category: 'NOT_A_CATEGORY', typeId: 36, label: 'Billing contact' },
	{ category: 'USER_DEFINED', typeId: 1.5, label: 'Half' },
];
const ASKED: AssociationSpec[] = HELD.filter((type) => type.category !== 'NOT_A_CATEGORY' && Number.isSafeInteger(type.typeId)).map(
	({ category, typeId }) => ({ associationCategory: category, associationTypeId: typeId }) as AssociationSpec,
);

const id = (max: number) => fc.integer({ min: 1, max }).map(String);
const syncCase = fc.record({
	inputs: fc.array(
		fc.record({ from: id(4), to: id(5), types: fc.array(fc.constantFrom(...ASKED), { minLength: 1, maxLength: 3 }), items: fc.array(fc.nat(20), { minLength: 1, maxLength: 2 }) }),
		{ minLength: 0, maxLength: 9 },
	),
	// A record's associations as its pages gave them: a to-record may come twice, its types split, as a number or a string.
	held: fc.array(fc.record({ from: id(5), to: id(6), asNumber: fc.boolean(), types: fc.array(fc.constantFrom(...HELD), { maxLength: 4 }), noTypes: fc.boolean() }), { maxLength: 14 }),
	unread: fc.array(id(4), { maxLength: 2 }),
	removeUnlisted: fc.boolean(),
	sameObjectType: fc.boolean(),
	keeping: fc.array(fc.tuple(id(5), id(6)), { maxLength: 4 }),
	order: fc.array(fc.nat(100), { minLength: 6, maxLength: 6 }),
	again: fc.array(fc.record({ record: id(6), garbage: fc.boolean() }), { maxLength: 3 }),
});

describe('SyncPlanner against planSync before c53e0ea', () => {
	it('plans what the old planSync planned, whatever order the records come in', () => {
		fc.assert(
			fc.property(syncCase, (c) => {
				const inputs: PlannedInput[] = c.inputs.map(({ from, to, types, items }) => ({ fromObjectId: from, toObjectId: to, types, itemIndexes: items }));
				const current = new Map<string, AssociatedRecord[]>();
				for (const { from, to, asNumber, types, noTypes } of c.held) {
					if (c.unread.includes(from)) continue;
					const record: AssociatedRecord = noTypes ? { toObjectId: asNumber ? Number(to) : to } : { toObjectId: asNumber ? Number(to) : to, associationTypes: types.map((type) => ({ ...type })) };
					current.set(from, [...(current.get(from) ?? []), record]);
				}
				const keeps = new Set(c.keeping.map(([from, to]) => `${from}>${to}`));
				const settings = { removeUnlisted: c.removeUnlisted, sameObjectType: c.sameObjectType, keepsTypes: (from: string, to: string) => keeps.has(`${from}>${to}`) };
				const before = planSyncBefore(inputs, current, settings);

				const planner = new SyncPlanner(inputs, settings);
				const records = [...planner.records(), '6'].map((record, index) => ({ record, rank: c.order[index % c.order.length] })).sort((a, b) => a.rank - b.rank);
				for (const { record } of records) planner.addRecord(record, current.get(record));
				// A record added again (a read settled twice) is left as first planned.
				for (const { record, garbage } of c.again) planner.addRecord(record, garbage ? [{ toObjectId: '5', associationTypes: [{ category: 'USER_DEFINED', typeId: 38, label: 'Former employee' }] }] : []);
				const planned = planner.plan();

				expect([...planned.changes]).toStrictEqual([...before.changes]);
				expect(planned.removals).toStrictEqual(before.removals);
				expect(planned.kept).toStrictEqual(before.kept);
				const whole = planSync(inputs, current, settings);
				expect([...whole.changes]).toStrictEqual([...before.changes]);
				expect(whole.removals).toStrictEqual(before.removals);
				expect(whole.kept).toStrictEqual(before.kept);
			}),
			{ numRuns: 3000 },
		);
	});
});
