#!/usr/bin/env node
// Run one workflow inside the REAL n8n application (installed by install-n8n.sh), with community
// package tarballs installed the way n8n installs them. Node 20+, no dependencies.
//
// Library:
//   import { runWorkflowInN8n } from './tools/e2e/run-workflow.mjs';
//   const r = await runWorkflowInN8n({ tarball, credentials, workflow });
//   r.items['My Node']      // json of the items on output 0 of the node's last run
//   r.outputs['My Node']    // json items per output: [[...out0], [...out1]] (last run)
//   r.runData               // n8n's resultData.runData, untouched
//   r.execution             // the full object `n8n execute` printed (status, data, ...)
//
// CLI (prints the result without the log as JSON on stdout; exit 1 on failure):
//   node tools/e2e/run-workflow.mjs --tarball pkg.tgz --workflow wf.json [--workflow wf2.json]... \
//        [--credentials creds.json] [--user-folder DIR] [--keep] [--allow-failure] [--env K=V]...
//
// Steps: (1) fresh user folder (copied from a migrated template kept in the cache, so n8n's ~100
// database migrations run once per cache, not once per test); (2) each tarball is unpacked into
// <userFolder>/.n8n/nodes/node_modules/<name> exactly like n8n's CommunityPackagesService does
// (peer/dev/optional dependencies stripped, `npm install` of the remaining dependencies, entry in
// .n8n/nodes/package.json); (3) `n8n import:credentials` (plain `data` objects are encrypted by
// n8n; OAuth2 `oauthTokenData` is accepted); (4) `n8n import:workflow`; (5) `n8n execute --id
// <id> --rawOutput`, whose stdout mixes log lines and a pretty-printed JSON document: the last
// parseable top-level JSON document is taken.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const N8N_SH = path.join(HERE, 'n8n.sh');
const DEFAULT_WORKFLOW_ID = 'e2eWorkflow000001';

export function defaultCacheDir() {
	return process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-hubspot-e2e');
}

export class N8nRunError extends Error {
	constructor(message, details) {
		super(message);
		this.name = 'N8nRunError';
		Object.assign(this, details); // step, code, log, result?
	}
}

/** Run a command, capture stdout/stderr; never rejects on exit code (returns it). */
function run(cmd, args, { cwd, env, timeoutMs = 180_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			stderr += `\n[run-workflow] killed after ${timeoutMs} ms`;
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
		});
	});
}

/**
 * The last top-level JSON document in a text that mixes log lines and JSON. Handles n8n's
 * pretty-printed output (a line "{" ... a line "}") and one-line documents.
 */
export function extractLastJsonDocument(text) {
	const lines = text.split(/\r?\n/);
	const ends = [];
	lines.forEach((l, i) => {
		if (l.trimEnd() === '}') ends.push(i);
	});
	for (let s = lines.length - 1; s >= 0; s--) {
		const line = lines[s].trimEnd();
		if (line === '{') {
			for (let k = ends.length - 1; k >= 0 && ends[k] > s; k--) {
				try {
					return JSON.parse(lines.slice(s, ends[k] + 1).join('\n'));
				} catch {
					/* try a shorter span */
				}
			}
		} else if (line.startsWith('{') && line.endsWith('}')) {
			try {
				return JSON.parse(line);
			} catch {
				/* not JSON */
			}
		}
	}
	return undefined;
}

/** json items per output of the node's last run: [[json, ...] per output]. */
function outputsOf(taskDataList) {
	const last = taskDataList?.[taskDataList.length - 1];
	const main = last?.data?.main ?? [];
	return main.map((items) => (items ?? []).map((it) => it.json));
}

function summarize(execution) {
	const resultData = execution?.data?.resultData ?? {};
	const runData = resultData.runData ?? {};
	const outputs = {};
	const items = {};
	const errors = {};
	for (const [name, runs] of Object.entries(runData)) {
		outputs[name] = outputsOf(runs);
		items[name] = outputs[name][0] ?? [];
		const err = runs?.[runs.length - 1]?.error;
		if (err) errors[name] = err;
	}
	return {
		status: execution?.status,
		finished: execution?.finished,
		error: resultData.error,
		lastNodeExecuted: resultData.lastNodeExecuted,
		items,
		outputs,
		nodeErrors: errors,
		runData,
		execution,
	};
}


