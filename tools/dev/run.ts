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
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'fs';
import { basename, join } from 'path';
import { startSimulator, type HubSpotSimulator } from '../simulator';
import { checkPortFree, importIntoN8n, installN8n, packAndInstall, PACKAGE_NODE_TYPE, root, startN8n, type RunningN8n } from './n8nInstance';
import { acceptDevAccount, DEV, simulatorCredentials } from './simulatorAccount';

const userFolder = join(root, '.n8n-dev');

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

/** A fixed workflow id (≤ 21 characters) per example file: the same on every start. */
function workflowIdFor(file: string): string {
	return `dev${createHash('sha256').update(basename(file)).digest('hex').slice(0, 15)}`;
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

/** The dev credentials and the example workflows (unless kept); returns what it did, for the banner. */
function importDevData(sim: HubSpotSimulator, env: NodeJS.ProcessEnv, keepWorkflows: boolean): string[] {
	const databaseExisted = existsSync(join(userFolder, '.n8n', 'database.sqlite'));
	const workflows = exampleWorkflows();
	// --keep-workflows still imports them into a new database (nothing to keep yet).
	const keep = keepWorkflows && databaseExisted;
	importIntoN8n(userFolder, env, { credentials: simulatorCredentials(sim), workflows: keep ? [] : workflows.map(({ workflow }) => workflow) });
	return workflows.map(({ file, workflow }) => `${String(workflow.name)} (${file}, id ${String(workflow.id)}${keep ? ', not re-imported' : ''})`);
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (!options) return; // --help
	const started = Date.now();

	say('n8n install (tools/e2e/install-n8n.sh)');
	const { cache, env } = installN8n();
	await checkPortFree(options.port, 'n8n, --port / N8N_PORT');
	await checkPortFree(options.simPort, 'simulator, --sim-port / HUBSPOT_SIM_PORT');

	if (options.fresh) {
		say(`--fresh: deleting ${userFolder}`);
		rmSync(userFolder, { recursive: true, force: true });
	}
	mkdirSync(userFolder, { recursive: true });

	say('npm pack + install into .n8n-dev/.n8n/nodes');
	const pkg = await packAndInstall(userFolder, env);

	let sim: HubSpotSimulator | undefined;
	let n8n: RunningN8n | undefined;
	let stopping: Promise<void> | undefined;
	const stop = (why: string, code: number): Promise<void> =>
		(stopping ??= (async () => {
			say(`${why}: stopping n8n and the simulator`);
			await n8n?.stop(say);
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
		acceptDevAccount(sim);

		say('importing credentials and example workflows (n8n CLI)');
		const workflows = importDevData(sim, env, options.keepWorkflows);

		say(`starting n8n (log: .n8n-dev/n8n.log${options.quiet ? '' : ', also below'})`);
		n8n = await startN8n({
			userFolder,
			port: options.port,
			env,
			cache,
			owner: { email: DEV.ownerEmail, password: DEV.ownerPassword },
			logFile: join(userFolder, 'n8n.log'),
			onOutput: options.quiet ? undefined : (chunk) => process.stdout.write(chunk.replace(/^(?=.)/gm, '[n8n] ')),
		});
		n8n.process.on('exit', (code, signal) => {
			if (!stopping) {
				say(`n8n exited unexpectedly (${code ?? signal}); see .n8n-dev/n8n.log`);
				void stop('n8n exited', 1);
			}
		});
		const banner = [
			'',
			'================ n8n dev ================',
			`n8n editor:   ${n8n.url}   (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
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
