import { FakeClock } from '../../../harness/fakeClock';
import { runSharedWindow, type RunPlan } from '../../../harness/sharedWindow';
import { HUBSPOT_WINDOW as HUBSPOT, SHARED_WINDOW_SCENARIOS, type SharedWindowScenario } from '../../../harness/sharedWindowScenarios';

/**
 * Executions of the node sharing one account, as on n8n's queue-mode workers: each run has its
 * own throttle and sees the others only through HubSpot's headers. The floors are this design's
 * figures in virtual time less a margin; with one slot of growth per answer (the throttle
 * before), back to back reached 29 % and a late starter 43 %; before it took over the rate
 * others give up, two workers held 1.5 s per finishing execution reached 81–83 %.
 */
const FLOORS: Array<[SharedWindowScenario, number, number?]> = [
	['four at once', 85],
	['four started 300 ms apart', 82],
	// 6 × 429 in 406 at 800 ms since a run held back by its own requests checks every second (4 before; see below).
	['four started 2 s apart', 70, 0.015],
	['four as webhook executions reach two workers', 82],
	['the same on two workers running two jobs each', 85],
	['two workers, each held 1.5 s by every execution that finishes', 82],
	['four in one n8n process, started 2 s apart', 88],
	['unequal work: 200, 100, 50, 50', 84],
	// A few 429s where the second run's first requests meet a full window.
	['back to back, the second 2 s before the first ends', 75, 0.025],
	['a late starter joining two busy runs', 79],
	['eight at once', 78],
];
const SCENARIOS = FLOORS.map(([name, floor, most429]) => [name, SHARED_WINDOW_SCENARIOS[name], floor, most429] as const);

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
 * Issue 23's targets for runs that follow each other on separate workers: the second run takes the
 * window over as the first one's requests age out of it. Before, with 100 ms answers (a 429 held the
 * run for the whole interval; a run starved to the probe share heard nothing until its own requests
 * aged out; the rate a stopped run gave up was split as if others were still sending): back to back
 * 80.9 %, 5 s apart 1.28× the optimum. With 800 ms answers: back to back 78.3 %, then 83.1 % with
 * 4 × 429 in 204 once a run probed while others left; 5 s apart 1.34×. The second run has about eight
 * requests on their way before its first answer says the window is full, and a run held back by its
 * own requests heard nothing until they left. Now a run counts its own requests HubSpot has not
 * counted yet before sending into a window said to be nearly full, and a run that found others
 * already filling the window checks every 2 s while its own requests hold it back, and keeps a few
 * probes on their way while others' count falls (`probe.ts`).
 */
describe.each([100, 800])('a run following another on a separate worker (virtual time, %i ms answers)', (latencyMs) => {
	it('back to back, the second 2 s before the first ends: at least 85 % of the optimum, under 1 % 429s', async () => {
		const result = await runSharedWindow(new FakeClock(), SHARED_WINDOW_SCENARIOS['back to back, the second 2 s before the first ends'], { window: HUBSPOT, latencyMs });
		expect(result.optimumMs / result.wallMs).toBeGreaterThanOrEqual(0.85);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});

	it('two runs started 5 s apart finish within 1.15 × the optimum of their combined work', async () => {
		const result = await runSharedWindow(new FakeClock(), SHARED_WINDOW_SCENARIOS['two runs started 5 s apart'], { window: HUBSPOT, latencyMs });
		expect(result.wallMs).toBeLessThanOrEqual(1.15 * result.optimumMs);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});

	/**
	 * Not only at exactly 5 s: on n8n's engine the second run starts a few tens of ms either way.
	 * Before 2026-12-07 (a run held back by its own requests checked every 2 s, every 4 s after a
	 * full window): at 800 ms 1.14–1.15× at most gaps, 1.23× at 5.5 s, where the second run's last
	 * answer came just before the first run stopped and it heard of that 3 s late; at 100 ms 1.17× at
	 * 5.4 s.
	 */
	it('two runs started 4.5–5.5 s apart (every 100 ms) each finish within 1.15 × the optimum', async () => {
		const over: Array<{ gap: number; times: number }> = [];
		for (let gap = 4_500; gap <= 5_500; gap += 100) {
			const result = await runSharedWindow(new FakeClock(), [{ startAt: 0, requests: 100 }, { startAt: gap, requests: 100 }], { window: HUBSPOT, latencyMs });
			if (result.wallMs > 1.15 * result.optimumMs) over.push({ gap, times: +(result.wallMs / result.optimumMs).toFixed(3) });
			expect(result.rateLimited / result.sent).toBeLessThan(0.01);
		}
		expect(over).toEqual([]);
	});
});

/**
 * Four runs about 2 s apart, each start but the first moved by up to ±250 ms (40 draws, seeded):
 * the single timing above is one point of a curve that jumps by several percent and 429s from one
 * start to the next. A run held back by its own requests checking every second (2 s, 4 s after a
 * full window before 2026-12-07) costs 429s here, as its checks meet a window others fill: before,
 * 81.8 % of the optimum with 1.19 % 429s (HubSpot counting halfway) and 81.7 % with 1.42 % (on
 * arrival); after, 83.1 % with 1.75 % and 83.6 % with 1.62 %. Bounds: those figures less / plus a margin.
 */
