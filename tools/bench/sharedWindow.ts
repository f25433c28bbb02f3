/**
 * `npm run bench:window`: executions of the node sharing one HubSpot window, each with its own
 * throttle as on n8n's queue-mode workers, in virtual time (test/harness/sharedWindow.ts: HubSpot
 * counts a request halfway to its answer and answers 429 over the window). Prints figures only.
 *
 *   npm run bench:window -- [--latency 20,100,300,800] [--gaps 3000-9500/250]
 *
 * First the scenarios of the shared-window specs (percent of the rate-bound optimum, 429s), then
 * two runs of 100 requests each with the second started at every gap in the range: mean and worst
 * of the optimum, and 429s in all, per latency. The specs hold single points of that curve.
 */
import { FakeClock } from '../../test/harness/fakeClock';
import { runSharedWindow, type RunPlan } from '../../test/harness/sharedWindow';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const LATENCIES = option('latency', '20,100,300,800').split(',').map(Number);
const [gapRange, gapStep] = option('gaps', '3000-9500/250').split('/');
const [FIRST_GAP, LAST_GAP] = gapRange.split('-').map(Number);
const GAP_STEP = Number(gapStep);

const HUBSPOT = { max: 100, intervalMs: 10_000 };
const four = (starts: number[], extra: Partial<RunPlan> = {}, process?: (i: number) => number) =>
	starts.map((startAt, i) => ({ startAt, requests: 100, ...extra, ...(process ? { process: process(i) } : {}) }));

const SCENARIOS: Array<[string, RunPlan[]]> = [
	['four at once', four([0, 0, 0, 0])],
	['four started 300 ms apart', four([0, 300, 600, 900])],
	['four started 2 s apart', four([0, 2000, 4000, 6000])],
	['four as webhook executions reach two workers', four([0, 150, 700, 1100])],
	['the same on two workers running two jobs each', four([0, 150, 700, 1100], {}, (i) => i % 2)],
	['two workers held 1.5 s by each finishing execution', four([0, 150, 700, 1100], { finishingMs: 1500 }, (i) => i % 2)],
	['four in one n8n process, 2 s apart', four([0, 2000, 4000, 6000], {}, () => 0)],
	['unequal work: 200, 100, 50, 50', [200, 100, 50, 50].map((requests, i) => ({ startAt: i * 100, requests }))],
	['back to back, the second 2 s before the first ends', [{ startAt: 0, requests: 100 }, { startAt: 8000, requests: 100 }]],
	['two runs started 5 s apart', [{ startAt: 0, requests: 100 }, { startAt: 5000, requests: 100 }]],
	['a late starter joining two busy runs', [{ startAt: 0, requests: 150 }, { startAt: 0, requests: 150 }, { startAt: 12_000, requests: 100 }]],
	['eight at once', Array.from({ length: 8 }, (_, i) => ({ startAt: i * 50, requests: 50 }))],
	['one run of 100', [{ startAt: 0, requests: 100 }]],
	['one run of 500', [{ startAt: 0, requests: 500 }]],
];

async function percentOfOptimum(plans: RunPlan[], latencyMs: number): Promise<{ percent: number; rateLimited: number; sent: number }> {
	const result = await runSharedWindow(new FakeClock(), plans, { window: HUBSPOT, latencyMs });
	return { percent: (100 * result.optimumMs) / result.wallMs, rateLimited: result.rateLimited, sent: result.sent };
}

async function main(): Promise<void> {
	console.log(`Percent of the rate-bound optimum / 429s, by answer time (${LATENCIES.map((ms) => `${ms} ms`).join(', ')}):`);
	for (const [name, plans] of SCENARIOS) {
		const cells: string[] = [];
		for (const latencyMs of LATENCIES) {
			const { percent, rateLimited } = await percentOfOptimum(plans, latencyMs);
			cells.push(`${percent.toFixed(1)} % / ${rateLimited}`.padEnd(14));
		}
		console.log(`  ${name.padEnd(52)} ${cells.join('')}`);
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
