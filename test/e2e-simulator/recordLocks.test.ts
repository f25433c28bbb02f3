import { startSimulator, type HubSpotSimulator, type RecordedRequest } from '../../tools/simulator';
import { fastForward } from '../harness/fastForward';
import { batchCreateParameters } from '../harness/runWorkflow';
import { BATCH_CREATE_KIND, expectRunInvariants, runAgainst, type PairItem } from './simulatorRuns';

// Real engine, real HTTP, real answer latency (the simulator's `slow`); the node's own waits
// (retries, pacing) are fast-forwarded, and the simulator, in this process, sees them as passed.
jest.mock('n8n-workflow', () => require('../harness/fastForward').fastForwardN8nWorkflow());

const LATENCY_MS = 300;
const LOCKED_MIN_WAIT_MS = 2000;

let sim: HubSpotSimulator;

beforeAll(async () => {
	sim = await startSimulator({ seed: 17, tokenLifetimeSeconds: 30 * 24 * 3600 });
});
beforeEach(() => {
	sim.faults.lockConcurrentWrites(true);
	sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: LATENCY_MS }] });
});
afterEach(() => {
	fastForward.paused = false;
	sim.faults.clear();
	sim.state.clearAssociations();
	sim.requests.length = 0;
});
afterAll(async () => {
	await sim.close();
});

/**
 * Contacts and the companies they work for, as a CRM export lists them: 12 companies shared by
 * 10 contacts each, each company's contacts spread over the whole input; and every 10th contact
 * also linked to a second company, listed near the end. With batches of 10, any two batches cut
 * in input order would share companies, and some contacts.
 */
function sharedCompanies(): PairItem[] {
	const items: PairItem[] = [];
	for (let i = 0; i < 120; i++) items.push({ contactId: String(1001 + i), companyId: String(501 + (i % 12)) });
	for (let i = 0; i < 120; i += 10) items.push({ contactId: String(1001 + i), companyId: String(501 + ((i + 7) % 12)) });
	return items;
}

const batchCreates = () => sim.requests.filter((request) => request.kind === BATCH_CREATE_KIND);
const locked = (requests: RecordedRequest[]) => requests.filter((request) => request.status === 423);

async function runWith(concurrency: 'auto' | number, items = sharedCompanies()) {
	const parameters = batchCreateParameters({ options: { batchSize: 10, ...(concurrency === 'auto' ? {} : { concurrency }) } });
	const result = await runAgainst(sim, { items, parameters, onError: 'continueRegularOutput' });
	const summary = expectRunInvariants(sim, items, result);
	const requests = batchCreates();
	const inFlight = mostInFlight(requests);
	return { summary, requests, locked: locked(requests).length, inFlight };
}

/** The most batch/create requests the simulator was handling at once (each took `LATENCY_MS`). */
function mostInFlight(requests: RecordedRequest[]): number {
	const answered = requests.filter((request) => request.status !== 423);
	return Math.max(0, ...answered.map((request) => answered.filter((other) => Math.abs(other.at - request.at) < LATENCY_MS).length));
}

describe('HubSpot locks records while a write changes them (423): Parallel Requests Auto against the simulator', () => {
	it('answers and pairs every item, and meets no more 423s with Auto than with one request in flight', async () => {
		const one = await runWith(1);
		sim.state.clearAssociations();
		sim.requests.length = 0;
		const auto = await runWith('auto');

		process.stdout.write(
			`record locks: 1 in flight ${one.requests.length} requests, ${one.locked} × 423; Auto ${auto.requests.length} requests, ${auto.locked} × 423, up to ${auto.inFlight} in flight\n`,
		);
		expect(one.summary).toMatchObject({ succeeded: 132, failed: 0 });
		expect(auto.summary).toMatchObject({ succeeded: 132, failed: 0 });
		expect(auto.locked).toBeLessThanOrEqual(one.locked);
		expect(auto.inFlight).toBeGreaterThan(1);
	});

	it('waits at least 2 s before sending a batch again after a 423, and then succeeds', async () => {
		// The other client's write holds its records in real time: so do the node's waits here.
		fastForward.paused = true;
		// Another client is changing company 501 when the run starts.
		sim.faults.random(null);
		sim.faults.next(1, { kind: 'slow', ms: 500 });
		const outsideWrite = fetch(`${sim.baseUrl}/crm/associations/2026-03/contacts/companies/batch/create`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim.issueToken().accessToken}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ inputs: [{ from: { id: '9001' }, to: { id: '501' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }] }),
		});
		while (sim.faults.stats().faultsInjected.slow === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
		sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: LATENCY_MS }] });

		const { summary, requests } = await runWith('auto');
		await outsideWrite;

		expect(summary).toMatchObject({ succeeded: 132, failed: 0 });
		const refused = locked(requests);
		expect(refused.length).toBeGreaterThan(0);
		for (const request of refused) {
			const firstPair = JSON.stringify((request.body as { inputs: unknown[] }).inputs[0]);
			const retry = requests.find((other) => other.at > request.at && JSON.stringify((other.body as { inputs: unknown[] }).inputs[0]) === firstPair);
			expect(retry).toBeDefined();
			expect(retry!.at - request.at).toBeGreaterThanOrEqual(LOCKED_MIN_WAIT_MS);
		}
	});
});
