/**
 * `npm run bench:trigger`: 10,000 association-change events (5,000 links, each reported from both
 * records) in 100 signed deliveries, 10 at a time, from the simulator into the HubSpot Associations
 * Trigger in the REAL n8n (2.41.1, `n8n start`, installed by tools/e2e/install-n8n.sh). The workflow is
 * trigger → Batch Get Associations (one request per execution, the emitted contacts as its inputs), so
 * the simulator's record of requests tells which changes were emitted, and how many executions ran.
 * Prints: the slowest answer, answers not 2xx, changes emitted 0 / 1 / more times, executions per
 * delivery, the n8n process's peak RSS (VmHWM). A script, not a test: figures, no thresholds.
 * Also prints, from tools/bench/triggerTiming.cjs preloaded into n8n, how long n8n's steps between a
 * request and its answer took, the event loop's delay and the machine's load average.
 * Env: BENCH_TRIGGER_LINKS (5000), BENCH_TRIGGER_CONCURRENCY (10), BENCH_TRIGGER_N8N_ENV (JSON: extra
 * n8n environment, e.g. {"EXECUTIONS_DATA_SAVE_ON_SUCCESS":"none"}), BENCH_TRIGGER_WORKFLOW_SETTINGS
 * (JSON merged into the workflow's settings, e.g. {"saveDataSuccessExecution":"none"}).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStarter } from '../../e2e/support/server';
import { packTarball, simulatorCredential } from '../../e2e/support/examples';
import { startSimulator } from '../simulator';
import { printTimings } from './triggerTimingReport';

const LINKS = Number(process.env.BENCH_TRIGGER_LINKS ?? 5_000);
const PUBLIC_URL = 'https://n8n.example.com/';
const WEBHOOK_ID = '3f0c9b2a-7d41-4e5a-9c1b-8e2d6f4a0b17';
const webhookPath = `webhook/${WEBHOOK_ID}/associations`;
const credentialRef = { id: 'hubspotBench00001', name: 'HubSpot (simulator)' };

const workflow = {
	id: 'benchTrigger00001',
	name: 'bench: association changes',
	settings: { executionOrder: 'v1', ...(JSON.parse(process.env.BENCH_TRIGGER_WORKFLOW_SETTINGS ?? '{}') as object) },
	connections: { Trigger: { main: [[{ node: 'Read', type: 'main', index: 0 }]] } },
	nodes: [
		{ id: 'b1', name: 'Trigger', type: 'n8n-nodes-hubspot-associations.hubspotAssociationsTrigger', typeVersion: 1, position: [0, 0], webhookId: WEBHOOK_ID, parameters: { fromObjectType: 'contacts', toObjectType: 'companies', events: ['added'], options: {} }, credentials: { hubspotAssociationsOAuth2Api: credentialRef } },
		{ id: 'b2', name: 'Read', type: 'n8n-nodes-hubspot-associations.hubspotAssociations', typeVersion: 1, position: [240, 0], parameters: { resource: 'association', operation: 'batchRead', fromObjectType: 'contacts', toObjectType: 'companies', fromObjectId: '={{ $json.fromObjectId }}', options: {} }, credentials: { hubspotAssociationsOAuth2Api: credentialRef } },
	],
};

const settingsEnv = () => JSON.parse(process.env.BENCH_TRIGGER_N8N_ENV ?? '{}') as Record<string, string>;

/** The peak resident set of the process listening on `port` (VmHWM), in MiB. */
function peakRssMiB(port: number): number | undefined {
	const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
	const pid = /pid=(\d+)/.exec(line)?.[1];
	const hwm = pid ? /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] : undefined;
	return hwm ? Math.round(Number(hwm) / 1024) : undefined;
}

