import type { HubSpotBatchError } from '../../../../nodes/HubspotAssociations/helpers/interfaces';
import { RecordReads } from '../../../../nodes/HubspotAssociations/helpers/recordReads';

const NO_ASSOCIATIONS = /no .* is associated/i;
const reads = () =>
	new RecordReads({
		idsNamed: (error: HubSpotBatchError) => error.context?.fromObjectId ?? error.context?.objectId ?? [],
		isNoAssociations: (error) => NO_ASSOCIATIONS.test(error.message ?? ''),
		failureOf: (error) => ({ kind: 'failed', message: error.message ?? '' }),
	});
const type = (typeId: number) => ({ category: 'HUBSPOT_DEFINED', typeId });

describe('RecordReads', () => {
	it('reads a record once its last page arrived, following cursors', () => {
		const read = reads();
		const next = read.answer([{ id: '1' }, { id: '2' }], {
			results: [
				{ from: { id: '1' }, to: [{ toObjectId: '10', associationTypes: [type(279)] }], paging: { next: { after: 'c1' } } },
				{ from: { id: 2 }, to: [{ toObjectId: 20 }] },
			],
		});
		expect(next).toEqual([{ id: '1', after: 'c1' }]);
		expect(read.outcomes.get('2')).toEqual({ kind: 'read', associations: [{ toObjectId: 20 }] });
		expect(read.outcomes.has('1')).toBe(false);
		expect(read.answer(next, { results: [{ from: { id: '1' }, to: [{ toObjectId: '11' }] }] })).toEqual([]);
		expect(read.outcomes.get('1')).toEqual({ kind: 'read', associations: [{ toObjectId: '10', associationTypes: [type(279)] }, { toObjectId: '11' }] });
	});

	it('fails every record an answer whose status is not COMPLETE was asked for: what it leaves out may be held all the same', () => {
		const read = reads();
		const next = read.answer([{ id: '1' }], { results: [{ from: { id: '1' }, to: [{ toObjectId: '10' }], paging: { next: { after: 'c' } } }] });
		expect(read.answer([...next, { id: '2' }], { status: 'PENDING', results: [] })).toEqual([]);
		expect(read.outcomes.get('1')).toEqual({ kind: 'failed', message: expect.stringMatching(/^HubSpot answered the read with status PENDING/) });
		expect(read.outcomes.get('2')).toEqual({ kind: 'failed', message: expect.stringMatching(/^HubSpot answered the read with status PENDING/) });
		read.answer([{ id: '3' }], { status: 'complete' });
		expect(read.outcomes.get('3')).toEqual({ kind: 'read', associations: [] });
	});

	it('merges a to-record split across pages into one entry with every type once', () => {
		const read = reads();
		const next = read.answer([{ id: '1' }], { results: [{ from: { id: '1' }, to: [{ toObjectId: '10', associationTypes: [type(279), type(1)] }], paging: { next: { after: 'c' } } }] });
		read.answer(next, { results: [{ from: { id: '1' }, to: [{ toObjectId: 10, associationTypes: [type(1), type(36)] }, { toObjectId: '12' }] }] });
		expect(read.outcomes.get('1')).toEqual({ kind: 'read', associations: [{ toObjectId: '10', associationTypes: [type(279), type(1), type(36)] }, { toObjectId: '12' }] });
	});

	it('fails a record whose later page an error names, whatever its first page held', () => {
		const read = reads();
		const next = read.answer([{ id: '1' }], { results: [{ from: { id: '1' }, to: [{ toObjectId: '10' }], paging: { next: { after: 'c' } } }] });
		read.answer(next, { errors: [{ message: 'One or more object ids are invalid', context: { objectId: ['1'] } }] });
		expect(read.outcomes.get('1')).toEqual({ kind: 'failed', message: 'One or more object ids are invalid' });
	});

	it('reads "no associations" on a first page as none, but on a later page as a failed read', () => {
		const read = reads();
		const error = { message: 'No company is associated with contact 1.', context: { fromObjectId: ['1'] } };
		read.answer([{ id: '1' }], { errors: [error] });
		expect(read.outcomes.get('1')).toEqual({ kind: 'read', associations: [] });
		const later = reads();
		later.answer([{ id: '2', after: 'c' }], { errors: [{ ...error, context: { fromObjectId: ['2'] } }] });
		expect(later.outcomes.get('2')?.kind).toBe('failed');
	});

	it('fails the records an answer leaves out when it carries an error naming no record', () => {
		const read = reads();
		read.answer([{ id: '1' }, { id: '2' }], { results: [{ from: { id: '1' }, to: [] }], errors: [{ message: 'internal error' }] });
		expect(read.outcomes.get('1')).toEqual({ kind: 'read', associations: [] });
		expect(read.outcomes.get('2')).toEqual({ kind: 'failed', message: 'internal error' });
	});

	it('reads a record left out of an answer without errors as having none, unless it was a later page', () => {
		const read = reads();
		read.answer([{ id: '1' }, { id: '2', after: 'c' }], { results: [] });
		expect(read.outcomes.get('1')).toEqual({ kind: 'read', associations: [] });
		expect(read.outcomes.get('2')).toMatchObject({ kind: 'failed', message: expect.stringMatching(/no page after cursor c/) });
	});

	it('fails the records of a failed request and keeps those already read', () => {
		const read = reads();
		const next = read.answer([{ id: '1' }, { id: '2' }], { results: [{ from: { id: '1' }, to: [], paging: { next: { after: 'c' } } }, { from: { id: '2' }, to: [] }] });
		read.fail(next, { kind: 'failed', message: 'HubSpot answered 503' });
		expect(read.outcomes.get('1')).toEqual({ kind: 'failed', message: 'HubSpot answered 503' });
		expect(read.outcomes.get('2')).toEqual({ kind: 'read', associations: [] });
	});

	it('fails a record whose cursor repeats, so a looping answer cannot hang the run', () => {
		const read = reads();
		const page = { from: { id: '1' }, to: [], paging: { next: { after: 'same' } } };
		const next = read.answer([{ id: '1' }], { results: [page] });
		expect(read.answer(next, { results: [page] })).toEqual([]);
		expect(read.outcomes.get('1')).toMatchObject({ kind: 'failed', message: expect.stringMatching(/cursor it had given before/) });
	});

	it('skips pages that name no record it asked for', () => {
		const read = reads();
		read.answer([{ id: '1' }], { results: [{ to: [{ toObjectId: '1' }] }, { from: { id: '9' }, to: [] }] });
		expect(read.outcomes.get('1')).toEqual({ kind: 'read', associations: [] });
		expect(read.outcomes.has('9')).toBe(false);
	});
});
