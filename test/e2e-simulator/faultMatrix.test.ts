import { startSimulator, type Fault, type HubSpotSimulator } from '../../tools/simulator';
import { SeededRandom } from '../../tools/simulator/random';
import { batchCreateParameters } from '../harness/runWorkflow';
import { BATCH_CREATE_KIND, expectRunInvariants, freshPairs, runAgainst, type PairItem, type RunSummary } from './simulatorRuns';

// Real engine, real HTTP; only time is fast-forwarded (these specs are about faults, not pace).
jest.mock('n8n-workflow', () => require('../harness/fastForward').fastForwardN8nWorkflow());

const SEEDED_RUNS = 100;

let sim: HubSpotSimulator;

beforeAll(async () => {
	// Fast-forwarded waits add up to hours of simulated time: keep the token valid throughout.
	sim = await startSimulator({ seed: 11, tokenLifetimeSeconds: 30 * 24 * 3600 });
});
afterEach(() => {
	sim.faults.clear();
	sim.requests.length = 0;
});
afterAll(async () => {
	await sim.close();
});

const onRegularOutput = { onError: 'continueRegularOutput' as const };

/** Six items in three batches of two, one at a time, so the first request takes the fault. */
async function runSix(parameters = batchCreateParameters({ options: { batchSize: 2 } })) {
	const items = freshPairs(6);
	const result = await runAgainst(sim, { items, parameters, ...onRegularOutput });
	return { items, result, summary: expectRunInvariants(sim, items, result) };
}

describe('each fault alone, through the engine against the simulator', () => {
	it.each<[string, Fault]>([
		['423 locked', { status: 423 }],
		['477 migration with Retry-After', { status: 477, retryAfterSeconds: 1 }],
		['secondly 429 with Retry-After', { status: 429, retryAfterSeconds: 1 }],
		['secondly 429 without Retry-After', { status: 429 }],
		['502', { status: 502 }],
		['503', { status: 503 }],
		['504', { status: 504 }],
		['521', { status: 521 }],
		['523', { status: 523 }],
		['524 as a gateway HTML page', { status: 524, html: true }],
		['a reset connection', { kind: 'reset' }],
		['a malformed 200', { kind: 'malformed' }],
	])('retries %s once and every item succeeds', async (_name, fault) => {
		sim.faults.next(1, fault);

		const { summary } = await runSix();

		expect(summary).toEqual({ succeeded: 6, failed: 0, requests: 4, forced: 1, resent: 2 });
	});

	it('waits for a slow answer without sending again', async () => {
		sim.faults.next(1, { kind: 'slow', ms: 100 });

		const { summary } = await runSix();

		expect(summary).toEqual({ succeeded: 6, failed: 0, requests: 3, forced: 0, resent: 0 });
	});

	it.each<[string, Fault, RegExp]>([
		['a 500', { status: 500 }, /HubSpot answered 500: internal error$/],
		['a 403 missing scopes', { status: 403 }, /lacks the scopes crm\.objects\.companies\.write \(403\)/],
		['an applied-then-500', { kind: 'applied-then-500' }, /HubSpot answered 500/],
	])('sends a batch answered with %s once and fails only its items, naming the cause', async (_name, fault, cause) => {
		sim.faults.next(1, fault);

		const { result, summary } = await runSix();

		expect(summary).toEqual({ succeeded: 4, failed: 2, requests: 3, forced: 1, resent: 0 });
		expect(result.output.slice(0, 2).map((item) => item.json.error)).toEqual([expect.stringMatching(cause), expect.stringMatching(cause)]);
	});

	it('sends each batch once when the daily limit is reached, and says so', async () => {
		sim.faults.dailyLimitReached(true);

		const { result, summary } = await runSix();

		expect(summary).toMatchObject({ succeeded: 0, failed: 6, forced: summary.requests, resent: 0 });
		expect(summary.requests).toBeLessThanOrEqual(3);
		for (const item of result.output) expect(item.json.error).toMatch(/daily request limit is used up \(429\)/);
	});

	it('sends a batch HubSpot rejects with 400 once', async () => {
		// Tickets and the Cars custom object have no association types: HubSpot answers 400.
		const items = freshPairs(4).map((item) => ({ ...item, contactId: String((Number(item.contactId) % 5000) + 1), companyId: '1' }));
		const parameters = { ...batchCreateParameters({ options: { batchSize: 2 } }), fromObjectType: 'tickets', toObjectType: '2-3456789' };

		const { output, error } = await runAgainst(sim, { items, parameters, ...onRegularOutput });

		expect(error).toBeUndefined();
		const sent = sim.requests.filter((request) => request.kind === BATCH_CREATE_KIND);
		expect(sent.map((request) => request.status)).toEqual([400, 400]);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		for (const item of output) expect(item.json.error).toMatch(/HubSpot answered 400/);
	});

	it('gives up after Max Retries with the cause and the attempts, and keeps the other batches', async () => {
		sim.faults.next(3, { status: 503 });

		const { result, summary } = await runSix(batchCreateParameters({ options: { batchSize: 2, maxRetries: 2 } }));

		expect(summary).toEqual({ succeeded: 4, failed: 2, requests: 5, forced: 3, resent: 2 });
		expect(result.output[0].json.error).toMatch(/HubSpot answered 503: Service unavailable \(HubSpot answered 503; gave up after 3 attempts\)$/);
	});
});

