import type { AssociationRequest, AssociationSpec } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import {
	archiveBody,
	batchCreateBody,
	columnsOf,
	defaultAssociationBody,
	pairKey,
	planBatches as planWaitingBatches,
	plannedBatch,
} from '../../../../nodes/HubspotAssociations/helpers/planning';

const LABEL_36: AssociationSpec = { associationCategory: 'USER_DEFINED', associationTypeId: 36 };
const LABEL_37: AssociationSpec = { associationCategory: 'USER_DEFINED', associationTypeId: 37 };
const DEFAULT_279: AssociationSpec = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };

function request(itemIndex: number, from: string, to: string, types: AssociationSpec[] = [DEFAULT_279], direction = ['contacts', 'companies']): AssociationRequest {
	const [fromPathType, toPathType] = direction;
	return {
		itemIndex,
		fromObjectType: fromPathType,
		toObjectType: toPathType,
		fromPathType,
		toPathType,
		fromObjectId: from,
		toObjectId: to,
		types,
	};
}

/** The batches as they are sent: each waiting batch's inputs built. */
const planBatches = (...args: Parameters<typeof planWaitingBatches>) => planWaitingBatches(...args).map(plannedBatch);

describe('planBatches', () => {
	it('holds a pair one item names as a slot in its batch columns, and a pair several name once, with all their items', () => {
		const shared = [DEFAULT_279];
		const [batch] = planWaitingBatches([request(0, '1', '2', shared), request(1, '3', '4', shared), request(2, '1', '2', shared)], 100);
		expect(batch).toEqual({
			fromPathType: 'contacts',
			toPathType: 'companies',
			fromObjectIds: ['1', '3'],
			toObjectIds: ['2', '4'],
			types: [shared, shared],
			items: [[0, 2], 1],
		});
		expect(batch.types[1]).toBe(shared);
	});

	it('treats a type given by name and by type id as one direction, so a pair gets one input', () => {
		const batches = planBatches([request(0, '1', '2', [LABEL_36]), request(1, '1', '2', [LABEL_37], ['0-1', '0-2'])], 100);
		expect(batches).toHaveLength(1);
		expect(batches[0]).toMatchObject({ fromPathType: 'contacts', toPathType: 'companies' });
		expect(batches[0].inputs).toEqual([{ fromObjectId: '1', toObjectId: '2', types: [LABEL_36, LABEL_37], itemIndexes: [0, 1] }]);
	});

	it('cuts 4,500 distinct pairs at 2,000 into batches of 2,000, 2,000 and 500, in item order', () => {
		const requests = Array.from({ length: 4500 }, (_, index) => request(index, String(1000 + index), String(9000 + index)));
		const batches = planBatches(requests, 2000);
		expect(batches.map((batch) => batch.inputs.length)).toEqual([2000, 2000, 500]);
		const itemOrder = batches.flatMap((batch) => batch.inputs.flatMap((input) => input.itemIndexes));
		expect(itemOrder).toEqual(requests.map((r) => r.itemIndex));
		expect(batches[1].inputs[0]).toMatchObject({ fromObjectId: '3000', toObjectId: '11000', itemIndexes: [2000] });
	});

	it('sends identical items once, listing every item index the input answers for', () => {
		const batches = planBatches([request(0, '1', '2'), request(1, '3', '4'), request(2, '1', '2'), request(3, '1', '2')], 100);
		expect(batches).toHaveLength(1);
		expect(batches[0].inputs).toEqual([
			{ fromObjectId: '1', toObjectId: '2', types: [DEFAULT_279], itemIndexes: [0, 2, 3] },
			{ fromObjectId: '3', toObjectId: '4', types: [DEFAULT_279], itemIndexes: [1] },
		]);
	});

	it('gives one input to a pair asked for with different types, carrying the union in first-seen order', () => {
		const batches = planBatches(
			[request(0, '1', '2', [LABEL_37]), request(1, '1', '2', [DEFAULT_279, LABEL_37]), request(2, '1', '2', [LABEL_36])],
			100,
		);
		expect(batches[0].inputs).toEqual([
			{ fromObjectId: '1', toObjectId: '2', types: [LABEL_37, DEFAULT_279, LABEL_36], itemIndexes: [0, 1, 2] },
		]);
	});

	it('puts two directions in separate batches, each in the order items first named it', () => {
		const batches = planBatches(
			[
				request(0, '1', '2', [DEFAULT_279], ['companies', 'contacts']),
				request(1, '1', '2'),
				request(2, '3', '4', [DEFAULT_279], ['companies', 'contacts']),
			],
			100,
		);
		expect(batches.map(({ fromPathType, toPathType, inputs }) => [fromPathType, toPathType, inputs.map((i) => i.itemIndexes)])).toEqual([
			['companies', 'contacts', [[0], [2]]],
			['contacts', 'companies', [[1]]],
		]);
	});

	it('never mixes directions in a batch even when a batch has room', () => {
		const batches = planBatches([request(0, '1', '2'), request(1, '1', '2', [DEFAULT_279], ['deals', 'contacts'])], 2000);
		expect(batches).toHaveLength(2);
	});

	it('makes one batch per pair with a batch size of 1', () => {
		const batches = planBatches([request(0, '1', '2'), request(1, '1', '3'), request(2, '1', '2')], 1);
		expect(batches.map((batch) => batch.inputs.map((input) => input.itemIndexes))).toEqual([[[0, 2]], [[1]]]);
	});

	it('puts all pairs of one from-record in one batch, from-records in the order items first named them', () => {
		// Items interleave contacts 1, 2 and 3; each contact's pairs end up side by side.
		const requests = [request(0, '1', '10'), request(1, '2', '20'), request(2, '1', '11'), request(3, '3', '30'), request(4, '2', '21'), request(5, '1', '12')];
		const batches = planBatches(requests, 3);
		expect(batches.map((batch) => batch.inputs.map((input) => `${input.fromObjectId}>${input.toObjectId}`))).toEqual([
			['1>10', '1>11', '1>12'],
			['2>20', '2>21', '3>30'],
		]);
	});

	it('never adds a batch to keep a from-record whole: only a record straddling a cut is in two batches', () => {
		// 3 contacts with 3 pairs each, 9 pairs at 4 per batch: ceil(9 / 4) = 3 batches, full but the last.
		const requests = Array.from({ length: 9 }, (_, index) => request(index, String(1 + (index % 3)), String(100 + index)));
		const batches = planBatches(requests, 4);
		expect(batches.map((batch) => batch.inputs.length)).toEqual([4, 4, 1]);
		const recordsOf = (batch: (typeof batches)[number]) => new Set(batch.inputs.map((input) => input.fromObjectId));
		expect(batches.map((batch) => [...recordsOf(batch)])).toEqual([['1', '2'], ['2', '3'], ['3']]);
	});

	it('at scale, batches in flight together share at most the one from-record cut between them', () => {
		// 20,000 items, 4,000 contacts with 5 companies each, items in company order (contacts interleaved).
		const requests = Array.from({ length: 20_000 }, (_, index) => request(index, String(1 + (index % 4_000)), String(1 + Math.floor(index / 4_000))));
		const batches = planBatches(requests, 2000);
		expect(batches).toHaveLength(10);
		const records = batches.map((batch) => new Set(batch.inputs.map((input) => input.fromObjectId)));
		for (let i = 0; i < records.length; i++) {
			for (let j = i + 1; j < records.length; j++) {
				const shared = [...records[i]].filter((id) => records[j].has(id));
				expect(shared.length).toBeLessThanOrEqual(j === i + 1 ? 1 : 0);
			}
		}
		expect(batches.flatMap((batch) => batch.inputs.flatMap((input) => input.itemIndexes)).sort((a, b) => a - b)).toEqual(requests.map((r) => r.itemIndex));
	});

	it('keeps one input per pair and item order for a from-record with many to-records, repeats included', () => {
		// Contact 1 with 40 companies named twice each (the second time with label 36), contact 2 between them.
		const first = Array.from({ length: 40 }, (_, index) => request(index, '1', String(100 + index)));
		const between = request(40, '2', '200');
		const again = Array.from({ length: 40 }, (_, index) => request(41 + index, '1', String(139 - index), [LABEL_36]));
		const batches = planBatches([...first, between, ...again], 2000);
		expect(batches).toHaveLength(1);
		const [{ inputs }] = batches;
		expect(inputs.map((input) => `${input.fromObjectId}>${input.toObjectId}`)).toEqual([...first.map((r) => `1>${r.toObjectId}`), '2>200']);
		expect(inputs[0]).toMatchObject({ itemIndexes: [0, 80], types: [DEFAULT_279, LABEL_36] });
		expect(inputs[39]).toMatchObject({ itemIndexes: [39, 41], types: [DEFAULT_279, LABEL_36] });
		expect(inputs[40]).toMatchObject({ itemIndexes: [40], types: [DEFAULT_279] });
	});

	it('puts the contacts of one company next to each other, wherever items list them, so batches share no company', () => {
		// Contacts 1–6 alternate between companies 100 and 200.
		const requests = Array.from({ length: 6 }, (_, index) => request(index, String(index + 1), index % 2 === 0 ? '100' : '200'));
		const batches = planBatches(requests, 3);
		expect(batches.map((batch) => batch.inputs.map((input) => `${input.fromObjectId}>${input.toObjectId}`))).toEqual([
			['1>100', '3>100', '5>100'],
			['2>200', '4>200', '6>200'],
		]);
	});

	it('keeps companies linked through a contact of both together, groups in the order items first named them', () => {
		// Contact 4 works for companies 100 and 300: its group gathers both companies' contacts.
		const pairs: Array<[string, string]> = [['1', '100'], ['2', '200'], ['3', '300'], ['4', '200'], ['5', '100'], ['4', '300'], ['6', '200']];
		const batches = planBatches(pairs.map(([from, to], index) => request(index, from, to)), 100);
		expect(batches[0].inputs.map((input) => `${input.fromObjectId}>${input.toObjectId}`)).toEqual(['1>100', '5>100', '2>200', '3>300', '4>200', '4>300', '6>200']);
	});

	it('keeps from-record order for reads, which name no to-record', () => {
		const requests = ['3', '1', '2'].map((from, index) => request(index, from, ''));
		expect(planBatches(requests, 2).map((batch) => batch.inputs.map((input) => input.fromObjectId))).toEqual([['3', '1'], ['2']]);
	});

	it('plans nothing for no requests', () => {
		expect(planBatches([], 100)).toEqual([]);
	});
});

