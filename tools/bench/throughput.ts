/**
 * `npm run bench:throughput`: how close the node gets to HubSpot's rate, and what it costs on top of
 * the work itself. Prints figures only; nothing here is a pass/fail test.
 *
 *   npm run bench:throughput -- [--only latency|sync|cost] [--latency 800,100] [--items 100000] [--sizes 10000,100000,500000]
 *                               [--data distinct,companies,linkedCompanies] [--reported-window 190] [--heap-limit 8192] [--repeat 1]
 *                               [--sync-records 10000]
 *
 * Latency: N items with default options against the simulator answering after 800 ms (and 100 ms),
 * under HubSpot's default window (100 requests per 10 s), vs the rate-bound optimum (requests ÷ window
 * rate + one answer's latency) and vs one request in flight; 429s and 423s counted by the simulator,
 * which locks the records of a write while it is handled (`faults.lockConcurrentWrites`). Data
 * (`sharedRecords.ts`): `distinct` pairs (5 contacts per company, in company blocks), contacts of
 * 5,000 `companies` spread over the input, and `linkedCompanies`, where one contact in ten also
 * works for a second company.
 *
 * Sync (`syncLatency.ts`): Sync Associations over 10,000 from-records in mixed states (`syncStates.ts`), same window
 * and latencies, vs the rate-bound optimum of the requests it needs, with continue-on-fail and without.
 *
 * Cost: at each size, pacing taken out (requestsPerTenSeconds 1000), each case in its own process so
 * its peak RSS is its own: the node, the floor node (no I/O, `floor.ts`) and a plain fetch client
 * posting the same chunks; then continue-on-fail with 1 % failing and Batch Get, at 100,000.
 * The simulator reports (and enforces) a 1000-per-10 s window in its rate headers, so no case is paced:
 * the node follows those headers and the raw client ignores them. `--reported-window 190` gives HubSpot's
 * usual report, under which the node spaces 100 requests (Batch Get at 100,000) over about 5 s.
 * Each case also reports its process's CPU time, which a loaded machine hardly moves.
 * `--heap-limit` is each case process's V8 heap limit in MiB (`--max-old-space-size`, default 8192):
 * peak RSS is mostly what waits for V8's next full collection, which a larger limit puts off, so
 * `--heap-limit 1024` shows the peaks of a container-sized heap.
 * `--repeat N` runs the cost cases N times over and ends with each ratio's median and range: peak RSS
 * moves by ±15 MiB between runs of one case (when V8 happens to collect), so one run can mislead.
 * `BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles every case process;
 * `BENCH_MEMORY_TRACE=1` has each print what its peak RSS was made of (memoryTrace.ts).
 */
import './preferTypeScript';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type HubSpotSimulator } from '../simulator';
import type { LatencyData } from './sharedRecords';
import { syncLatency } from './syncLatency';
import type { CaseKind, CaseSpec } from './throughputCase';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const numbers = (text: string) => text.split(',').map(Number).filter((n) => n > 0);
const ONLY = option('only', 'all');
const LATENCIES = numbers(option('latency', '800,100'));
const LATENCY_ITEMS = Number(option('items', '100000'));
const SIZES = numbers(option('sizes', '10000,100000,500000'));
const LATENCY_DATA = option('data', 'distinct,companies,linkedCompanies').split(',') as LatencyData[];
/** Requests per 10 s the simulator reports and enforces in the cost cases. */
const REPORTED_WINDOW = Number(option('reported-window', '1000'));
const HEAP_LIMIT_MIB = Number(option('heap-limit', '8192'));
const REPEAT = Math.max(1, Number(option('repeat', '1')));
const SYNC_RECORDS = Number(option('sync-records', '10000'));
const HUBSPOT_WINDOW = { max: 100, intervalMs: 10_000 };
const BATCH_CREATE_SIZE = 2000;

type Figures = Record<string, number | string | Record<string, number>> & { executeMs: number; cpuMs: number; peakRssMiB: number };

