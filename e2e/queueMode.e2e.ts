/**
 * `npm run test:e2e`, queue mode: Redis and PostgreSQL (Debian's, private instances on free
 * ports), the real n8n as `n8n start` (main) plus two `n8n worker` processes sharing one installed
 * copy of the package, and four executions started at once through a webhook, all sharing one
 * simulator rate window. Prints requests, 429s and wall time against the rate-limit-bound optimum.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WEBHOOK_PATH, fireExecutions, queueWorkflow, rowsFor, type ExecutionAnswer } from '../tools/e2e/queueLoad';
import { startQueueN8n, type QueueN8n } from '../tools/e2e/queueN8n';
import { describeFigures, rateFigures } from '../tools/e2e/rateReport';
import { startPostgres, startRedis, type Postgres, type Service } from '../tools/e2e/services';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { loadRunner, packTarball, root, simulatorCredential } from './support/examples';

const EXECUTIONS = 4;
const ROWS_PER_EXECUTION = 2_000;
/** Small batches: 400 requests, so the shared rate limit, not n8n's own work, sets the pace. */
const BATCH_SIZE = 20;
/** HubSpot's burst limit on Free/Starter: 100 requests per rolling 10 s. */
const WINDOW = { max: 100, intervalMs: 10_000 };
const CREDENTIAL = { id: 'hubspotQueueSim01', name: 'HubSpot (simulator, queue mode)' };

const cache = process.env.N8N_E2E_CACHE ?? join(process.env.HOME ?? tmpdir(), '.cache', 'n8n-hubspot-e2e');
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-e2e-queue-'));
let sim: HubSpotSimulator;
let redis: Service | undefined;
let postgres: Postgres | undefined;
let n8n: QueueN8n | undefined;

