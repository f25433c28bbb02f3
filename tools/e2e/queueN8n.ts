/**
 * The real n8n in queue mode: `n8n start` as main and `n8n worker` processes sharing one user
 * folder (so one installed copy of the community package), one PostgreSQL database and one
 * Redis (tools/e2e/services.ts). Workflows and credentials are imported with n8n's CLI and
 * published before the main starts, so their webhooks are live when it is ready.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Postgres, Service } from './services';
import { freePort } from '../dev/n8nInstance';

const n8nSh = join(__dirname, 'n8n.sh');

export interface QueueN8nOptions {
	/** install-n8n.sh's cache (the n8n and Node it installed). */
	cache: string;
	/** Holds .n8n/nodes with the package installed (run-workflow.mjs's installCommunityTarball). */
	userFolder: string;
	redis: Service;
	postgres: Postgres;
	workers: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`). */
	concurrency: number;
	credentials: unknown[];
	workflows: Array<Record<string, unknown> & { id: string }>;
	/** POST webhooks the workflows listen on: ready once n8n has registered them. */
	webhookPaths: string[];
}

export interface N8nProcess {
	name: string;
	child: ChildProcess;
	/** Everything it printed so far. */
	log(): string;
}

export interface QueueN8n {
	url: string;
	main: N8nProcess;
	workers: N8nProcess[];
	stop(): Promise<void>;
}

function queueEnv(options: QueueN8nOptions, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_E2E_CACHE: options.cache,
		PATH: `${join(options.cache, 'node', 'bin')}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: options.userFolder,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(options.redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(options.postgres.port),
		DB_POSTGRESDB_USER: options.postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		DB_POSTGRESDB_DATABASE: options.postgres.database,
		// The MCP server registry refresh fetches api.n8n.io (fails offline, with a stack trace).
		N8N_DISABLED_MODULES: process.env.N8N_DISABLED_MODULES ?? 'mcp-registry',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		...extra,
	};
}

function cli(options: QueueN8nOptions, args: string[]): string {
	const result = spawnSync('bash', [n8nSh, ...args], { env: queueEnv(options), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
	if (result.status !== 0) throw new Error(`n8n ${args[0]} failed (${result.status ?? result.signal}):\n${output}`);
	return output;
}

/** Imports credentials and workflows into the shared database and publishes the workflows. */
function importAndPublish(options: QueueN8nOptions): void {
	const work = join(options.userFolder, 'queue-import');
	mkdirSync(join(work, 'workflows'), { recursive: true });
	try {
		writeFileSync(join(work, 'credentials.json'), JSON.stringify(options.credentials), { mode: 0o600 });
		cli(options, ['import:credentials', `--input=${join(work, 'credentials.json')}`]);
		for (const workflow of options.workflows) writeFileSync(join(work, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow));
		cli(options, ['import:workflow', '--separate', `--input=${join(work, 'workflows')}`]);
		// n8n 2.x runs the published version of a workflow (1.x: update:workflow --active=true).
		for (const workflow of options.workflows) cli(options, ['publish:workflow', `--id=${workflow.id}`]);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

function spawnN8n(name: string, args: string[], env: NodeJS.ProcessEnv): N8nProcess {
	// Own process group: stopping it also stops the task runners it spawned.
	const child = spawn('bash', [n8nSh, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let log = '';
	const stamp = (chunk: Buffer) => {
		if (process.env.QUEUE_LOG_STAMPS) log += chunk.toString().replace(/^(?=.)/gm, `[${Date.now()}] `);
		else log += chunk.toString();
	};
	child.stdout!.on('data', stamp);
	child.stderr!.on('data', stamp);
	return { name, child, log: () => log };
}

async function waitForLog(process: N8nProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pattern.test(process.log())) {
		if (process.child.exitCode !== null) throw new Error(`${process.name} exited (${process.child.exitCode}) before it was ready:\n${process.log().slice(-4000)}`);
		if (Date.now() > deadline) throw new Error(`${process.name} did not log ${String(pattern)} within ${timeoutMs / 1000} s:\n${process.log().slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * n8n 2.x registers a published workflow's webhooks after start-up (its publication service
 * reconciles every 10 s). A GET on a registered POST webhook answers "not registered for GET
 * requests. Did you mean to make a POST request?" without running anything.
 */
async function waitForWebhook(main: N8nProcess, url: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const body = await fetch(url, { signal: AbortSignal.timeout(5000) })
			.then(async (response) => await response.text())
			.catch(() => '');
		if (body.includes('Did you mean to make a POST request')) return;
		if (Date.now() > deadline) throw new Error(`${url} was not registered within ${timeoutMs / 1000} s:\n${main.log().slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

function groupAlive(pgid: number): boolean {
	try {
		globalThis.process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

async function stopGroup(process: N8nProcess): Promise<void> {
	const pgid = process.child.pid;
	if (!pgid || !groupAlive(pgid)) return;
	globalThis.process.kill(-pgid, 'SIGTERM');
	const deadline = Date.now() + 30_000;
	while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
	if (groupAlive(pgid)) globalThis.process.kill(-pgid, 'SIGKILL');
}

export async function startQueueN8n(options: QueueN8nOptions): Promise<QueueN8n> {
	importAndPublish(options);
	const port = await freePort();
	const main = spawnN8n('n8n main', ['start'], queueEnv(options, { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: 'localhost' }));
	const workers: N8nProcess[] = [];
	const stop = async () => {
		await Promise.all([main, ...workers].map(stopGroup));
	};
	try {
		for (let index = 1; index <= options.workers; index++) {
			// Workers answer health checks on their own port (unused here, but it must be free).
			const env = queueEnv(options, { QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_PORT: String(await freePort()) });
			workers.push(spawnN8n(`n8n worker ${index}`, ['worker', `--concurrency=${options.concurrency}`], env));
		}
		await waitForLog(main, /Editor is now accessible/, 240_000);
		for (const path of options.webhookPaths) await waitForWebhook(main, `http://127.0.0.1:${port}/webhook/${path}`, 120_000);
		await Promise.all(workers.map((worker) => waitForLog(worker, /worker is now ready/i, 240_000)));
	} catch (error) {
		await stop();
		throw error;
	}
	return { url: `http://127.0.0.1:${port}`, main, workers, stop };
}