const load = () => `load ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
/** CPU time of the case processes: unlike execute time, it hardly moves with the machine's load. */
const cpu = (node: Figures, floor: Figures, raw: Figures) =>
	`CPU ${seconds(node.cpuMs)} vs ${seconds(floor.cpuMs)} + ${seconds(raw.cpuMs)}, ${ratio(node.cpuMs, floor.cpuMs + raw.cpuMs)}`;

/** The simulator reports its window in its headers, which the node follows: each case starts on an empty one. */
const WINDOW_DRAIN_MS = 10_000;

export async function runCase(sim: HubSpotSimulator, kind: CaseKind, count: number, options?: CaseSpec['options'], data?: LatencyData, stopOnFail?: boolean): Promise<Figures> {
	if (kind !== 'floor') await new Promise((resolve) => setTimeout(resolve, WINDOW_DRAIN_MS));
	const { accessToken, refreshToken } = sim.issueToken({ expiresInSeconds: 24 * 3600 });
	const spec: CaseSpec = { kind, count, baseUrl: sim.baseUrl, account: { ...sim.oauthClient, accessToken, refreshToken }, options, data, stopOnFail };
	const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MIB}`, ...flags, '--import', 'tsx', path.join(__dirname, 'throughputCase.ts')], {
		env: { ...process.env, BENCH_CASE: JSON.stringify(spec) },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const line = out.trim().split('\n').pop() ?? '';
	if (code !== 0 || !line.startsWith('{')) throw new Error(`bench case ${kind} ${count} failed (exit ${code})`);
	return JSON.parse(line) as Figures;
}

/** Requests of one endpoint the simulator saw since the last call, by status; forgets them. */
function takeRequests(sim: HubSpotSimulator, action: string) {
	const sent = sim.requests.filter((request) => request.path.endsWith(action));
	sim.requests.length = 0;
	const byStatus = (status: number) => sent.filter((request) => request.status === status).length;
	return { count: sent.length, rateLimited: byStatus(429), locked: byStatus(423) };
}

async function latency() {
	console.log(`\nLatency: ${LATENCY_ITEMS.toLocaleString('en')} items, default options, simulator window ${HUBSPOT_WINDOW.max} requests / ${HUBSPOT_WINDOW.intervalMs / 1000} s`);
	for (const latencyMs of LATENCIES) {
		for (const data of LATENCY_DATA) {
			for (const [name, options] of [
				['default', {}],
				['1 in flight', { concurrency: 1 }],
			] as const) {
				const sim = await startSimulator({ seed: 13 });
				try {
					sim.faults.rateWindow(HUBSPOT_WINDOW);
					sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: latencyMs }] });
					sim.faults.lockConcurrentWrites(true);
					const figures = await runCase(sim, 'latency', LATENCY_ITEMS, options, data);
					const sent = takeRequests(sim, '/batch/create');
					const requests = Math.ceil(LATENCY_ITEMS / BATCH_CREATE_SIZE);
					const optimumMs = (requests / HUBSPOT_WINDOW.max) * HUBSPOT_WINDOW.intervalMs + latencyMs;
					console.log(
						[
							`${latencyMs} ms answers, ${data}, ${name}`,
							`wall ${seconds(Number(figures.wallMs))}`,
							`optimum ${seconds(optimumMs)}`,
							`${ratio(Number(figures.wallMs), optimumMs)} optimum`,
							`${sent.count} requests`,
							`${sent.rateLimited} × 429`,
							`${sent.locked} × 423`,
							`${JSON.stringify(figures.statuses)}`,
							`${load()}`,
						].join(' | '),
					);
				} finally {
					await sim.close();
				}
			}
		}
	}
}

