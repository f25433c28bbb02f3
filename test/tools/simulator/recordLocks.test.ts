import { recordsWritten } from '../../../tools/simulator/recordLocks';
import { createInput, expectEveryResponseMatchesContract, startTestSimulator, V3, type TestSimulator } from './simulatorHarness';

const UNLABELED: Array<[string, number]> = [['HUBSPOT_DEFINED', 279]];

describe('simulator: concurrent writes to one record (faults.lockConcurrentWrites)', () => {
	let t: TestSimulator;
	const create = (pairs: Array<[string, string]>, path = `${V3}/contacts/companies/batch/create`) =>
		t.call('POST', path, { inputs: pairs.map(([from, to]) => createInput(from, to, UNLABELED)) });
	const archive = (from: string, to: string[]) => t.call('POST', `${V3}/contacts/companies/batch/archive`, { inputs: [{ from: { id: from }, to: to.map((id) => ({ id })) }] });
	const linked = (contact: string, company: string) => t.sim.state.associationsBetween('0-1', contact, '0-2', company).length > 0;

	/** Starts a write the simulator holds for `ms`; resolves, with its answer still to come, once the simulator took it in (and its locks). */
	async function slowWrite(send: () => Promise<{ status: number }>, ms = 1000) {
		const taken = t.sim.faults.stats().faultsInjected.slow ?? 0;
		t.sim.faults.next(1, { kind: 'slow', ms });
		const answer = send();
		while ((t.sim.faults.stats().faultsInjected.slow ?? 0) === taken) await new Promise((resolve) => setTimeout(resolve, 5));
		return { answer };
	}

	beforeAll(async () => {
		t = await startTestSimulator({ seed: 7 });
	});
	beforeEach(() => t.sim.faults.lockConcurrentWrites(true));
	afterEach(() => {
		// Throws on any answer outside HubSpot's contract.
		expectEveryResponseMatchesContract(t.sim);
		t.sim.faults.clear();
		t.sim.faults.resetStats();
		t.sim.state.clearAssociations();
		t.sim.requests.length = 0;
	});
	afterAll(() => t.sim.close());

	it('answers 423 LOCKED to a write naming a from-record another write is still changing, and applies none of it', async () => {
		const { answer: first } = await slowWrite(() => create([['101', '201']]));

		const second = await create([['101', '202'], ['102', '203']]);

		expect(second.status).toBe(423);
		expect(second.body).toMatchObject({ status: 'error', category: 'LOCKED', correlationId: expect.any(String) });
		expect(second.body.message).toMatch(/at least 2 seconds/);
		expect(linked('101', '202') || linked('102', '203')).toBe(false);
		expect((await first).status).toBe(200);
		expect(linked('101', '201')).toBe(true);
	});

	it('locks the to-record too: a company shared by two contacts cannot take two writes at once', async () => {
		const { answer: first } = await slowWrite(() => create([['101', '201']]));

		expect((await create([['102', '201']])).status).toBe(423);
		await first;
	});

	it('lets writes on other records through while one is held', async () => {
		const { answer: first } = await slowWrite(() => create([['101', '201']]));

		expect((await create([['102', '202']])).status).toBe(200);
		expect((await first).status).toBe(200);
		expect(linked('102', '202')).toBe(true);
	});

	it('frees the records once the write is answered', async () => {
		expect((await (await slowWrite(() => create([['101', '201']]), 50)).answer).status).toBe(200);

		expect((await create([['101', '201']])).status).toBe(200);
	});

	it('holds every to-record of an archive, and a labels archive or a default association finds them locked', async () => {
		t.sim.state.associate('0-1', '101', '0-2', '201');
		const { answer: first } = await slowWrite(() => archive('101', ['201', '205']));

		expect((await create([['103', '205']], `${V3}/contacts/companies/batch/labels/archive`)).status).toBe(423);
		expect((await t.call('POST', `${V3}/0-1/0-2/batch/associate/default`, { inputs: [{ from: { id: '104' }, to: { id: '205' } }] })).status).toBe(423);
		expect((await first).status).toBe(204);
	});

	it('takes no lock for reads, and reads are never refused', async () => {
		const { answer: first } = await slowWrite(() => create([['101', '201']]));

		expect((await t.call('POST', `${V3}/contacts/companies/batch/read`, { inputs: [{ id: '101' }] })).status).toBe(200);
		await first;
	});

	it('records the refusal as the locked-record fault, and never locks while off', async () => {
		const { answer: first } = await slowWrite(() => create([['101', '201']]));
		await create([['101', '201']]);
		await first;
		t.sim.faults.lockConcurrentWrites(false);
		const { answer: again } = await slowWrite(() => create([['101', '201']]));

		expect((await create([['101', '201']])).status).toBe(200);
		await again;
		expect(t.sim.requests.map((request) => [request.status, request.fault])).toEqual([
			[423, 'locked-record'],
			[200, 'slow'],
			[200, undefined],
			[200, 'slow'],
		]);
		expect(t.sim.faults.stats().faultsInjected['locked-record']).toBe(1);
	});

	it('names each record by its object type, whatever the path calls it', () => {
		const body = { inputs: [{ from: { id: '1' }, to: [{ id: '2' }, { id: 3 }] }] };

		expect(recordsWritten('associations/batch/archive', `${V3}/contacts/0-2/batch/archive`, body)).toEqual(['0-1:1', '0-2:2', '0-2:3']);
		expect(recordsWritten('associations/batch/read', `${V3}/contacts/0-2/batch/read`, body)).toEqual([]);
	});
});
