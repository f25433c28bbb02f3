/**
 * Rate-limit benchmark: the simulator enforces `rate` requests per second and the node runs
 * on n8n's real engine with real sleeps. Prints figures only.
 *
 *   npx tsx tools/bench/ratelimit.ts [--items 20000] [--batch 100] [--rate 10] [--window-ms 1000] [--latency 0]
 *     [--only single|concurrent|following] [--timeline] [--cold-requests]
 *
 * `--window-ms 10000` enforces the same rate as HubSpot does, over 10 s (100 per 10 s); `--latency`
 * makes the simulator answer each request that many ms late. `following`: two executions on
 * separate workers (separate processes, `ratelimitWorker.ts`, so separate throttles and event
 * loops, one window), the second started 2 s before the first would end at the optimum ("back to
 * back"), then 5 s after the first. Each worker has loaded n8n before the clock starts and warmed
 * up as a long-lived worker has: a dry run of its items, and one request to a simulator of its own
 * (`--cold-requests`: the dry run only, so the measured run pays for the first credential read and
 * HTTP connection of the process, ~0.1 s). `--timeline` prints each execution's requests per half
 * second (`x` a 429), to see where the time went.
 */
import './preferTypeScript';
import '../../test/setup-env';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { batchCreateParameters, runNode, simulatorCredentials, type RunResult } from '../../test/harness/runWorkflow';
import { startSimulator, type HubSpotSimulator } from '../simulator';
import { pairs, workerResult, type Pair, type WorkerResult, type WorkerSpec } from './ratelimitWorker';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const ITEMS = Number(option('items', '20000'));
const BATCH_SIZE = Number(option('batch', '100'));
const RATE_PER_SECOND = Number(option('rate', '10'));
const WINDOW_MS = Number(option('window-ms', '1000'));
const ONLY = option('only', 'all');
const LATENCY_MS = Number(option('latency', '0'));
const TIMELINE = args.includes('--timeline');
/** `--cold-requests`: workers warm up with a dry run only, their first request of all in the measured run (as before 2026-12-07). */
const WARM_UP_REQUEST = !args.includes('--cold-requests');

async function execute(sim: HubSpotSimulator, items: Pair[]): Promise<RunResult> {
	return await runNode({
		items: items as never,
		parameters: batchCreateParameters({ options: { batchSize: BATCH_SIZE } }),
		credentials: simulatorCredentials(sim),
		onError: 'continueRegularOutput',
	});
}

/** Items whose output is missing, unpaired, failed, or claimed created but absent from HubSpot. */
function lostItems(sim: HubSpotSimulator, items: Pair[], result: WorkerResult): number {
	let lost = Math.max(0, items.length - result.items.length);
	result.items.forEach(([pairedIndex, status], i) => {
		const pair = items[i];
		const created = status === 'created' && pair !== undefined;
		const exists = created && sim.state.associationsBetween('0-1', pair.contactId, '0-2', pair.companyId).length > 0;
		if (pairedIndex !== i || !exists) lost++;
	});
	return lost + (result.failed ? 1 : 0);
}

/** A worker process with n8n loaded: `run()` starts its execution and resolves with what it output. */
async function startWorker(spec: WorkerSpec): Promise<{ run: () => Promise<WorkerResult> }> {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'ratelimitWorker.ts')], {
		env: { ...process.env, BENCH_WORKER: JSON.stringify(spec) },
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	// n8n prints notices of its own on stdout: only `ready` and the result line are the worker's.
	let out = '';
	const waiting: Array<{ matches: (line: string) => boolean; resolve: (line: string) => void }> = [];
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
		for (let end = out.indexOf('\n'); end >= 0; end = out.indexOf('\n')) {
			const line = out.slice(0, end);
			out = out.slice(end + 1);
			if (waiting[0]?.matches(line)) waiting.shift()!.resolve(line);
		}
	});
	const lineThat = (matches: (line: string) => boolean) => new Promise<string>((resolve) => waiting.push({ matches, resolve }));
	await lineThat((line) => line === 'ready');
	return {
		run: async () => {
			const result = lineThat((line) => line.startsWith('{"items"'));
			child.stdin.end('go\n');
			return JSON.parse(await result) as WorkerResult;
		},
	};
}

/** When each execution starts, and whether each has a worker (a throttle) of its own. */
interface Start {
	delaysMs?: number[];
	separateWorkers?: boolean;
}

