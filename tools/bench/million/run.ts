/**
 * `npm run bench:million [-- --pairs N --chunk N --slices N --workers N --concurrency N]`: the
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
import { processPeaks } from './peakMemory';
import { exactlyOnce, millionReport } from './report';
import { HUBSPOT_CREDENTIAL, SOURCE_CREDENTIAL, WEBHOOK_PATH, exampleWorkflows, slicesOf, startSlices } from './slices';
import { createSource, pairOf, sourceCredential } from './source';
import { RequestTally, checkStored } from './tally';

/** HubSpot's documented association burst limit on Free/Starter, and the node's default. */
const WINDOW = { max: 100, intervalMs: 10_000 };
const PER_REQUEST = 2_000;

function options(argv: string[]) {
	const value = (name: string, fallback: number) => {
		const at = argv.indexOf(`--${name}`);
		if (at < 0) return fallback;
		const number = Number(argv[at + 1]);
		if (!Number.isSafeInteger(number) || number < 1) throw new Error(`--${name} needs a whole number from 1, got ${argv[at + 1]}`);
		return number;
	};
	return { pairs: value('pairs', 1_000_000), chunk: value('chunk', 10_000), slices: value('slices', 4), workers: value('workers', 2), concurrency: value('concurrency', 2) };
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
		n8n = await startQueueN8n({
			cache,
			userFolder,
			redis,
			postgres,
			workers: opts.workers,
			concurrency: opts.concurrency,
			credentials: [simulatorCredential(sim, HUBSPOT_CREDENTIAL, sim.issueToken()), sourceCredential(postgres, SOURCE_CREDENTIAL)],
			workflows: exampleWorkflows(),
			webhookPaths: [WEBHOOK_PATH],
		});

		const slices = slicesOf(opts.pairs, opts.slices, opts.chunk);
		say(`starting ${slices.length} slices at once, window ${WINDOW.max} requests / ${WINDOW.intervalMs / 1000} s`);
		const tally = new RequestTally(sim, opts.pairs);
		sim.faults.rateWindow(WINDOW);
		tally.start();
		const started = Date.now();
		const answers = await startSlices(n8n.url, slices, opts.chunk);
		const wallMs = Date.now() - started;
		tally.stop();

		const peaks = n8n.workers.map((worker) => processPeaks(worker.child.pid!));
		const otherRequests: Record<string, number> = {};
		for (const request of tally.requests) if (request.kind !== 'associations/batch/create') otherRequests[request.kind] = (otherRequests[request.kind] ?? 0) + 1;
		say('checking every pair in the simulator');
		const run = {
			pairs: opts.pairs,
			setup: `chunks of ${opts.chunk.toLocaleString('en-US')} rows, ${slices.length} slices on ${opts.workers} workers × ${opts.concurrency} jobs, window ${WINDOW.max} / ${WINDOW.intervalMs / 1000} s`,
			figures: rateFigures(tally.requests, {
				kind: 'associations/batch/create',
				needed: Math.ceil(opts.pairs / PER_REQUEST),
				ratePerSecond: (WINDOW.max * 1000) / WINDOW.intervalMs,
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