/**
 * Install a community package tarball into <userFolder>/.n8n/nodes the way n8n 2.41's
 * CommunityPackagesService.downloadPackage does it.
 */
export async function installCommunityTarball(userFolder, tarball, { env, timeoutMs } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-pkg-'));
	try {
		const tar = await run('tar', ['-xzf', path.resolve(tarball), '-C', staging, '--strip-components=1']);
		if (tar.code !== 0) throw new N8nRunError(`cannot unpack ${tarball}`, { step: 'install', log: tar.stderr });
		const pkgJsonPath = path.join(staging, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
			await fs.readFile(pkgJsonPath, 'utf8'),
		);
		if (!pkg.name) throw new N8nRunError(`${tarball}: package.json has no name`, { step: 'install' });
		await fs.writeFile(pkgJsonPath, JSON.stringify(pkg, null, 2));
		const dest = path.join(nodesDir, 'node_modules', pkg.name);
		await fs.rm(dest, { recursive: true, force: true });
		await fs.mkdir(path.dirname(dest), { recursive: true });
		await fs.cp(staging, dest, { recursive: true });
		if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
			const npm = await run(
				'npm',
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
				],
				{ cwd: dest, env, timeoutMs },
			);
			if (npm.code !== 0) {
				throw new N8nRunError(`npm install of ${pkg.name}'s dependencies failed`, {
					step: 'install',
					code: npm.code,
					log: npm.stdout + npm.stderr,
				});
			}
		}
		const ledgerPath = path.join(nodesDir, 'package.json');
		let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
		try {
			ledger = JSON.parse(await fs.readFile(ledgerPath, 'utf8'));
			ledger.dependencies ??= {};
		} catch {
			/* new ledger */
		}
		ledger.dependencies[pkg.name] = pkg.version;
		await fs.writeFile(ledgerPath, JSON.stringify(ledger, null, 2));
		return { name: pkg.name, version: pkg.version, dir: dest };
	} finally {
		await fs.rm(staging, { recursive: true, force: true });
	}
}

export function n8nEnv(cache, extra) {
	const nodeBin = path.join(cache, 'node', 'bin');
	return {
		...process.env,
		N8N_E2E_CACHE: cache,
		PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
		...extra,
	};
}

export async function n8n(userFolder, args, { env, timeoutMs, step }) {
	const r = await run('bash', [N8N_SH, '--user-folder', userFolder, ...args], { env, timeoutMs });
	return { ...r, step, log: `$ n8n ${args.join(' ')}  (exit ${r.code})\n${r.stdout}${r.stderr}` };
}

/** The latest execution of a workflow, read from the user folder's database (Node 24 helper). */
export async function readExecutionFromDb(cache, userFolder, workflowId, env = process.env, timeoutMs = 60_000) {
	const node24 = path.join(cache, 'node', 'bin', 'node');
	const r = await run(node24, [path.join(HERE, 'read-execution.cjs'), userFolder, workflowId], {
		env: { ...env, N8N_E2E_CACHE: cache },
		timeoutMs,
	});
	if (r.code !== 0) throw new Error(`read-execution.cjs exited ${r.code}: ${r.stderr}`);
	return JSON.parse(r.stdout) ?? undefined;
}

/**
 * A migrated, empty user folder kept in the cache: the first n8n start on an empty folder runs
 * ~100 database migrations (~5 s). Created once per cache; copied for each run.
 */
export async function templateUserFolder(cache, env, timeoutMs) {
	const marker = (await fs.readFile(path.join(cache, 'installed.txt'), 'utf8').catch(() => '')).trim();
	const key = createHash('sha256').update(marker).digest('hex').slice(0, 12);
	const dir = path.join(cache, `template-user-folder-${key}`);
	if (existsSync(path.join(dir, '.n8n', 'database.sqlite'))) return dir;
	const tmp = `${dir}.tmp-${process.pid}`;
	await fs.rm(tmp, { recursive: true, force: true });
	await fs.mkdir(tmp, { recursive: true });
	const r = await n8n(tmp, ['list:workflow'], { env, timeoutMs, step: 'migrate' });
	if (r.code !== 0) {
		throw new N8nRunError('n8n failed to initialise an empty user folder', { step: 'migrate', code: r.code, log: r.log });
	}
	await fs.rm(path.join(tmp, '.n8n', 'nodes'), { recursive: true, force: true });
	try {
		await fs.rename(tmp, dir);
	} catch {
		await fs.rm(tmp, { recursive: true, force: true }); // another process won the race
	}
	return dir;
}

