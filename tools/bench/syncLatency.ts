/**
 * The Sync part of `npm run bench:throughput` (`--only sync`): Sync Associations over from-records in
 * mixed states (`syncStates.ts`) against the simulator answering after each latency, under HubSpot's
 * default window, vs the rate-bound optimum of the requests it needs (requests ÷ window rate + one
 * answer's latency), for Parallel Requests Auto (continue-on-fail, and stop-on-fail) and one in flight.
 * `BENCH_SYNC_TIMELINE=1` also prints each request's endpoint and when it arrived (seconds from the first).
 */
import os from 'node:os';
import { startSimulator, type HubSpotSimulator } from '../simulator';
import type { CaseKind, CaseSpec } from './throughputCase';
import { seedSyncStates, syncRequestsNeeded, syncStateDifferences } from './syncStates';

type RunCase = (sim: HubSpotSimulator, kind: CaseKind, count: number, options?: CaseSpec['options'], data?: undefined, stopOnFail?: boolean) => Promise<Record<string, unknown>>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function syncLatency(runCase: RunCase, { latencies, count, window }: { latencies: number[]; count: number; window: { max: number; intervalMs: number } }): Promise<void> {
	const needed = syncRequestsNeeded(count);
	const neededCount = Object.values(needed).reduce((sum, n) => sum + n, 0);
	console.log(`\nSync: ${count.toLocaleString('en')} from-records in mixed states, Max Removals ${count}, simulator window ${window.max} requests / ${window.intervalMs / 1000} s`);
	console.log(`Requests needed: ${JSON.stringify(needed)} = ${neededCount}`);
	for (const latencyMs of latencies) {
		for (const [name, options, stopOnFail] of [
			['auto, continue on fail', {}, false],
			['auto, stop on fail', {}, true],
			['1 in flight', { concurrency: 1 }, false],
		] as const) {
			const sim = await startSimulator({ seed: 13 });
			try {
				sim.faults.rateWindow(window);
				sim.faults.random({ rate: 1, kinds: [{ kind: 'slow', ms: latencyMs }] });
				sim.faults.lockConcurrentWrites(true);
				seedSyncStates(sim, count);
				const figures = await runCase(sim, 'sync', count, { ...options, maxRemovals: count }, undefined, stopOnFail);
				const sent = sim.requests.filter((request) => request.path.includes('/crm/associations/'));
				const optimumMs = (neededCount / window.max) * window.intervalMs + latencyMs;
				const wallMs = Number(figures.wallMs);
				const differences = syncStateDifferences(sim, count);
				// Where the time went, from the first request: the reads, the planning between them and the first write, the writes.
				const reads = sent.filter((request) => request.path.endsWith('/batch/read'));
				const writes = sent.filter((request) => !request.path.endsWith('/batch/read'));
				const start = sent[0].at;
				const since = (at: number) => seconds(at - start);
				const timeline = `reads answered by ${since(Math.max(...reads.map((r) => r.at)) + latencyMs)}, writes ${since(Math.min(...writes.map((r) => r.at)))}–${since(Math.max(...writes.map((r) => r.at)) + latencyMs)}, outside requests ${seconds(wallMs - (Math.max(...sent.map((r) => r.at)) + latencyMs - start))}`;
				if (process.env.BENCH_SYNC_TIMELINE) console.log(sent.map((request) => `${request.path.split('/').slice(-2).join('/')}@${((request.at - start) / 1000).toFixed(2)}`).join(' '));
				console.log(
					[
						`${latencyMs} ms answers, ${name}`,
						`wall ${seconds(wallMs)}`,
						`optimum ${seconds(optimumMs)}`,
						`${(wallMs / optimumMs).toFixed(2)}× optimum`,
						`${sent.length} requests`,
						`${sent.filter((request) => request.status === 429).length} × 429`,
						`${sent.filter((request) => request.status === 423).length} × 423`,
						timeline,
						JSON.stringify(figures.statuses),
						differences.length === 0 ? 'HubSpot holds what was asked' : `DIFFERS: ${differences.join('; ')}`,
						`load ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`,
					].join(' | '),
				);
			} finally {
				await sim.close();
			}
		}
	}
}
