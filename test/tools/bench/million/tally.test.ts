import { startTestSimulator, type TestSimulator } from '../../simulator/simulatorHarness';
import { exactlyOnce, type MillionRun } from '../../../../tools/bench/million/report';
import { pairOf } from '../../../../tools/bench/million/source';
import { RequestTally, checkStored } from '../../../../tools/bench/million/tally';

const PAIRS = 6;
const CREATE = '/crm/associations/2026-03/contacts/companies/batch/create';
const unlabeled = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }];
const inputs = (indexes: number[]) => indexes.map((index) => ({ from: { id: pairOf(index).contactId }, to: { id: pairOf(index).companyId }, types: unlabeled }));

let t: TestSimulator;
beforeEach(async () => {
	t = await startTestSimulator({ seed: 5 });
});
afterEach(async () => {
	await t.sim.close();
});

/** A run whose only findings are what the simulator saw. */
const runWith = (tally: RequestTally): MillionRun => ({
	pairs: PAIRS,
	stored: checkStored(t.sim, tally, pairOf),
	foreign: tally.foreign,
	answers: [{ firstRowId: 1, lastRowId: PAIRS, status: 200, summary: { failed: 0 }, body: '', answeredAt: 0 }],
} as unknown as MillionRun);

describe("bench:million's check of the simulator's state", () => {
	it('passes when each source pair was accepted once and is stored with its type alone', async () => {
		const tally = new RequestTally(t.sim, PAIRS);
		tally.start();
		await t.call('POST', CREATE, { inputs: inputs([0, 1, 2]) });
		await t.call('POST', CREATE, { inputs: inputs([3, 4, 5]) });
		tally.stop();
		expect(checkStored(t.sim, tally, pairOf)).toEqual({ stored: 6, missing: 0, wrongTypes: 0, sentTwice: 0, neverSent: 0 });
		expect(exactlyOnce(runWith(tally))).toBe(true);
		expect(tally.requests.map((r) => [r.kind, r.status])).toEqual([
			['associations/batch/create', 200],
			['associations/batch/create', 200],
		]);
	});

	it('fails on a pair sent twice, a pair never stored, a label too many and a pair not from the source', async () => {
		const tally = new RequestTally(t.sim, PAIRS);
		tally.start();
		await t.call('POST', CREATE, { inputs: [...inputs([0, 1, 2]), { from: { id: '1' }, to: { id: '3' }, types: unlabeled }] });
		await t.call('POST', CREATE, { inputs: inputs([2, 4]) });
		await t.call('POST', CREATE, { inputs: [{ ...inputs([5])[0], types: [...unlabeled, { associationCategory: 'USER_DEFINED', associationTypeId: 36 }] }] });
		tally.stop();
		expect(checkStored(t.sim, tally, pairOf)).toEqual({ stored: 6, missing: 1, wrongTypes: 1, sentTwice: 1, neverSent: 1 });
		expect(tally.foreign).toBe(1);
		expect(exactlyOnce(runWith(tally))).toBe(false);
	});

	it('does not count a request HubSpot refused as sent', async () => {
		t.sim.faults.rateWindow({ max: 1, intervalMs: 60_000 });
		const tally = new RequestTally(t.sim, PAIRS);
		tally.start();
		await t.call('POST', CREATE, { inputs: inputs([0, 1, 2, 3, 4, 5]) });
		await t.call('POST', CREATE, { inputs: inputs([0]) });
		tally.stop();
		expect(tally.requests.map((r) => r.status)).toEqual([200, 429]);
		expect(checkStored(t.sim, tally, pairOf).sentTwice).toBe(0);
	});
});