async function scenario(name: string, executions: number, start: Start = {}): Promise<void> {
	const sim = await startSimulator({ seed: 7 });
	// Workers send their warm-up request here, outside the measured window.
	const warmUpSim = start.separateWorkers ? await startSimulator({ seed: 8 }) : undefined;
	try {
		sim.faults.rateWindow({ max: Math.round((RATE_PER_SECOND * WINDOW_MS) / 1000), intervalMs: WINDOW_MS });
		if (LATENCY_MS > 0) sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: LATENCY_MS }] });
		const perExecution = Math.ceil(ITEMS / executions);
		const inputs = Array.from({ length: executions }, (_, e) => pairs(e * perExecution, Math.min(perExecution, ITEMS - e * perExecution)));
		const planned = inputs.reduce((sum, items) => sum + Math.ceil(items.length / BATCH_SIZE), 0);

		const workers = start.separateWorkers
			? await Promise.all(
					inputs.map((items, e) => {
						const { accessToken, refreshToken } = sim.issueToken();
						const account = { ...sim.oauthClient, accessToken, refreshToken };
						const warmUpToken = warmUpSim!.issueToken();
						const warmUp = { baseUrl: warmUpSim!.baseUrl, account: { ...warmUpSim!.oauthClient, accessToken: warmUpToken.accessToken, refreshToken: warmUpToken.refreshToken } };
						return startWorker({ start: e * perExecution, count: items.length, batchSize: BATCH_SIZE, baseUrl: sim.baseUrl, account, ...(WARM_UP_REQUEST ? { warmUp } : {}) });
					}),
				)
			: undefined;
		const started = Date.now();
		const results = await Promise.all(
			inputs.map(async (items, e) => {
				await new Promise((wake) => setTimeout(wake, start.delaysMs?.[e] ?? 0));
				return workers ? await workers[e].run() : workerResult(await execute(sim, items));
			}),
		);
		const wallMs = Date.now() - started;

		const sent = sim.requests.filter((request) => request.kind === 'associations/batch/create');
		const rateLimited = sent.filter((request) => request.status === 429).length;
		const sendSpanMs = sent.length > 0 ? sent[sent.length - 1].at - sent[0].at : 0;
		const optimumMs = (planned / RATE_PER_SECOND) * 1000;
		const lost = results.reduce((sum, result, e) => sum + lostItems(sim, inputs[e], result), 0);
		const figures = {
			scenario: name,
			items: ITEMS,
			batchSize: BATCH_SIZE,
			ratePerSecond: RATE_PER_SECOND,
			windowMs: WINDOW_MS,
			latencyMs: LATENCY_MS,
			startsMs: start.delaysMs,
			requestsNeeded: planned,
			requestsSent: sent.length,
			wallSeconds: +(wallMs / 1000).toFixed(2),
			sendSpanSeconds: +(sendSpanMs / 1000).toFixed(2),
			beforeFirstSendSeconds: +((sent.length > 0 ? sent[0].at - started : 0) / 1000).toFixed(2),
			afterLastSendSeconds: +((sent.length > 0 ? started + wallMs - sent[sent.length - 1].at : 0) / 1000).toFixed(2),
			optimumSeconds: +(optimumMs / 1000).toFixed(2),
			percentOfOptimum: +((100 * optimumMs) / wallMs).toFixed(1),
			sendPhasePercentOfOptimum: +((100 * optimumMs) / Math.max(1, sendSpanMs)).toFixed(1),
			share429Percent: +((100 * rateLimited) / Math.max(1, sent.length)).toFixed(2),
			responses429: rateLimited,
			retries: sent.length - planned,
			lost,
		};
		process.stdout.write(`${JSON.stringify(figures)}\n`);
		if (TIMELINE) printTimeline(sent, started, perExecution);
	} finally {
		await sim.close();
		await warmUpSim?.close();
	}
}

/** `--timeline`: each execution's requests per half second from the clock's start, `x` for each 429 among them. */
function printTimeline(sent: HubSpotSimulator['requests'], started: number, perExecution: number): void {
	const rows = new Map<number, Array<{ count: number; rateLimited: number }>>();
	for (const request of sent) {
		const firstFrom = (request.body as { inputs?: Array<{ from?: { id?: string } }> }).inputs?.[0]?.from?.id;
		const execution = Math.floor((Number(firstFrom) - 1) / perExecution);
		const slot = Math.floor((request.at - started) / 500);
		const row = rows.get(execution) ?? [];
		row[slot] ??= { count: 0, rateLimited: 0 };
		row[slot].count++;
		if (request.status === 429) row[slot].rateLimited++;
		rows.set(execution, row);
	}
	for (const [execution, row] of [...rows].sort(([a], [b]) => a - b)) {
		const cells = Array.from(row, (cell) => `${cell?.count ?? 0}${'x'.repeat(cell?.rateLimited ?? 0)}`.padStart(3));
		process.stdout.write(`execution ${execution + 1}, requests per 0.5 s: ${cells.join('')}\n`);
	}
}

async function main(): Promise<void> {
	if (ONLY === 'all' || ONLY === 'single') await scenario('single execution', 1);
	if (ONLY === 'all' || ONLY === 'concurrent') await scenario('4 concurrent executions', 4);
	if (ONLY === 'all' || ONLY === 'following') {
		// Each of the two executions alone takes its half of the requests ÷ rate at the optimum.
		const aloneMs = (Math.ceil(ITEMS / 2 / BATCH_SIZE) / RATE_PER_SECOND) * 1000;
		await scenario('back to back on two workers', 2, { delaysMs: [0, Math.max(0, aloneMs - 2000)], separateWorkers: true });
		await scenario('5 s apart on two workers', 2, { delaysMs: [0, 5000], separateWorkers: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
