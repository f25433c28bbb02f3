import { batchStatusOf, holdUnfinished } from '../../../../nodes/HubspotAssociations/helpers/batchStatus';
import type { InputOutcome, PlannedInput } from '../../../../nodes/HubspotAssociations/helpers/interfaces';

const input = (toObjectId: string): PlannedInput => ({ fromObjectId: '1', toObjectId, types: [], itemIndexes: [0] });

function outcomesAfter(status: string) {
	const [done, refused] = [input('2'), input('3')];
	const outcomes = new Map<PlannedInput, InputOutcome<string>>([
		[done, { kind: 'succeeded', result: 'named in results' }],
		[refused, { kind: 'failed', message: 'COMPANY=3 is not valid' }],
	]);
	holdUnfinished(outcomes, status);
	return [outcomes.get(done), outcomes.get(refused)];
}

describe('batchStatusOf', () => {
	it("reads HubSpot's status, and takes an answer without one (a 204) as COMPLETE", () => {
		expect([batchStatusOf({ status: 'PENDING' }), batchStatusOf({ status: 'canceled' }), batchStatusOf(undefined), batchStatusOf({ results: [] })]).toEqual(['PENDING', 'CANCELED', 'COMPLETE', 'COMPLETE']);
	});
});

describe('holdUnfinished', () => {
	it('leaves the outcomes of a COMPLETE batch as matched', () => {
		expect(outcomesAfter('COMPLETE')).toEqual([{ kind: 'succeeded', result: 'named in results' }, { kind: 'failed', message: 'COMPANY=3 is not valid' }]);
	});

	it('reports nothing of a CANCELED batch done, and keeps the errors HubSpot gave', () => {
		expect(outcomesAfter('CANCELED')).toEqual([{ kind: 'failed', message: expect.stringMatching(/status CANCELED, so nothing of it is reported done/) }, { kind: 'failed', message: 'COMPANY=3 is not valid' }]);
	});

	it.each(['PENDING', 'PROCESSING'])('marks an input a %s answer names nowhere as waiting for a read too (a batch not run yet has no results)', (status) => {
		const waiting = input('4');
		const outcomes = new Map<PlannedInput, InputOutcome<string>>([[waiting, { kind: 'failed', message: 'no result or error', unanswered: true }]]);
		holdUnfinished(outcomes, status);
		expect(outcomes.get(waiting)).toEqual({ kind: 'failed', message: `HubSpot answered the batch with status ${status} and a read did not confirm this pair`, unconfirmed: status });
		holdUnfinished((outcomes.set(waiting, { kind: 'failed', message: 'no result or error', unanswered: true }), outcomes), 'CANCELED');
		expect(outcomes.get(waiting)).toEqual({ kind: 'failed', message: expect.stringMatching(/status CANCELED/) });
	});

	it.each(['PENDING', 'PROCESSING', 'SOMETHING_NEW'])('marks what a %s batch named as waiting for a read', (status) => {
		expect(outcomesAfter(status)[0]).toEqual({ kind: 'failed', message: `HubSpot answered the batch with status ${status} and a read did not confirm this pair`, unconfirmed: status });
	});
});