const RETRIED: Fault[] = [
	{ status: 423 },
	{ status: 477, retryAfterSeconds: 1 },
	{ status: 429, retryAfterSeconds: 1 },
	{ status: 429 },
	{ status: 502 },
	{ status: 503 },
	{ status: 504 },
	{ status: 521 },
	{ status: 523 },
	{ status: 524, html: true },
	{ kind: 'reset' },
	{ kind: 'malformed' },
];
const NOT_RETRIED: Fault[] = [{ status: 500 }, { status: 403 }, { kind: 'applied-then-500' }];

describe(`random fault mixes over ${SEEDED_RUNS} seeded runs`, () => {
	const totals = { runs: 0, items: 0, succeeded: 0, failed: 0, requests: 0, forced: 0, resent: 0 };
	afterAll(() => {
		process.stdout.write(`fault matrix: ${JSON.stringify(totals)}\n`);
	});

	it.each(Array.from({ length: SEEDED_RUNS }, (_, i) => i + 1))('seed %i: one paired output per item, no extra sends, successes in HubSpot', async (seed) => {
		const random = new SeededRandom(seed);
		const maxRetries = 1 + random.below(5);
		const items: PairItem[] = freshPairs(12 + random.below(20));
		// One item fails validation and one names a company that does not exist: both must stay paired.
		const invalid = random.below(items.length);
		const missing = (invalid + 1 + random.below(items.length - 1)) % items.length;
		items[invalid] = { ...items[invalid], companyId: 'not-an-id' };
		items[missing] = { ...items[missing], companyId: '999999' };
		const kinds = [...RETRIED, ...(seed % 3 === 0 ? NOT_RETRIED : []), { kind: 'slow', ms: 20 } as Fault];
		sim.faults.random({ seed, rate: 0.2 + random.next() * 0.3, kinds });

		const result = await runAgainst(sim, {
			items,
			parameters: batchCreateParameters({ options: { batchSize: 2 + random.below(4), concurrency: 1 + random.below(3), maxRetries } }),
			...onRegularOutput,
		});

		const summary: RunSummary = expectRunInvariants(sim, items, result);
		for (const sent of requestsPerPair()) expect(sent).toBeLessThanOrEqual(maxRetries + 1);
		expect(summary.failed).toBeGreaterThanOrEqual(2);
		totals.runs++;
		totals.items += items.length;
		for (const key of ['succeeded', 'failed', 'requests', 'forced', 'resent'] as const) totals[key] += summary[key];
	});
});

function requestsPerPair(): number[] {
	const counts = new Map<string, number>();
	for (const request of sim.requests.filter((r) => r.kind === BATCH_CREATE_KIND)) {
		for (const input of (request.body as { inputs: Array<{ from: { id: string }; to: { id: string } }> }).inputs) {
			const key = `${input.from.id}>${input.to.id}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	return [...counts.values()];
}
