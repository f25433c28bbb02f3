/**
 * `npm run bench:window`: executions of the node sharing one HubSpot window, each with its own
 * throttle as on n8n's queue-mode workers, in virtual time (test/harness/sharedWindow.ts: HubSpot
 * counts a request halfway to its answer and answers 429 over the window). Prints figures only.
 *
 *   npm run bench:window -- [--latency 20,100,300,800] [--gaps 3000-9500/250] [--counts halfway|arrival]
 *
 * First the scenarios of the shared-window specs (percent of the rate-bound optimum, 429s), then
 * two runs of 100 requests each with the second started at every gap in the range: mean and worst
 * of the optimum, and 429s in all, per latency. The specs hold single points of that curve.
 * `--counts arrival` has HubSpot count a request as it comes in, as the bundled simulator (and so
 * `npm run bench:ratelimit`) does, instead of halfway to its answer.
 */
import { FakeClock } from '../../test/harness/fakeClock';
import { runSharedWindow, type RunPlan } from '../../test/harness/sharedWindow';
import { HUBSPOT_WINDOW, SHARED_WINDOW_SCENARIOS } from '../../test/harness/sharedWindowScenarios';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const LATENCIES = option('latency', '20,100,300,800').split(',').map(Number);
const [gapRange, gapStep] = option('gaps', '3000-9500/250').split('/');
const [FIRST_GAP, LAST_GAP] = gapRange.split('-').map(Number);
const GAP_STEP = Number(gapStep);
const COUNTS = option('counts', 'halfway') as 'halfway' | 'arrival';

const HUBSPOT = HUBSPOT_WINDOW;

async function percentOfOptimum(plans: RunPlan[], latencyMs: number): Promise<{ percent: number; rateLimited: number; sent: number }> {
	const result = await runSharedWindow(new FakeClock(), plans, { window: HUBSPOT, latencyMs, counts: COUNTS });
	return { percent: (100 * result.optimumMs) / result.wallMs, rateLimited: result.rateLimited, sent: result.sent };
}

async function main(): Promise<void> {
	console.log(`HubSpot counts a request ${COUNTS === 'arrival' ? 'as it comes in' : 'halfway to its answer'}.`);
	console.log(`Percent of the rate-bound optimum / 429s, by answer time (${LATENCIES.map((ms) => `${ms} ms`).join(', ')}):`);
	for (const [name, plans] of Object.entries(SHARED_WINDOW_SCENARIOS)) {
		const cells: string[] = [];
		for (const latencyMs of LATENCIES) {
			const { percent, rateLimited } = await percentOfOptimum(plans, latencyMs);
			cells.push(`${percent.toFixed(1)} % / ${rateLimited}`.padEnd(14));
		}
		console.log(`  ${name.padEnd(62)} ${cells.join('')}`);
	}
	console.log(`\nTwo runs of 100, the second started ${FIRST_GAP}–${LAST_GAP} ms after the first, every ${GAP_STEP} ms:`);
	for (const latencyMs of LATENCIES) {
		const percents: number[] = [];
		let rateLimited = 0;
		let sent = 0;
		for (let gap = FIRST_GAP; gap <= LAST_GAP; gap += GAP_STEP) {
			const run = await percentOfOptimum([{ startAt: 0, requests: 100 }, { startAt: gap, requests: 100 }], latencyMs);
			percents.push(run.percent);
			rateLimited += run.rateLimited;
			sent += run.sent;
		}
		const mean = percents.reduce((sum, percent) => sum + percent, 0) / percents.length;
		const worst = Math.min(...percents);
		console.log(
			`  ${String(latencyMs).padStart(4)} ms answers: mean ${mean.toFixed(1)} %, worst ${worst.toFixed(1)} % (${(100 / worst).toFixed(2)}× the optimum), ${rateLimited} × 429 in ${sent} requests`,
		);
	}
}

void main();
