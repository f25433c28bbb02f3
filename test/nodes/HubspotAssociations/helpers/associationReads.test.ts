import { gatherPages, isNoAssociationsError, type AssociatedRecord } from '../../../../nodes/HubspotAssociations/helpers/associationReads';

describe('gatherPages', () => {
	it('appends each page to its record and returns the cursors still to follow', () => {
		const gathered = new Map<string, AssociatedRecord[]>();
		const seen = new Set<string>();
		const next = gatherPages(
			gathered,
			[
				{ from: { id: '1' }, to: [{ toObjectId: '10' }], paging: { next: { after: 'c1' } } },
				{ from: { id: 2 }, to: [{ toObjectId: 20 }] },
			],
			seen,
		);
		expect(next).toEqual([{ id: '1', after: 'c1' }]);
		expect(gatherPages(gathered, [{ from: { id: '1' }, to: [{ toObjectId: '11' }] }], seen)).toEqual([]);
		expect(gathered.get('1')).toEqual([{ toObjectId: '10' }, { toObjectId: '11' }]);
		expect(gathered.get('2')).toEqual([{ toObjectId: 20 }]);
	});

	it('stops following a cursor it has seen before, so a looping answer cannot hang the run', () => {
		const seen = new Set<string>();
		const page = { from: { id: '1' }, to: [], paging: { next: { after: 'same' } } };
		expect(gatherPages(new Map(), [page], seen)).toHaveLength(1);
		expect(gatherPages(new Map(), [page], seen)).toEqual([]);
	});

	it('skips pages that name no record', () => {
		expect(gatherPages(new Map(), [{ to: [{ toObjectId: '1' }] }], new Set())).toEqual([]);
	});
});

describe('isNoAssociationsError', () => {
	it.each(['No company is associated with contact 11.', 'No associations found for 11', 'association not found'])('recognises "%s"', (message) => {
		expect(isNoAssociationsError({ message })).toBe(true);
	});

	it('does not take an invalid id for an empty list', () => {
		expect(isNoAssociationsError({ message: 'One or more object ids are invalid: CONTACT=5 is not valid' })).toBe(false);
	});
});