/**
 * @param {object} o
 * @param {string} [o.userFolder] folder for n8n's state (created; must not be in use). Default: a new temp folder.
 * @param {string|string[]} [o.tarball] community package tarball(s) (`npm pack` output)
 * @param {object[]} [o.credentials] array for `n8n import:credentials` ({id, name, type, data})
 * @param {object} [o.workflow] workflow JSON (nodes, connections, ...); `id` defaults to a fixed id
 *   (at most 21 characters: n8n treats longer ids as invalid)
 * @param {object[]} [o.workflows] several workflows: imported together, executed one after the
 *   other in the same user folder (credential changes, e.g. refreshed OAuth tokens, carry over);
 *   the result is then an array, one entry per workflow
 * @param {Record<string,string>} [o.env] extra environment for n8n (e.g. N8N_LOG_LEVEL=debug)
 * @param {boolean} [o.allowFailure] return (status 'error') instead of throwing when the run fails
 * @param {boolean} [o.keepUserFolder] keep the temp user folder (always kept when given by caller)
 * @param {boolean} [o.useTemplate=true] start from the cached migrated user folder
 * @param {number} [o.timeoutMs=180000] per n8n command
 * @param {string} [o.cache] install cache (default $N8N_E2E_CACHE or ~/.cache/n8n-hubspot-e2e)
 */
