import { MAX_PAIRS, indexOf, pairOf } from '../../../../tools/bench/million/source';
import { slicesOf } from '../../../../tools/bench/million/slices';

describe("bench:million's source table", () => {
	it('holds a million distinct pairs, all between records the simulator seeds', () => {
		// indexOf undoes pairOf for every index: no two indexes share a pair.
		let outOfRange = 0;
		let notFoundBack = 0;
		for (let index = 0; index < MAX_PAIRS; index++) {
			const { contactId, companyId } = pairOf(index);
			if (+contactId < 1 || +contactId > 100_000 || +companyId < 1 || +companyId > 20_000) outOfRange++;
			if (indexOf(contactId, companyId, MAX_PAIRS) !== index) notFoundBack++;
		}
		expect(MAX_PAIRS).toBe(1_000_000);
		expect({ outOfRange, notFoundBack }).toEqual({ outOfRange: 0, notFoundBack: 0 });
	});

	it('finds each pair back from its ids, and no pair it does not hold', () => {
		for (const index of [0, 1, 99_999, 100_000, 123_456, 999_999]) {
			const { contactId, companyId } = pairOf(index);
			expect(indexOf(contactId, companyId, MAX_PAIRS)).toBe(index);
		}
		expect(indexOf(pairOf(500).contactId, pairOf(500).companyId, 500)).toBe(-1);
		expect(indexOf('1', '3', MAX_PAIRS)).toBe(-1);
		expect(indexOf('100001', '1', MAX_PAIRS)).toBe(-1);
		expect(indexOf('x', '1', MAX_PAIRS)).toBe(-1);
	});

	it('matches the SQL that fills the table (row_id = index + 1)', () => {
		// The INSERT's formula, in JavaScript: (i % 100000 + 2000 * (i / 100000)) % 20000 + 1 with integer division.
		for (const i of [0, 19_999, 20_000, 100_000, 345_678, 999_999]) {
			const contact = (i % 100_000) + 1;
			const company = (((i % 100_000) + 2_000 * Math.trunc(i / 100_000)) % 20_000) + 1;
			expect(pairOf(i)).toEqual({ contactId: String(contact), companyId: String(company) });
		}
	});
});

describe("bench:million's slices", () => {
	it('cover rows 1…pairs once, in whole chunks but the last', () => {
		expect(slicesOf(1_000_000, 4, 10_000)).toEqual([
			{ firstRowId: 1, lastRowId: 250_000 },
			{ firstRowId: 250_001, lastRowId: 500_000 },
			{ firstRowId: 500_001, lastRowId: 750_000 },
			{ firstRowId: 750_001, lastRowId: 1_000_000 },
		]);
		expect(slicesOf(25_000, 2, 10_000)).toEqual([
			{ firstRowId: 1, lastRowId: 20_000 },
			{ firstRowId: 20_001, lastRowId: 25_000 },
		]);
	});

	it('makes fewer slices than asked when there are fewer chunks', () => {
		expect(slicesOf(15_000, 4, 10_000)).toEqual([
			{ firstRowId: 1, lastRowId: 10_000 },
			{ firstRowId: 10_001, lastRowId: 15_000 },
		]);
	});
});