describe('four runs about 2 s apart (virtual time, 800 ms answers, 40 start timings)', () => {
	it.each([
		['halfway', 82.5, 0.019],
		['arrival', 83, 0.018],
	] as Array<['halfway' | 'arrival', number, number]>)('HubSpot counting %s: at least %d % of the optimum on average, 429s at most %d', async (counts, floorPercent, most429) => {
		let seed = 99;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		let percentSum = 0;
		let rateLimited = 0;
		let sent = 0;
		for (let draw = 0; draw < 40; draw++) {
			const plans = [0, 2000, 4000, 6000].map((startAt, run) => ({ startAt: run === 0 ? 0 : startAt + Math.round((random() - 0.5) * 500), requests: 100 }));
			const result = await runSharedWindow(new FakeClock(), plans, { window: HUBSPOT, latencyMs: 800, counts });
			percentSum += (100 * result.optimumMs) / result.wallMs;
			rateLimited += result.rateLimited;
			sent += result.sent;
		}
		process.stdout.write(`four about 2 s apart, counting ${counts}: ${(percentSum / 40).toFixed(1)} % of the optimum, ${rateLimited} × 429 in ${sent}\n`);
		expect(percentSum / 40).toBeGreaterThanOrEqual(floorPercent);
		expect(rateLimited / sent).toBeLessThanOrEqual(most429);
	});
});

/**
 * Answers that take 150–1450 ms, drawn at random (seeded): they come back out of order and in bursts,
 * so other executions' count jitters by a few requests while they keep sending. A run that joined a
 * busy window must not read that jitter as them stopping. With e0b8403 (a fall measured over as
 * little as half a second for such a run) three busy runs and a late joiner met 706 × 429 over 12
 * seeds where the baseline of a second met 586 (more in 11 seeds, fewer in none).
 * Sixty seeds (11–70), not those twelve: over twelve, one 429 more or less decides (the late starter
 * met 41 in 4,841 there, 0.85 %, but 1.32 % over sixty; a change that leaves the sixty-seed figure
 * as it was, 320 → 322, met 49 there). Bounds: the sixty-seed figures of 2026-12-07 (1.32 %, 8.47 %)
 * plus about 5 %; e0b8403's +20 % is far past them.
 */
describe('a late joiner with answers arriving out of order (virtual time, 800 ± 650 ms answers)', () => {
	const seeds = Array.from({ length: 60 }, (_, i) => 11 + i);
	it.each([
		['three busy runs and a late joiner', [0, 0, 0].map((startAt) => ({ startAt, requests: 150 })).concat([{ startAt: 8000, requests: 100 }]), 1500, 0.087],
		['a late starter joining two busy runs', SHARED_WINDOW_SCENARIOS['a late starter joining two busy runs'], 800, 0.014],
	] as Array<[string, RunPlan[], number, number]>)('%s: 429s no more than with a second-long baseline', async (name, plans, latencyMs, most429) => {
		let rateLimited = 0;
		let sent = 0;
		for (const seed of seeds) {
			const result = await runSharedWindow(new FakeClock(), plans, { window: HUBSPOT, latencyMs, latencySpread: { spread: 0.9, seed } });
			rateLimited += result.rateLimited;
			sent += result.sent;
		}
		process.stdout.write(`${name}, ${latencyMs} ± 90 % ms answers: ${rateLimited} × 429 in ${sent}\n`);
		expect(rateLimited / sent).toBeLessThanOrEqual(most429);
	});
});

/**
 * The bundled simulator (and so `npm run bench:ratelimit` on n8n's engine) counts a request as it
 * comes in and answers a 429 at once, a 2xx after the whole answer time: the window frees half an
 * answer earlier than this node, counting its requests from their answers, can know. The same
 * scenarios under that model: what the engine bench leaves of the figures above, engine time aside
 * (2026-12-07: back to back 85.6 %, 5 s apart 87.6 % at 800 ms; on the engine 84.0 % and 86.0 %).
 * Back to back 87.4 % since a 429 given at once counts the run's requests sent before it as its own
 * (the first run, read as holding 86 of the window's 100 where it held 93, sat idle as it freed).
 */
describe('HubSpot counting a request as it comes in, as the simulator does (virtual time, 800 ms answers)', () => {
	it.each([
		['back to back, the second 2 s before the first ends', 86],
		['two runs started 5 s apart', 86],
		['four at once', 84],
		['eight at once', 84],
	] as Array<[SharedWindowScenario, number]>)('%s: at least %i % of the optimum, under 1 % 429s', async (name, floorPercent) => {
		const result = await runSharedWindow(new FakeClock(), SHARED_WINDOW_SCENARIOS[name], { window: HUBSPOT, latencyMs: 800, counts: 'arrival' });
		expect((100 * result.optimumMs) / result.wallMs).toBeGreaterThanOrEqual(floorPercent);
		expect(result.rateLimited / result.sent).toBeLessThan(0.01);
	});

	// Review of 913d4c5: counting its own refused requests as in HubSpot's count, a run's share after a 429 given at once
	// did not shrink at all (2.2 % 429s before that change, 4.9 % with it, 1.9 % once refused requests are left out).
	it('four runs of 300 started 2 s apart with 1200 ms answers: no more than 3 % 429s', async () => {
		const plans = [0, 2000, 4000, 6000].map((startAt) => ({ startAt, requests: 300 }));
		const result = await runSharedWindow(new FakeClock(), plans, { window: HUBSPOT, latencyMs: 1200, counts: 'arrival' });
		expect(result.rateLimited / result.sent).toBeLessThanOrEqual(0.03);
	});
});
