/**
 * `npm run bench:million [-- --pairs N --chunk N --slices N --workers N --concurrency N --window 100/10 --heap MiB]`: the
 * "Large imports" pattern (examples/large-import-in-chunks.json calling
 * examples/large-import-chunk.json) in the real n8n in queue mode, against the simulator under
 * one HubSpot window. A PostgreSQL table holds the pairs; each slice is one parent execution
 * that hands one chunk at a time to the sub-workflow. Prints wall time against the
 * rate-limit-bound optimum, 429s, each worker's peak RSS, and whether every pair was stored
 * exactly once; exits 1 when not. A benchmark, not a test: nothing here is timed against a goal.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { loadRunner, packTarball, root, simulatorCredential } from '../../../e2e/support/examples';
import { rateFigures } from '../../e2e/rateReport';
import { startQueueN8n, type QueueN8n } from '../../e2e/queueN8n';
import { startPostgres, startRedis, type Postgres, type Service } from '../../e2e/services';
import { startSimulator } from '../../simulator';
import { installN8n } from '../installN8n';
import { RssSampler, processPeaks } from './peakMemory';
import { exactlyOnce, millionReport } from './report';
import { HUBSPOT_CREDENTIAL, SOURCE_CREDENTIAL, WEBHOOK_PATH, exampleWorkflows, slicesOf, startSlices } from './slices';
import { createSource, pairOf, sourceCredential } from './source';
import { RequestTally, checkStored } from './tally';

const PER_REQUEST = 2_000;

function options(argv: string[]) {
	const value = (name: string, fallback: number) => {
		const at = argv.indexOf(`--${name}`);
		if (at < 0) return fallback;
		const number = Number(argv[at + 1]);
		if (!Number.isSafeInteger(number) || number < 1) throw new Error(`--${name} needs a whole number from 1, got ${argv[at + 1]}`);
		return number;
	};
	// 100 per 10 s: HubSpot's documented association burst limit on Free/Starter, and the node's default.
	const windowAt = argv.indexOf('--window');
	const [max, seconds] = windowAt < 0 ? [100, 10] : (argv[windowAt + 1] ?? '').split('/').map(Number);
	if (!(Number.isSafeInteger(max) && max > 0 && seconds > 0)) throw new Error(`--window needs REQUESTS/SECONDS, e.g. 100/10, got ${argv[windowAt + 1]}`);
	return {
		pairs: value('pairs', 1_000_000),
		chunk: value('chunk', 10_000),
		slices: value('slices', 4),
		workers: value('workers', 2),
		concurrency: value('concurrency', 2),
		window: { max, intervalMs: seconds * 1000 },
		/** MiB of V8 old space each n8n process may use (0: Node's default): does memory pile up with chunks? */
		heap: argv.includes('--heap') ? value('heap', 0) : 0,
	};
}

const say = (line: string) => process.stdout.write(`[bench:million] ${line}\n`);

async function main(): Promise<void> {
	const opts = options(process.argv.slice(2));
	const cache = installN8n();
	execFileSync('bash', [join(root, 'tools', 'e2e', 'install-queue-services.sh')], { stdio: 'inherit' });
	const workDir = mkdtempSync(join(tmpdir(), 'bench-million-'));
	const sim = await startSimulator({ seed: 23 });
	let redis: Service | undefined;
	let postgres: Postgres | undefined;
	let n8n: QueueN8n | undefined;
	try {
		say('packing the package, starting Redis and PostgreSQL');
		const tarball = packTarball(workDir);
		[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		say(`filling the source table with ${opts.pairs.toLocaleString('en-US')} pairs`);
		createSource(postgres, opts.pairs);
		const userFolder = join(workDir, 'user');
		const { installCommunityTarball } = await loadRunner();
		await installCommunityTarball(userFolder, tarball, { env: { ...process.env, PATH: `${join(cache, 'node', 'bin')}:${process.env.PATH ?? ''}` } });
		say(`starting n8n: main + ${opts.workers} workers × ${opts.concurrency} jobs`);
		// Read by every n8n process started from here on (queueN8n passes this process's env on).
		if (opts.heap) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${opts.heap}`.trim();
		n8n = await startQueueN8n({
			cache,
			userFolder,
			redis,
			postgres,
			workers: opts.workers,
			concurrency: opts.concurrency,
			credentials: [simulatorCredential(sim, HUBSPOT_CREDENTIAL, sim.issueToken()), sourceCredential(postgres, SOURCE_CREDENTIAL)],
			workflows: exampleWorkflows(Math.round((opts.window.max * 10_000) / opts.window.intervalMs)),
			webhookPaths: [WEBHOOK_PATH],
		});

		const slices = slicesOf(opts.pairs, opts.slices, opts.chunk);
		say(`starting ${slices.length} slices at once, window ${opts.window.max} requests / ${opts.window.intervalMs / 1000} s`);
		const tally = new RequestTally(sim, opts.pairs);
		sim.faults.rateWindow(opts.window);
		const sampler = new RssSampler(n8n.workers.map((worker) => worker.child.pid!));
		tally.start();
		sampler.start();
		const started = Date.now();
		const answers = await startSlices(n8n.url, slices, opts.chunk);
		const wallMs = Date.now() - started;
		tally.stop();
		sampler.stop();
		const quarters = sampler.byQuarter(started, started + wallMs);

		const peaks = n8n.workers.map((worker) => processPeaks(worker.child.pid!));
		const otherRequests: Record<string, number> = {};
		for (const request of tally.requests) if (request.kind !== 'associations/batch/create') otherRequests[request.kind] = (otherRequests[request.kind] ?? 0) + 1;
		say('checking every pair in the simulator');
		const run = {
			pairs: opts.pairs,
			setup: `chunks of ${opts.chunk.toLocaleString('en-US')} rows, ${slices.length} slices on ${opts.workers} workers × ${opts.concurrency} jobs, window ${opts.window.max} / ${opts.window.intervalMs / 1000} s${opts.heap ? `, V8 old space capped at ${opts.heap} MiB` : ''}`,
			figures: rateFigures(tally.requests, {
				kind: 'associations/batch/create',
				needed: Math.ceil(opts.pairs / PER_REQUEST),
				ratePerSecond: (opts.window.max * 1000) / opts.window.intervalMs,
				wallMs,
			}),
			otherRequests,
			answers,
			started,
			workers: n8n.workers.map((worker, index) => ({
				name: worker.name,
				executions: (worker.log().match(/Worker started execution/g) ?? []).length,
				peakMiB: peaks[index].ownMiB,
				taskRunnerPeakMiB: peaks[index].childrenMiB,
				rssByQuarterMiB: quarters[index],
			})),
			mainPeakMiB: processPeaks(n8n.main.child.pid!).ownMiB,
			stored: checkStored(sim, tally, pairOf),
			foreign: tally.foreign,
			load: loadavg().map((value) => value.toFixed(1)).join(' / '),
		};
		process.stdout.write(millionReport(run));
		if (!exactlyOnce(run)) process.exitCode = 1;
	} finally {
		await n8n?.stop();
		await Promise.all([redis?.stop(), postgres?.stop()]);
		await sim.close();
		rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
