/**
 * `npm run dev`: the built package inside the real n8n editor (2.41.1 on Node 24, see tools/e2e),
 * wired to the bundled HubSpot simulator. Steps:
 *   1. tools/e2e/install-n8n.sh (cached; instant once installed);
 *   2. `npm pack` of the built package, installed into .n8n-dev/ the way n8n installs a community
 *      package (an older install there is replaced);
 *   3. the simulator on 127.0.0.1:<sim port>; two credentials pointing at it and the example
 *      workflows (examples/*.json) imported with n8n's CLI, with fixed ids (re-imported each start);
 *   4. `n8n start` on http://localhost:<port> (127.0.0.1 only), owner account set from the env
 *      (N8N_INSTANCE_OWNER_MANAGED_BY_ENV), until Ctrl+C / SIGTERM, which stops n8n and the simulator.
 *
 *   npx tsx tools/dev/run.ts [--port 5678] [--sim-port 4010] [--quiet] [--keep-workflows] [--fresh]
 * Env: N8N_PORT, HUBSPOT_SIM_PORT, N8N_DEV_OWNER_EMAIL, N8N_DEV_OWNER_PASSWORD, N8N_E2E_CACHE.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { createRequire } from 'module';
import { startSimulator, type HubSpotSimulator } from '../simulator';

const root = join(__dirname, '..', '..');
const userFolder = join(root, '.n8n-dev');
const n8nSh = join(root, 'tools', 'e2e', 'n8n.sh');
const PACKAGE_NODE_TYPE = 'n8n-nodes-hubspot-associations.hubspotAssociations';

/** Fixed dev values: the simulator is in memory and local, these guard nothing real. */
const DEV = {
	ownerEmail: process.env.N8N_DEV_OWNER_EMAIL || 'dev@example.com',
	ownerPassword: process.env.N8N_DEV_OWNER_PASSWORD || 'DevPassword1',
	oauthClientId: 'n8n-dev-simulator-client',
	oauthClientSecret: 'n8n-dev-simulator-secret',
	appToken: 'pat-dev-simulator-0000',
	oauthCredential: { id: 'hubspotSimulator01', name: 'HubSpot (simulator)' },
	appTokenCredential: { id: 'hubspotSimAppToken01', name: 'HubSpot app token (simulator)' },
};

interface Options {
	port: number;
	simPort: number;
	quiet: boolean;
	keepWorkflows: boolean;
	fresh: boolean;
}

function parseArgs(argv: string[]): Options | undefined {
	const int = (value: string | undefined, what: string): number => {
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535) throw new Error(`${what} must be a port number, got ${value}`);
		return parsed;
	};
	const options: Options = {
		port: int(process.env.N8N_PORT || '5678', 'N8N_PORT'),
		simPort: int(process.env.HUBSPOT_SIM_PORT || '4010', 'HUBSPOT_SIM_PORT'),
		quiet: false,
		keepWorkflows: false,
		fresh: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
		const value = () => inline ?? argv[++i];
		switch (flag) {
			case '--port': options.port = int(value(), '--port'); break;
			case '--sim-port': options.simPort = int(value(), '--sim-port'); break;
			case '--quiet': options.quiet = true; break;
			case '--keep-workflows': options.keepWorkflows = true; break;
			case '--fresh': options.fresh = true; break;
			case '-h': case '--help':
				process.stdout.write(
					'usage: tsx tools/dev/run.ts [--port 5678] [--sim-port 4010] [--quiet] [--keep-workflows] [--fresh]\n' +
						'  --quiet           n8n log only to .n8n-dev/n8n.log (not to the terminal)\n' +
						'  --keep-workflows  do not re-import examples/*.json (keeps your edits of them)\n' +
						'  --fresh           delete .n8n-dev/ first (new database)\n',
				);
				return undefined;
			default: throw new Error(`unknown argument ${argv[i]} (see --help)`);
		}
	}
	return options;
}

const say = (line: string) => process.stdout.write(`[dev] ${line}\n`);

