import { inRecordGroupOrder } from '../../../../nodes/HubspotAssociations/helpers/recordComponents';

/** A from-record and the to-ids of its pairs. */
type Record = [from: string, toIds: string[]];
const inputsOf = ([, toIds]: Record) => toIds.map((toObjectId) => ({ toObjectId }));
const order = (records: Record[]) => inRecordGroupOrder(records, inputsOf).map(([from]) => from);

describe('inRecordGroupOrder', () => {
	it('keeps the order when no two from-records share a to-record (the very same array)', () => {
		const records: Record[] = [['1', ['10']], ['2', ['20']], ['3', ['30', '31']]];
		expect(inRecordGroupOrder(records, inputsOf)).toBe(records);
	});

	it('gathers from-records sharing a to-record, groups in first-named order, records in order within', () => {
		expect(order([['1', ['10']], ['2', ['20']], ['3', ['10']], ['4', ['30']], ['5', ['20']]])).toEqual(['1', '3', '2', '5', '4']);
	});

	it('joins groups through a record with pairs in both, wherever it comes', () => {
		// 4 links company 10 (records 1, 3) and company 30 (record 2).
		expect(order([['1', ['10']], ['2', ['30']], ['3', ['10']], ['5', ['50']], ['4', ['30', '10']]])).toEqual(['1', '2', '3', '4', '5']);
	});

	it('links nothing through an empty to-id (reads)', () => {
		expect(order([['2', ['']], ['1', ['']]])).toEqual(['2', '1']);
	});
});