describe('batchCreateBody', () => {
	it('writes the inputs as HubSpot takes them, without the item indexes', () => {
		const [batch] = planWaitingBatches([request(0, '1', '2', [DEFAULT_279, LABEL_36]), request(1, '5', '6')], 100);
		expect(JSON.parse(batchCreateBody(batch))).toEqual({
			inputs: [
				{
					from: { id: '1' },
					to: { id: '2' },
					types: [
						{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
						{ associationCategory: 'USER_DEFINED', associationTypeId: 36 },
					],
				},
				{ from: { id: '5' }, to: { id: '6' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] },
			],
		});
	});

	it('sends only category and type id even when a spec carries more', () => {
		const labelled = { ...LABEL_36, label: 'Manager' } as AssociationSpec;
		const [batch] = planWaitingBatches([request(0, '1', '2', [labelled])], 100);
		expect(JSON.parse(batchCreateBody(batch)).inputs[0].types).toEqual([LABEL_36]);
	});

	it('writes a planned batch (columnsOf) as it writes the waiting batch it came from', () => {
		const waiting = planWaitingBatches([request(0, '1', '2', [DEFAULT_279]), request(1, '1', '3', [LABEL_36]), request(2, '5', '2', [DEFAULT_279])], 100);
		expect(batchCreateBody(columnsOf(plannedBatch(waiting[0])))).toBe(batchCreateBody(waiting[0]));
	});

	it('writes ids as JSON strings, whatever characters they hold', () => {
		const [batch] = planWaitingBatches([request(0, 'a"b\\c', 'd\ne')], 100);
		expect(JSON.parse(batchCreateBody(batch)).inputs[0]).toMatchObject({ from: { id: 'a"b\\c' }, to: { id: 'd\ne' } });
	});
});

describe('pairKey', () => {
	it('tells apart pairs whose ids would run together', () => {
		expect(pairKey('12', '3')).not.toBe(pairKey('1', '23'));
		expect(pairKey('1', '2')).not.toBe(pairKey('2', '1'));
		expect(pairKey('1', '2')).toBe(pairKey('1', '2'));
	});
});

describe('archiveBody', () => {
	it('sends one input per from-record, listing its to-records in item order', () => {
		const [batch] = planWaitingBatches([request(0, '1', '10'), request(1, '2', '10'), request(2, '1', '11')], 100);
		expect(JSON.parse(archiveBody(batch))).toEqual({
			inputs: [
				{ from: { id: '1' }, to: [{ id: '10' }, { id: '11' }] },
				{ from: { id: '2' }, to: [{ id: '10' }] },
			],
		});
	});
});

describe('defaultAssociationBody', () => {
	it('sends the pairs without types', () => {
		const [batch] = planWaitingBatches([request(0, '1', '10', [LABEL_36])], 100);
		expect(JSON.parse(defaultAssociationBody(batch))).toEqual({ inputs: [{ from: { id: '1' }, to: { id: '10' } }] });
	});
});