function checkPortFree(port: number, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', () => reject(new Error(`port ${port} (${what}) is in use on 127.0.0.1: another \`npm run dev\`? choose another with the flag/env`)));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

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

function installN8n(): string {
	const out = runOrThrow('bash', [join(root, 'tools', 'e2e', 'install-n8n.sh')], { what: 'tools/e2e/install-n8n.sh', inheritStderr: true });
	const cache = /^N8N_E2E_READY (.+)$/m.exec(out)?.[1]?.trim();
	if (!cache) throw new Error(`install-n8n.sh did not print N8N_E2E_READY:\n${out}`);
	return cache;
}

/** n8n's bcrypt (the owner's password hash for N8N_INSTANCE_OWNER_PASSWORD_HASH). */
function bcryptHash(cache: string, password: string): string {
	const requireFromN8n = createRequire(join(cache, 'n8n', 'node_modules', 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(password: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

async function packAndInstall(env: NodeJS.ProcessEnv): Promise<{ name: string; version: string; dir: string }> {
	if (!existsSync(join(root, 'dist', 'nodes', 'HubspotAssociations', 'HubspotAssociations.node.js'))) {
		throw new Error('dist/ is missing: run "npm run build" first (npm run dev does it)');
	}
	const packDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-dev-pack-'));
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

/** A fixed workflow id (≤ 21 characters) per example file: the same on every start. */
function workflowIdFor(file: string): string {
	return `dev${createHash('sha256').update(basename(file)).digest('hex').slice(0, 15)}`;
}

function credentialsFor(sim: HubSpotSimulator) {
	const { accessToken, refreshToken } = sim.issueToken();
	return [
		{
			...DEV.oauthCredential,
			type: 'hubspotAssociationsOAuth2Api',
			data: {
				clientId: sim.oauthClient.clientId,
				clientSecret: sim.oauthClient.clientSecret,
				baseUrl: sim.baseUrl,
				oauthTokenData: { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: 1800 },
			},
		},
		{
			...DEV.appTokenCredential,
			type: 'hubspotAssociationsAppTokenApi',
			data: { appToken: DEV.appToken, baseUrl: sim.baseUrl },
		},
	];
}

function exampleWorkflows(): Array<{ file: string; workflow: Record<string, unknown> }> {
	const dir = join(root, 'examples');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const workflow = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
			return { file: name, workflow: { active: false, settings: {}, connections: {}, ...workflow, id: workflowIdFor(name) } };
		});
}

function n8nCli(args: string[], env: NodeJS.ProcessEnv, what: string): string {
	const out = runOrThrow('bash', [n8nSh, '--user-folder', userFolder, ...args], { env, what: `n8n ${what}` });
	if (!/Successfully imported/.test(out)) throw new Error(`n8n ${what}: no "Successfully imported" in its output:\n${out}`);
	return out;
}

function importIntoN8n(sim: HubSpotSimulator, env: NodeJS.ProcessEnv, keepWorkflows: boolean): string[] {
	const databaseExisted = existsSync(join(userFolder, '.n8n', 'database.sqlite'));
	const work = join(userFolder, 'dev-import');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(join(work, 'workflows'), { recursive: true });
	try {
		const credentialsFile = join(work, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(credentialsFor(sim), null, 2), { mode: 0o600 });
		n8nCli(['import:credentials', `--input=${credentialsFile}`], env, 'import:credentials');
		const workflows = exampleWorkflows();
		// --keep-workflows still imports them into a new database (nothing to keep yet).
		if (keepWorkflows && databaseExisted) return workflows.map(({ file, workflow }) => `${String(workflow.name)} (${file}, id ${String(workflow.id)}, not re-imported)`);
		for (const { workflow } of workflows) writeFileSync(join(work, 'workflows', `${String(workflow.id)}.json`), JSON.stringify(workflow, null, 2));
		n8nCli(['import:workflow', '--separate', `--input=${join(work, 'workflows')}`], env, 'import:workflow');
		return workflows.map(({ file, workflow }) => `${String(workflow.name)} (${file}, id ${String(workflow.id)})`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
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

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (!options) return; // --help
	const started = Date.now();

	say('n8n install (tools/e2e/install-n8n.sh)');
	const cache = installN8n();
	await checkPortFree(options.port, 'n8n, --port / N8N_PORT');
	await checkPortFree(options.simPort, 'simulator, --sim-port / HUBSPOT_SIM_PORT');

	if (options.fresh) {
		say(`--fresh: deleting ${userFolder}`);
		rmSync(userFolder, { recursive: true, force: true });
	}
	mkdirSync(userFolder, { recursive: true });
	const env: NodeJS.ProcessEnv = { ...process.env, N8N_E2E_CACHE: cache, PATH: `${join(cache, 'node', 'bin')}:${process.env.PATH ?? ''}` };

	say('npm pack + install into .n8n-dev/.n8n/nodes');
	const pkg = await packAndInstall(env);

	let sim: HubSpotSimulator | undefined;
	let n8n: ChildProcess | undefined;
	let stopping: Promise<void> | undefined;
	const stop = (why: string, code: number): Promise<void> =>
		(stopping ??= (async () => {
			say(`${why}: stopping n8n and the simulator`);
			if (n8n?.pid && groupAlive(n8n.pid)) {
				const pgid = n8n.pid;
				try {
					process.kill(-pgid, 'SIGTERM'); // n8n and its task runners (own process group)
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
			await sim?.close().catch(() => undefined);
			say('stopped');
			process.exit(code);
		})());
	process.on('SIGINT', () => void stop('SIGINT', 0));
	process.on('SIGTERM', () => void stop('SIGTERM', 0));
	process.on('SIGHUP', () => void stop('SIGHUP', 0));
	// Stop too when orphaned (a wrapper such as `sh -c` died without signalling this process).
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) void stop('parent process gone', 0);
	}, 1000).unref();

	try {
		sim = await startSimulator({ port: options.simPort });
		sim.oauthClient.clientId = DEV.oauthClientId;
		sim.oauthClient.clientSecret = DEV.oauthClientSecret;
		sim.state.addPrivateAppToken(DEV.appToken);

		say('importing credentials and example workflows (n8n CLI)');
		const workflows = importIntoN8n(sim, env, options.keepWorkflows);

		const url = `http://localhost:${options.port}`;
		const n8nEnv: NodeJS.ProcessEnv = {
			...env,
			N8N_PORT: String(options.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false', // plain http on localhost
			// The MCP server registry refresh fetches api.n8n.io (fails offline, with a stack trace).
			N8N_DISABLED_MODULES: process.env.N8N_DISABLED_MODULES ?? 'mcp-registry',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: DEV.ownerEmail,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Dev',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(cache, DEV.ownerPassword),
		};
		const logFile = join(userFolder, 'n8n.log');
		const log = createWriteStream(logFile, { flags: 'w' });
		say(`starting n8n (log: .n8n-dev/n8n.log${options.quiet ? '' : ', also below'})`);
		n8n = spawn('bash', [n8nSh, '--user-folder', userFolder, 'start'], { env: n8nEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		for (const stream of [n8n.stdout!, n8n.stderr!]) {
			stream.on('data', (chunk: Buffer) => {
				log.write(chunk);
				if (!options.quiet) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '[n8n] '));
			});
		}
		let editorReady = false;
		n8n.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Editor is now accessible')) editorReady = true;
		});
		n8n.on('exit', (code, signal) => {
			if (!stopping) {
				say(`n8n exited unexpectedly (${code ?? signal}); see .n8n-dev/n8n.log`);
				void stop('n8n exited', 1);
			}
		});

		await waitForHealth(`${url}/healthz`, n8n, 180_000);
		// /healthz answers before n8n finishes starting: print the banner after its start-up log.
		for (let waited = 0; !editorReady && waited < 20_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
		const banner = [
			'',
			'================ n8n dev ================',
			`n8n editor:   ${url}   (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
			`login:        ${DEV.ownerEmail} / ${DEV.ownerPassword}`,
			`package:      ${pkg.name}@${pkg.version} (node type ${PACKAGE_NODE_TYPE})`,
			`simulator:    ${sim.baseUrl}   (HubSpot API, in memory: state resets at each start)`,
			`credentials:  "${DEV.oauthCredential.name}" (OAuth2), "${DEV.appTokenCredential.name}" (app token)`,
			...workflows.map((w, i) => `${i === 0 ? 'workflows:' : '          '}    ${w}`),
			'Ctrl+C to stop (after a rebuild, restart: npm run dev)',
			'=========================================',
			'',
		];
		process.stdout.write(`${banner.join('\n')}\n`);
	} catch (error) {
		process.stderr.write(`[dev] ${(error as Error).message}\n`);
		await stop('error', 1);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`[dev] ${error.message}\n`);
	process.exit(1);
});