/** Each cost case's ratios over the runs of `--repeat`: [time × (floor + raw), RSS × floor]. */
const ratios = new Map<string, Array<[number, number]>>();
const record = (label: string, node: Figures, floor: Figures, raw: Figures) =>
	ratios.set(label, [...(ratios.get(label) ?? []), [node.executeMs / (floor.executeMs + raw.executeMs), node.peakRssMiB / floor.peakRssMiB]]);
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function printMedians() {
	console.log(`\nMedians over ${REPEAT} runs (range in brackets):`);
	const spread = (values: number[]) => `${median(values).toFixed(2)}× (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
	for (const [label, runs] of ratios) {
		console.log(`${label} | time ${spread(runs.map(([time]) => time))} (floor + raw) | RSS ${spread(runs.map(([, rss]) => rss))} floor`);
	}
}

async function cost() {
	console.log(`\nCost: pacing taken out (requestsPerTenSeconds 1000), simulator reporting ${REPORTED_WINDOW} requests / 10 s, each case in its own process with a ${HEAP_LIMIT_MIB} MiB heap limit`);
	const sim = await startSimulator({ seed: 13 });
	try {
		sim.faults.rateWindow({ max: REPORTED_WINDOW, intervalMs: 10_000 });
		for (const count of SIZES) {
			const floor = await runCase(sim, 'floor', count);
			const node = await runCase(sim, 'node', count);
			const sent = takeRequests(sim, '/batch/create');
			const raw = await runCase(sim, 'raw', count);
			takeRequests(sim, '/batch/create');
			const unique = Math.min(count, 500_000);
			record(`${count.toLocaleString('en')} items`, node, floor, raw);
			console.log(
				[
					`${count.toLocaleString('en')} items`,
					`node ${seconds(node.executeMs)} / ${node.peakRssMiB} MiB`,
					`floor node ${seconds(floor.executeMs)} / ${floor.peakRssMiB} MiB`,
					`raw client ${seconds(raw.executeMs)}`,
					`time ${ratio(node.executeMs, floor.executeMs + raw.executeMs)} (floor + raw)`,
					cpu(node, floor, raw),
					`RSS ${ratio(node.peakRssMiB, floor.peakRssMiB)} floor`,
					`${(((node.peakRssMiB - floor.peakRssMiB) * 1024) / count).toFixed(2)} KiB/item over floor`,
					`${sent.count} requests (ceil(pairs/2000) = ${Math.ceil(unique / BATCH_CREATE_SIZE)})`,
					`${JSON.stringify(node.statuses)}`,
					load(),
				].join(' | '),
			);
		}
		const failing = await runCase(sim, 'nodeFailing', 100_000);
		const failingSent = takeRequests(sim, '/batch/create');
		const floor = await runCase(sim, 'floor', 100_000);
		const raw = await runCase(sim, 'raw', 100_000);
		takeRequests(sim, '/batch/create');
		record('100,000 items, continue on fail, 1 % failing', failing, floor, raw);
		console.log(
			[
				'100,000 items, continue on fail, 1 % failing',
				`node ${seconds(failing.executeMs)} / ${failing.peakRssMiB} MiB`,
				`time ${ratio(failing.executeMs, floor.executeMs + raw.executeMs)} (floor + raw)`,
				cpu(failing, floor, raw),
				`RSS ${ratio(failing.peakRssMiB, floor.peakRssMiB)} floor`,
				`${failingSent.count} requests`,
				`${JSON.stringify(failing.statuses)}`,
				load(),
			].join(' | '),
		);
		const read = await runCase(sim, 'read', 100_000);
		const readSent = takeRequests(sim, '/batch/read');
		const readFloor = await runCase(sim, 'readFloor', 100_000);
		const readRaw = await runCase(sim, 'readRaw', 100_000);
		takeRequests(sim, '/batch/read');
		record('Batch Get, 100,000 from-records', read, readFloor, readRaw);
		console.log(
			[
				'Batch Get, 100,000 from-records',
				`node ${seconds(read.executeMs)} / ${read.peakRssMiB} MiB`,
				`floor node ${seconds(readFloor.executeMs)} / ${readFloor.peakRssMiB} MiB`,
				`raw client ${seconds(readRaw.executeMs)}`,
				`time ${ratio(read.executeMs, readFloor.executeMs + readRaw.executeMs)} (floor + raw)`,
				cpu(read, readFloor, readRaw),
				`RSS ${ratio(read.peakRssMiB, readFloor.peakRssMiB)} floor`,
				`${readSent.count} requests`,
				load(),
			].join(' | '),
		);
	} finally {
		await sim.close();
	}
}

async function main() {
	const cpus = os.cpus();
	console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1073741824)} GiB, Node ${process.version}, ${load()}`);
	if (ONLY === 'all' || ONLY === 'latency') await latency();
	if (ONLY === 'all' || ONLY === 'sync') await syncLatency(runCase, { latencies: LATENCIES, count: SYNC_RECORDS, window: HUBSPOT_WINDOW });
	if (ONLY === 'all' || ONLY === 'cost') {
		for (let run = 0; run < REPEAT; run++) await cost();
		if (REPEAT > 1) printMedians();
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
