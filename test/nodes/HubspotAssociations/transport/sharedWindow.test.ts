import { FakeClock } from '../../../harness/fakeClock';
import { runSharedWindow, type RunPlan } from '../../../harness/sharedWindow';

/** HubSpot's default burst limit, shared by every execution on the account. */
const HUBSPOT = { max: 100, intervalMs: 10_000 };

/**
 * Executions of the node sharing one account, as on n8n's queue-mode workers: each run has its
 * own throttle and sees the others only through HubSpot's headers. The floors are this design's
 * figures in virtual time less a margin; with one slot of growth per answer (the throttle
 * before), back to back reached 29 % and a late starter 43 %; before it took over the rate
 * others give up, two workers held 1.5 s per finishing execution reached 81–83 %.
 */
const SCENARIOS: Array<[string, RunPlan[], number, number?]> = [
	['four at once', [0, 0, 0, 0].map((startAt) => ({ startAt, requests: 100 })), 85],
	['four started 300 ms apart', [0, 300, 600, 900].map((startAt) => ({ startAt, requests: 100 })), 82],
	['four started 2 s apart', [0, 2000, 4000, 6000].map((startAt) => ({ startAt, requests: 100 })), 70],
	['four as webhook executions reach two workers', [0, 150, 700, 1100].map((startAt) => ({ startAt, requests: 100 })), 82],
	['the same on two workers running two jobs each', [0, 150, 700, 1100].map((startAt, i) => ({ startAt, requests: 100, process: i % 2 })), 85],
	// n8n holds a worker's event loop for a second or more while an execution finishes (the nodes
	// after this one, saving it): the other worker must take the window over meanwhile.
	['two workers, each held 1.5 s by every execution that finishes', [0, 150, 700, 1100].map((startAt, i) => ({ startAt, requests: 100, process: i % 2, finishingMs: 1500 })), 82],
	['four in one n8n process, started 2 s apart', [0, 2000, 4000, 6000].map((startAt) => ({ startAt, requests: 100, process: 0 })), 88],
	['unequal work: 200, 100, 50, 50', [200, 100, 50, 50].map((requests, i) => ({ startAt: i * 100, requests })), 84],
	// The second run knows nothing of the full window before its first answer, and with slow answers
	// it has several requests on their way by then: a few 429s, each a 10 s pause.
	['back to back, the second 2 s before the first ends', [{ startAt: 0, requests: 100 }, { startAt: 8000, requests: 100 }], 75, 0.025],
	['a late starter joining two busy runs', [{ startAt: 0, requests: 150 }, { startAt: 0, requests: 150 }, { startAt: 12_000, requests: 100 }], 79],
	['eight at once', Array.from({ length: 8 }, (_, i) => ({ startAt: i * 50, requests: 50 })), 78],
];

describe('executions sharing one HubSpot rate window (virtual time, Parallel Requests auto)', () => {
	it.each(SCENARIOS)('%s: close to the rate-bound optimum, almost no 429s', async (name, plans, floorPercent, most429 = 0.01) => {
		for (const latencyMs of [20, 300, 800]) {
			const result = await runSharedWindow(new FakeClock(), plans, { window: HUBSPOT, latencyMs });
			const percent = (100 * result.optimumMs) / result.wallMs;
			process.stdout.write(
				`${name}, ${latencyMs} ms answers: ${percent.toFixed(1)} % of optimum (${(result.wallMs / 1000).toFixed(1)} s vs ${result.optimumMs / 1000} s), ${result.rateLimited} × 429 in ${result.sent}\n`,
			);
			expect(percent).toBeGreaterThanOrEqual(floorPercent);
			expect(result.rateLimited / result.sent).toBeLessThanOrEqual(most429);
		}
	});
});

/**
 * Issue 23's targets for runs that follow each other on separate workers (virtual time, 100 ms
 * answers): the second run takes the window over as the first one's requests age out of it. Before
 * (a 429 held the run for the whole interval; a run starved to the probe share heard nothing until
 * its own requests aged out; the rate a stopped run gave up was split as if others were still
 * sending): back to back 80.9 %, 5 s apart 1.28× the optimum.
 */
describe('a run following another on a separate worker (virtual time, 100 ms answers)', () => {
	const latencyMs = 100;

	it('back to back, the second 2 s before the first ends: at least 85 % of the optimum, under 1 % 429s', async () => {
		const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 100 }, { startAt: 8000, requests: 100 }], { window: HUBSPOT, latencyMs });
		expect(result.optimumMs / result.wallMs).toBeGreaterThanOrEqual(0.85);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});

	it('two runs started 5 s apart finish within 1.15 × the optimum of their combined work', async () => {
		const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 100 }, { startAt: 5000, requests: 100 }], { window: HUBSPOT, latencyMs });
		expect(result.wallMs).toBeLessThanOrEqual(1.15 * result.optimumMs);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});
});

/**
 * The same targets with 800 ms answers. Before (figures in virtual time): back to back 78.3 %, then
 * 83.1 % with 4 × 429 in 204 once a run probed while others left; 5 s apart 1.34×. The second run
 * has about eight requests on their way before its first answer says the window is full, and a run
 * held back by its own requests heard nothing until they left. Now a run counts its own requests
 * HubSpot has not counted yet before sending into a window said to be nearly full, and a run that
 * found others already filling the window checks every 2 s while its own requests hold it back, and
 * keeps a few probes on their way while others' count falls (`probe.ts`).
 */
describe('a run following another on a separate worker (virtual time, 800 ms answers)', () => {
	const latencyMs = 800;

	it('back to back, the second 2 s before the first ends: at least 85 % of the optimum, under 1 % 429s', async () => {
		const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 100 }, { startAt: 8000, requests: 100 }], { window: HUBSPOT, latencyMs });
		expect(result.optimumMs / result.wallMs).toBeGreaterThanOrEqual(0.85);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});

	it('two runs started 5 s apart finish within 1.15 × the optimum of their combined work', async () => {
		const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 100 }, { startAt: 5000, requests: 100 }], { window: HUBSPOT, latencyMs });
		expect(result.wallMs).toBeLessThanOrEqual(1.15 * result.optimumMs);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});
});
