// Start the REAL n8n server (`n8n start`, installed by install-n8n.sh) on a free local port with
// community package tarballs, credentials and published (active) workflows, for tests that talk
// to it over HTTP: webhooks, the MCP Server Trigger. Node 20+, no dependencies.
//
//   import { startN8nServer } from './tools/e2e/start-n8n.mjs';
//   const server = await startN8nServer({ tarball, credentials, workflows: [wf], publish: [wf.id], env });
//   await fetch(`${server.url}/mcp/<path>`);   // production webhook URLs of the published workflows
//   server.log();                               // everything n8n printed so far
//   await server.restart();                     // n8n stopped and started again on the same user folder
//   await server.stop();                        // n8n and its task runner stopped, user folder removed
//
// Steps: a user folder copied from the migrated template (run-workflow.mjs), the tarballs
// installed the way n8n installs community packages, `import:credentials`, `import:workflow`,
// `publish:workflow --id` for each workflow to activate (n8n 2.x; it activates published
// workflows when it starts; n8n 1.x: `update:workflow --id --active=true`), then `n8n start` until
// /healthz answers and the start-up log ends.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir, installCommunityTarball, n8n, n8nEnv, N8nRunError, templateUserFolder } from './run-workflow.mjs';

const N8N_SH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'n8n.sh');

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * @param {object} o
 * @param {string|string[]} [o.tarball] community package tarball(s)
 * @param {object[]} [o.credentials] for `n8n import:credentials` ({ id, name, type, data })
 * @param {object[]} o.workflows workflow JSONs, each with an `id` (at most 21 characters)
 * @param {string[]} [o.publish] ids of the workflows to publish (activate)
 * @param {Array<{ method: string, path: string }>} [o.waitForWebhooks] production webhook paths
 *   (e.g. `{ method: 'POST', path: 'mcp/my-server' }`) to wait for: n8n 2.x registers the webhooks
 *   of published workflows a few seconds after its start-up log ends (workflow publication
 *   service); an empty request is sent until it answers anything but 404
 * @param {Record<string,string>} [o.env] extra environment for n8n
 * @param {number} [o.startTimeoutMs=180000]
 */
export async function startN8nServer(o) {
	const cache = o.cache ?? defaultCacheDir();
	if (!existsSync(path.join(cache, 'installed.txt'))) {
		throw new N8nRunError(`n8n is not installed in ${cache}: run tools/e2e/install-n8n.sh first`, { step: 'setup' });
	}
	const port = await freePort();
	const major = Number(/n8n=(\d+)/.exec(readFileSync(path.join(cache, 'installed.txt'), 'utf8'))?.[1] ?? 2);
	const env = n8nEnv(cache, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// The MCP server registry refresh fetches api.n8n.io (fails offline, with a stack trace); n8n 1.x has no such module.
		...(major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		...o.env,
	});
	const userFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-server-'));
	const logs = [];
	let output = ''; // what `n8n start` printed
	const fail = (message, details = {}) => new N8nRunError(message, { ...details, userFolder, log: `${logs.join('\n')}\n${output}` });
	const cli = async (args, step) => {
		const r = await n8n(userFolder, args, { env, timeoutMs: 180_000, step });
		logs.push(r.log);
		if (r.code !== 0) throw fail(`n8n ${args[0]} failed`, r);
		return r;
	};

	let child;
	const halt = async () => {
		if (child?.pid && groupAlive(child.pid)) {
			const pgid = child.pid;
			try {
				process.kill(-pgid, 'SIGTERM'); // n8n and its task runner (own process group)
			} catch {
				/* already gone */
			}
			for (const deadline = Date.now() + 20_000; groupAlive(pgid) && Date.now() < deadline; ) await delay(200);
			if (groupAlive(pgid)) {
				try {
					process.kill(-pgid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}
		}
	};
	const stop = async () => {
		await halt();
		await fs.rm(userFolder, { recursive: true, force: true });
	};
	const url = `http://127.0.0.1:${port}`;
	/** `n8n start` on the user folder, until its start-up log ends and the webhooks asked for answer. */
	const launch = async () => {
		output = '';
		child = spawn('bash', [N8N_SH, '--user-folder', userFolder, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
		logs.push('$ n8n start');
		const deadline = Date.now() + (o.startTimeoutMs ?? 180_000);
		let healthy = false;
		// /healthz answers before n8n has activated the published workflows; its start-up log ends with the editor URL.
		while (!(healthy && output.includes('Editor is now accessible'))) {
			if (child.exitCode !== null || child.signalCode !== null) throw fail(`n8n start exited (${child.exitCode ?? child.signalCode})`);
			if (Date.now() > deadline) throw fail(`n8n did not start within ${(o.startTimeoutMs ?? 180_000) / 1000} s`);
			if (!healthy) healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((res) => res.ok, () => false);
			await delay(300);
		}
		for (const { method, path: webhookPath } of o.waitForWebhooks ?? []) {
			const answer = async () =>
				await fetch(`${url}/${webhookPath}`, { method, signal: AbortSignal.timeout(5000) }).then((res) => res.status, () => 0);
			while ((await answer()) === 404) {
				if (Date.now() > deadline) throw fail(`n8n did not register ${method} /${webhookPath}`);
				await delay(300);
			}
		}
	};
	/** Stops n8n (as on a deploy: SIGTERM, n8n saves what it must) and starts it again on the same user folder. */
	const restart = async () => {
		await halt();
		logs.push(output, '$ n8n start (restart)');
		await launch();
	};

	try {
		const template = await templateUserFolder(cache, env, 180_000);
		await fs.cp(path.join(template, '.n8n'), path.join(userFolder, '.n8n'), { recursive: true });
		for (const tarball of [o.tarball ?? []].flat()) await installCommunityTarball(userFolder, tarball, { env });

		const input = path.join(userFolder, 'e2e-input');
		await fs.mkdir(path.join(input, 'workflows'), { recursive: true });
		if (o.credentials?.length) {
			const file = path.join(input, 'credentials.json');
			await fs.writeFile(file, JSON.stringify(o.credentials), { mode: 0o600 });
			await cli(['import:credentials', `--input=${file}`], 'import:credentials');
		}
		for (const workflow of o.workflows) {
			const wf = { active: false, settings: {}, connections: {}, ...workflow };
			await fs.writeFile(path.join(input, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		}
		await cli(['import:workflow', '--separate', `--input=${path.join(input, 'workflows')}`], 'import:workflow');
		for (const id of o.publish ?? []) {
			if (major >= 2) await cli(['publish:workflow', `--id=${id}`], 'publish:workflow');
			else await cli(['update:workflow', `--id=${id}`, '--active=true'], 'update:workflow');
		}
		await fs.rm(input, { recursive: true, force: true });

		await launch();
		return { url, port, userFolder, log: () => `${logs.join('\n')}\n${output}`, stop, restart };
	} catch (error) {
		await stop();
		throw error;
	}
}
