/**
 * `BENCH_MEMORY_TRACE=1 npm run bench:throughput -- …`: each case process also prints, on stderr,
 * what its peak RSS was made of (V8's heap spaces, external memory and array buffers, sampled every
 * 20 ms) and when V8 made its full collections. Peak RSS is mostly what waits for the next full
 * collection; this shows where it sits (e.g. old space against array buffers) without a profiler.
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';

const mib = (bytes: number) => Math.round(bytes / 1048576);

export function traceMemory(label: string): void {
	const started = performance.now();
	const since = () => Math.round(performance.now() - started);
	let peak: Record<string, number> = { rss: 0 };
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		if (usage.rss <= peak.rss) return;
		const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name.replace(/_space$/, ''), mib(space.space_size)]));
		peak = { atMs: since(), rss: usage.rss, heapUsed: mib(usage.heapUsed), external: mib(usage.external), arrayBuffers: mib(usage.arrayBuffers), ...spaces };
	}, 20);
	sampler.unref();
	const fullCollections: string[] = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
			if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections.push(`${Math.round(entry.startTime - started)} ms`);
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	process.on('exit', () => {
		const figures = Object.entries({ ...peak, rss: mib(peak.rss) }).map(([name, value]) => `${name} ${value}`);
		process.stderr.write(`[memory] ${label}: peak ${figures.join(', ')} (MiB); full collections at ${fullCollections.join(', ') || 'none'}\n`);
	});
}