export async function runWorkflowInN8n(o) {
	const started = Date.now();
	const cache = o.cache ?? defaultCacheDir();
	const timeoutMs = o.timeoutMs ?? 180_000;
	if (!existsSync(path.join(cache, 'installed.txt'))) {
		throw new N8nRunError(`n8n is not installed in ${cache}: run tools/e2e/install-n8n.sh first`, { step: 'setup' });
	}
	if (!o.workflow && !o.workflows?.length) throw new N8nRunError('workflow (or workflows) is required', { step: 'setup' });
	const env = n8nEnv(cache, o.env);
	const ownsFolder = !o.userFolder;
	const userFolder = o.userFolder
		? path.resolve(o.userFolder)
		: await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-user-'));
	const logs = [];
	const timings = {};
	const lap = (name, t0) => (timings[name] = Date.now() - t0);
	const fail = (message, details) => new N8nRunError(message, { ...details, userFolder, timings, log: logs.join('\n') });

	try {
		await fs.mkdir(path.join(userFolder, '.n8n'), { recursive: true });
		let t0 = Date.now();
		if ((o.useTemplate ?? true) && !existsSync(path.join(userFolder, '.n8n', 'database.sqlite'))) {
			const tpl = await templateUserFolder(cache, env, timeoutMs);
			await fs.cp(path.join(tpl, '.n8n'), path.join(userFolder, '.n8n'), { recursive: true });
		}
		lap('template', t0);

		t0 = Date.now();
		const tarballs = [o.tarball ?? []].flat();
		const installed = [];
		for (const t of tarballs) installed.push(await installCommunityTarball(userFolder, t, { env, timeoutMs }));
		lap('installPackages', t0);

		const work = path.join(userFolder, 'e2e-input');
		await fs.mkdir(work, { recursive: true });

		if (o.credentials?.length) {
			t0 = Date.now();
			const file = path.join(work, 'credentials.json');
			await fs.writeFile(file, JSON.stringify(o.credentials, null, 2));
			const r = await n8n(userFolder, ['import:credentials', `--input=${file}`], { env, timeoutMs, step: 'import:credentials' });
			logs.push(r.log);
			if (r.code !== 0 || !/Successfully imported/.test(r.stdout + r.stderr)) throw fail('n8n import:credentials failed', r);
			lap('importCredentials', t0);
		}

		t0 = Date.now();
		const list = (o.workflows ?? [o.workflow]).map((w, i) => {
			const wf = { active: false, settings: {}, connections: {}, ...w };
			wf.id ??= o.workflows ? `${DEFAULT_WORKFLOW_ID.slice(0, -3)}${String(i + 1).padStart(3, '0')}` : DEFAULT_WORKFLOW_ID;
			wf.name ??= `e2e ${wf.id}`;
			return wf;
		});
		const wfDir = path.join(work, 'workflows');
		await fs.mkdir(wfDir, { recursive: true });
		for (const wf of list) await fs.writeFile(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		let r = await n8n(userFolder, ['import:workflow', '--separate', `--input=${wfDir}`], { env, timeoutMs, step: 'import:workflow' });
		logs.push(r.log);
		if (r.code !== 0 || !/Successfully imported/.test(r.stdout + r.stderr)) throw fail('n8n import:workflow failed', r);
		lap('importWorkflow', t0);

		const results = [];
		for (const [i, workflow] of list.entries()) {
			t0 = Date.now();
			r = await n8n(userFolder, ['execute', `--id=${workflow.id}`, '--rawOutput'], { env, timeoutMs, step: 'execute' });
			logs.push(r.log);
			lap(list.length > 1 ? `execute${i + 1}` : 'execute', t0);
			let execution = extractLastJsonDocument(r.stdout);
			let source = 'stdout';
			if (!execution?.data?.resultData) {
				// n8n execute prints nothing usable when the run fails fast ("No active execution
				// found"): read the saved execution from the database instead.
				source = 'db';
				execution = await readExecutionFromDb(cache, userFolder, workflow.id, env, timeoutMs).catch((e) => {
					logs.push(`[run-workflow] reading the execution from the database failed: ${e.message}`);
					return undefined;
				});
			}
			const result = {
				workflowId: workflow.id,
				...summarize(execution),
				source,
				exitCode: r.code,
				packages: installed,
				userFolder,
				timings: { ...timings, total: Date.now() - started },
				log: logs.join('\n'),
			};
			const ok = r.code === 0 && execution && execution.status === 'success' && !result.error;
			if (!ok && !o.allowFailure) {
				const why = !execution
					? 'no execution found (neither in the output of n8n execute nor in the database)'
					: `workflow ${workflow.id} failed (status ${execution.status}${result.error ? `: ${result.error.message}` : ''})`;
				throw fail(why, { ...r, result });
			}
			results.push(result);
		}
		const result = o.workflows ? results : results[0];
		return result;
	} finally {
		if (ownsFolder && !o.keepUserFolder) await fs.rm(userFolder, { recursive: true, force: true });
	}
}

// ------------------------------------------------------------------------------------- CLI
async function main(argv) {
	const opts = { env: {} };
	let wfs;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const val = () => inline ?? argv[++i];
		switch (flag) {
			case '--tarball': (opts.tarball ??= []).push(val()); break;
			case '--workflow': (wfs ??= []).push(JSON.parse(await fs.readFile(val(), 'utf8'))); break;
			case '--credentials': opts.credentials = JSON.parse(await fs.readFile(val(), 'utf8')); break;
			case '--user-folder': opts.userFolder = val(); break;
			case '--keep': opts.keepUserFolder = true; break;
			case '--allow-failure': opts.allowFailure = true; break;
			case '--no-template': opts.useTemplate = false; break;
			case '--env': { const kv = val(); const j = kv.indexOf('='); opts.env[kv.slice(0, j)] = kv.slice(j + 1); break; }
			case '-h': case '--help':
				process.stdout.write('usage: run-workflow.mjs --workflow wf.json [--tarball pkg.tgz]... [--credentials creds.json]\n' +
					'       [--user-folder DIR] [--keep] [--allow-failure] [--no-template] [--env K=V]...\n');
				return 0;
			default: throw new Error(`unknown argument ${a}`);
		}
	}
	if (wfs?.length === 1) opts.workflow = wfs[0];
	else if (wfs) opts.workflows = wfs;
	const brief = ({ log, execution, runData, ...rest }) => rest;
	try {
		const res = await runWorkflowInN8n(opts);
		const list = [res].flat();
		process.stdout.write(JSON.stringify(Array.isArray(res) ? list.map(brief) : brief(res), null, 2) + '\n');
		if (process.env.N8N_E2E_VERBOSE) process.stderr.write(list[list.length - 1].log + '\n');
		return list.every((x) => x.status === 'success') ? 0 : 1;
	} catch (e) {
		process.stderr.write(`${e.stack ?? e}\n`);
		if (e.log) process.stderr.write(`---- n8n log ----\n${e.log}\n`);
		if (e.result) process.stdout.write(JSON.stringify(brief(e.result), null, 2) + '\n');
		return 1;
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then((code) => process.exit(code));
}