async function main() {
	const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-bench-trigger-'));
	const timingFile = join(workDir, 'timings.jsonl');
	const sim = await startSimulator({ seed: 21 });
	const { startN8nServer } = await loadStarter();
	const server = (await startN8nServer({
		tarball: packTarball(workDir),
		credentials: [simulatorCredential(sim, credentialRef, sim.issueToken())],
		workflows: [workflow],
		publish: [workflow.id],
		waitForWebhooks: [{ method: 'POST', path: webhookPath }],
		env: { WEBHOOK_URL: PUBLIC_URL, NODE_OPTIONS: `--require ${join(__dirname, 'triggerTiming.cjs')}`, N8N_TIMING_FILE: timingFile, ...settingsEnv() },
	})) as Awaited<ReturnType<Awaited<ReturnType<typeof loadStarter>>['startN8nServer']>> & { port: number };
	try {
		const concurrency = Number(process.env.BENCH_TRIGGER_CONCURRENCY ?? 10);
		const sender = sim.subscribeWebhooks({ targetUrl: `${server.url}/${webhookPath}`, signedUrl: `${PUBLIC_URL}${webhookPath}`, maxRetries: 0, maxConcurrent: concurrency });
		for (let id = 1; id <= LINKS; id++) sim.state.associate('contacts', String(id), 'companies', String(id));
		const loads: number[] = [];
		const sampler = setInterval(() => loads.push(loadavg()[0]), 1_000);
		const started = Date.now();
		const deliveries = await sender.flush();
		const sentMs = Date.now() - started;
		clearInterval(sampler);
		const reads = () => sim.requests.filter((request) => request.path === '/crm/associations/2026-03/contacts/companies/batch/read');
		for (let waited = 0, last = -1; waited < 120_000; waited += 1_000) {
			const count = reads().reduce((sum, request) => sum + ((request.body as { inputs?: unknown[] })?.inputs?.length ?? 0), 0);
			if (count === last) break;
			last = count;
			await new Promise((resolve) => setTimeout(resolve, 1_000));
		}
		const emitted = new Map<string, number>();
		for (const request of reads()) for (const input of (request.body as { inputs: Array<{ id: string }> }).inputs) emitted.set(input.id, (emitted.get(input.id) ?? 0) + 1);
		const times = [...emitted.values()];
		const sorted = deliveries.map((delivery) => delivery.ms).sort((a, b) => a - b);
		const slowest = sorted[sorted.length - 1];
		console.log(`answer times: fastest ${sorted[0]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms, 90th ${sorted[Math.floor(sorted.length * 0.9)]} ms (the sender gives up at 5,000 ms, as HubSpot does)`);
		console.log(`deliveries: ${deliveries.length} of ${deliveries[0]?.events ?? 0} events, ${concurrency} at a time, sent in ${sentMs} ms`);
		console.log(`answers: ${deliveries.filter((d) => typeof d.status === 'number' && d.status < 300).length} 2xx, not 2xx: ${JSON.stringify(deliveries.filter((d) => !(typeof d.status === 'number' && d.status < 300)).map((d) => d.status))}; slowest ${slowest} ms, over 1 s: ${deliveries.filter((d) => d.ms > 1_000).length}`);
		console.log(`changes: ${LINKS} made, emitted once ${times.filter((n) => n === 1).length}, more than once ${times.filter((n) => n > 1).length}, never ${LINKS - emitted.size}`);
		console.log(`executions: ${reads().length} for ${deliveries.length} deliveries (${(reads().length / deliveries.length).toFixed(2)} per delivery)`);
		console.log(`n8n peak RSS (VmHWM): ${peakRssMiB(server.port) ?? '?'} MiB`);
		console.log(`machine load average (1 min) while delivering: ${Math.min(...loads, loadavg()[0]).toFixed(1)}–${Math.max(...loads, loadavg()[0]).toFixed(1)} on ${availableParallelism()} cores`);
		printTimings(timingFile, started, started + sentMs);
	} finally {
		await server.stop();
		await sim.close();
		rmSync(workDir, { recursive: true, force: true });
	}
}

void main();