before(async () => {
	execFileSync('bash', [join(root, 'tools', 'e2e', 'install-queue-services.sh')], { stdio: 'inherit' });
	const tarball = packTarball(workDir);
	sim = await startSimulator({ seed: 7 });
	[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
	const userFolder = join(workDir, 'user');
	const { installCommunityTarball } = await loadRunner();
	await installCommunityTarball(userFolder, tarball, { env: { ...process.env, PATH: `${join(cache, 'node', 'bin')}:${process.env.PATH ?? ''}` } });
	n8n = await startQueueN8n({
		cache,
		userFolder,
		redis,
		postgres,
		workers: 2,
		// Two jobs per worker: four executions cannot all land on one worker.
		concurrency: 2,
		credentials: [simulatorCredential(sim, CREDENTIAL, sim.issueToken())],
		workflows: [queueWorkflow(CREDENTIAL, BATCH_SIZE)],
		webhookPaths: [WEBHOOK_PATH],
	});
});

after(async () => {
	await n8n?.stop();
	await Promise.all([redis?.stop(), postgres?.stop()]);
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

/** Every row's result: created, paired to its own row (through n8n's paired items). */
function checkAnswer(answer: ExecutionAnswer): void {
	assert.equal(answer.status, 200, `execution at offset ${answer.offset} answered ${answer.status}: ${answer.body.slice(0, 500)}`);
	const rows = rowsFor(answer.offset, answer.count);
	assert.equal(answer.items.length, rows.length, 'one result per row');
	for (const [index, item] of answer.items.entries()) {
		const row = rows[index];
		assert.equal(item.error, undefined, `row ${answer.offset + index} failed: ${String(item.error)}`);
		assert.equal(item.status, 'created');
		assert.deepEqual(item.row, row, `result ${index} is paired to its row`);
		assert.deepEqual([item.fromObjectId, item.toObjectId], [row.contactId, row.companyId], `result ${index} is about its row`);
	}
}

/** Per execution (told apart by their rows' contact ids): when it sent, its requests and their median spacing. */
function pacePerExecution(requests: HubSpotSimulator['requests']): string {
	const start = requests[0]?.at ?? 0;
	const times: number[][] = Array.from({ length: EXECUTIONS }, () => []);
	for (const request of requests) {
		const first = (request.body as { inputs?: Array<{ from: { id: string } }> } | undefined)?.inputs?.[0];
		if (request.kind === 'associations/batch/create' && first) times[Math.floor((Number(first.from.id) - 1) / ROWS_PER_EXECUTION)]?.push(request.at);
	}
	return times
		.map((at) => {
			const gaps = at.slice(1).map((time, index) => time - at[index]).sort((a, b) => a - b);
			const span = at.length ? `${((at[0] - start) / 1000).toFixed(1)}–${((at[at.length - 1] - start) / 1000).toFixed(1)} s` : 'none';
			return `${span}: ${at.length} requests, median gap ${gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0} ms`;
		})
		.join('; ');
}

/** Every request as [ms after `started`, execution index (-1 for requests other than batch creates), status, kind]. */
function timeline(requests: HubSpotSimulator['requests'], started: number): Array<[number, number, number, string]> {
	return requests.map((request) => {
		const first = request.kind === 'associations/batch/create' ? (request.body as { inputs: Array<{ from: { id: string } }> }).inputs[0] : undefined;
		return [request.at - started, first ? Math.floor((Number(first.from.id) - 1) / ROWS_PER_EXECUTION) : -1, request.status, request.kind];
	});
}

/** Executions each worker process logged as started. */
function executionsPerWorker(queue: QueueN8n): number[] {
	return queue.workers.map((worker) => (worker.log().match(/Worker started execution/g) ?? []).length);
}

describe('the package in n8n queue mode (main + 2 workers, Redis, PostgreSQL)', () => {
	it('runs four webhook executions at once on both workers under one rate window: every row created and paired, nothing lost, few 429s', async () => {
		sim.faults.rateWindow(WINDOW);
		sim.requests.length = 0;
		const started = Date.now();
		const answers = await fireExecutions(n8n!.url, EXECUTIONS, ROWS_PER_EXECUTION);
		const wallMs = Date.now() - started;

		answers.forEach(checkAnswer);
		const rows = answers.flatMap((answer) => rowsFor(answer.offset, answer.count));
		const missing = rows.filter((row) => sim.state.associationsBetween('contacts', row.contactId, 'companies', row.companyId).length === 0);
		assert.equal(missing.length, 0, `${missing.length} rows answered but not stored in the simulator`);

		const perWorker = executionsPerWorker(n8n!);
		assert.equal(
			perWorker.reduce((sum, count) => sum + count, 0),
			EXECUTIONS,
			`workers logged ${perWorker.join(' + ')} executions`,
		);
		assert.ok(
			perWorker.every((count) => count > 0),
			`both workers ran executions (${perWorker.join(' + ')})`,
		);

		const figures = rateFigures(sim.requests, {
			kind: 'associations/batch/create',
			needed: (EXECUTIONS * ROWS_PER_EXECUTION) / BATCH_SIZE,
			ratePerSecond: (WINDOW.max * 1000) / WINDOW.intervalMs,
			wallMs,
		});
		process.stdout.write(
			`queue mode: ${EXECUTIONS} executions × ${ROWS_PER_EXECUTION} rows on workers ${perWorker.join(' + ')}, window ${WINDOW.max}/${WINDOW.intervalMs} ms: ${describeFigures(figures)}\n`,
		);
		process.stdout.write(`queue mode, per execution: ${pacePerExecution(sim.requests)}\n`);
		process.stdout.write(`queue mode, webhook answers after: ${answers.map((answer) => `${((answer.answeredAt - started) / 1000).toFixed(1)} s`).join(', ')}\n`);
		// QUEUE_TIMELINE=file.json keeps every request as [ms after the start, execution, status, kind], to see who sent when;
		// QUEUE_LOG_STAMPS=file.json keeps what main and workers printed, each line stamped with the time it came.
		if (process.env.QUEUE_TIMELINE) writeFileSync(process.env.QUEUE_TIMELINE, JSON.stringify(timeline(sim.requests, started)));
		if (process.env.QUEUE_LOG_STAMPS) writeFileSync(process.env.QUEUE_LOG_STAMPS, JSON.stringify({ started, answers: answers.map((a) => a.answeredAt - started), main: n8n!.main.log(), workers: n8n!.workers.map((w) => w.log()) }));
		assert.ok(figures.rateLimitedShare < 0.05, `429s are ${(figures.rateLimitedShare * 100).toFixed(1)} % of requests (under 5 % expected)`);
	});
});
