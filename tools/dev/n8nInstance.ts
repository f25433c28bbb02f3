/**
 * The real n8n editor (2.41.1 on Node 24, see tools/e2e) with this package installed the way n8n
 * installs a community package: install, pack, import, start and stop. Used by `npm run dev`
 * (tools/dev/run.ts) and by the browser tests (`npm run test:editor`, e2e/editor/).
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { createRequire } from 'module';

export const root = join(__dirname, '..', '..');
const n8nSh = join(root, 'tools', 'e2e', 'n8n.sh');
export const PACKAGE_NODE_TYPE = 'n8n-nodes-hubspot-associations.hubspotAssociations';

/** Runs a command to completion; throws with its output when it fails. */
function runOrThrow(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; what: string; inheritStderr?: boolean }): string {
	const r = spawnSync(cmd, args, {
		cwd: opts.cwd ?? root,
		env: opts.env ?? process.env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	});
	if (r.error) throw r.error;
	if (r.status !== 0) throw new Error(`${opts.what} failed (exit ${r.status}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
	return r.stdout;
}

/** tools/e2e/install-n8n.sh (cached; instant once installed); returns the environment to run n8n with. */
export function installN8n(): { cache: string; env: NodeJS.ProcessEnv } {
	const out = runOrThrow('bash', [join(root, 'tools', 'e2e', 'install-n8n.sh')], { what: 'tools/e2e/install-n8n.sh', inheritStderr: true });
	const cache = /^N8N_E2E_READY (.+)$/m.exec(out)?.[1]?.trim();
	if (!cache) throw new Error(`install-n8n.sh did not print N8N_E2E_READY:\n${out}`);
	return { cache, env: { ...process.env, N8N_E2E_CACHE: cache, PATH: `${join(cache, 'node', 'bin')}:${process.env.PATH ?? ''}` } };
}

export function checkPortFree(port: number, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', () => reject(new Error(`port ${port} (${what}) is in use on 127.0.0.1: another \`npm run dev\`? choose another with the flag/env`)));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** `npm pack` of the built package, installed into `<userFolder>/.n8n/nodes` (an older install is replaced). */
export async function packAndInstall(userFolder: string, env: NodeJS.ProcessEnv): Promise<{ name: string; version: string; dir: string }> {
	if (!existsSync(join(root, 'dist', 'nodes', 'HubspotAssociations', 'HubspotAssociations.node.js'))) {
		throw new Error('dist/ is missing: run "npm run build" first');
	}
	const packDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-pack-'));
	try {
		runOrThrow('npm', ['pack', '--silent', '--pack-destination', packDir], { what: 'npm pack' });
		const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack produced no tarball');
		// Plain ESM without types: a non-literal specifier keeps tsc from resolving it.
		const runWorkflowModule = '../e2e/run-workflow.mjs';
		const { installCommunityTarball } = (await import(runWorkflowModule)) as {
			installCommunityTarball(userFolder: string, tarball: string, opts: { env: NodeJS.ProcessEnv }): Promise<{ name: string; version: string; dir: string }>;
		};
		return await installCommunityTarball(userFolder, join(packDir, tarball), { env });
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

function n8nCli(userFolder: string, args: string[], env: NodeJS.ProcessEnv, what: string): string {
	const out = runOrThrow('bash', [n8nSh, '--user-folder', userFolder, ...args], { env, what: `n8n ${what}` });
	if (!/Successfully imported/.test(out)) throw new Error(`n8n ${what}: no "Successfully imported" in its output:\n${out}`);
	return out;
}

/** Imports credentials (`{ id, name, type, data }`, data in plain text) and workflows with n8n's CLI. */
export function importIntoN8n(
	userFolder: string,
	env: NodeJS.ProcessEnv,
	{ credentials = [], workflows = [] }: { credentials?: object[]; workflows?: Array<Record<string, unknown>> },
): void {
	const work = join(userFolder, 'import');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'workflows'), { recursive: true });
	try {
		if (credentials.length > 0) {
			const credentialsFile = join(work, 'credentials.json');
			writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
			n8nCli(userFolder, ['import:credentials', `--input=${credentialsFile}`], env, 'import:credentials');
		}
		if (workflows.length > 0) {
			for (const workflow of workflows) writeFileSync(join(work, 'workflows', `${String(workflow.id)}.json`), JSON.stringify(workflow, null, 2));
			n8nCli(userFolder, ['import:workflow', '--separate', `--input=${join(work, 'workflows')}`], env, 'import:workflow');
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** n8n's bcrypt (the owner's password hash for N8N_INSTANCE_OWNER_PASSWORD_HASH). */
function bcryptHash(cache: string, password: string): string {
	const requireFromN8n = createRequire(join(cache, 'n8n', 'node_modules', 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(password: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before answering ${url}`);
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Whether a process group still has members (signal 0 probes without killing). */
function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

export interface RunningN8n {
	url: string;
	process: ChildProcess;
	/** SIGTERM to n8n's process group (n8n and its task runner), SIGKILL after 25 s. */
	stop(say?: (line: string) => void): Promise<void>;
}

export interface StartOptions {
	userFolder: string;
	port: number;
	env: NodeJS.ProcessEnv;
	cache: string;
	owner: { email: string; password: string };
	/** Where n8n's output goes (it is also passed to `onOutput`). */
	logFile: string;
	onOutput?: (chunk: string) => void;
}

/** `n8n start` on http://localhost:<port> (127.0.0.1 only) with the owner account set from the env. */
export async function startN8n(options: StartOptions): Promise<RunningN8n> {
	const url = `http://localhost:${options.port}`;
	const env: NodeJS.ProcessEnv = {
		...options.env,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false', // plain http on localhost
		// The MCP server registry refresh fetches api.n8n.io (fails offline, with a stack trace).
		N8N_DISABLED_MODULES: process.env.N8N_DISABLED_MODULES ?? 'mcp-registry',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: options.owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Dev',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(options.cache, options.owner.password),
	};
	const log = createWriteStream(options.logFile, { flags: 'w' });
	const child = spawn('bash', [n8nSh, '--user-folder', options.userFolder, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let editorReady = false;
	for (const stream of [child.stdout!, child.stderr!]) {
		stream.on('data', (chunk: Buffer) => {
			log.write(chunk);
			if (chunk.toString().includes('Editor is now accessible')) editorReady = true;
			options.onOutput?.(chunk.toString());
		});
	}
	let stopping: Promise<void> | undefined;
	const running: RunningN8n = {
		url,
		process: child,
		stop: (say = () => undefined) =>
			(stopping ??= (async () => {
				const pgid = child.pid;
				if (pgid && groupAlive(pgid)) {
					try {
						process.kill(-pgid, 'SIGTERM');
					} catch {
						/* already gone */
					}
					const deadline = Date.now() + 25_000;
					while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
					if (groupAlive(pgid)) {
						say('n8n did not stop within 25 s: SIGKILL');
						try {
							process.kill(-pgid, 'SIGKILL');
						} catch {
							/* gone */
						}
					}
				}
				log.end();
			})()),
	};
	try {
		await waitForHealth(`${url}/healthz`, child, 180_000);
		// /healthz answers before n8n finishes starting: the editor is ready after its start-up log.
		for (let waited = 0; !editorReady && waited < 20_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
	} catch (error) {
		await running.stop();
		throw error;
	}
	return running;
}
