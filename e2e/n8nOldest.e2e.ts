/**
 * `npm run test:e2e`, second n8n: the oldest n8n this package is tested on (the last 1.x line,
 * 1.123.x, on Node 22), installed by the same tools/e2e/install-n8n.sh recipe into its own
 * cache, runs the first example workflow with the same checks as on the default n8n.
 *   N8N_E2E_OLDEST_N8N_VERSION / _NODE_VERSION / _NPM_OVERRIDES / _CACHE override it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { packTarball, root } from './support/examples';
import { runLinkExample } from './support/linkExample';

const OLDEST_N8N = process.env.N8N_E2E_OLDEST_N8N_VERSION ?? '1.123.81';
const OLDEST_NODE = process.env.N8N_E2E_OLDEST_NODE_VERSION ?? '22.23.5';
// n8n 1.x's n8n-nodes-base pulls xlsx from cdn.sheetjs.com (not a registry): the registry's xlsx instead.
const OVERRIDES = process.env.N8N_E2E_OLDEST_NPM_OVERRIDES ?? '{"xlsx":"0.18.5"}';
const cache = process.env.N8N_E2E_OLDEST_CACHE ?? join(homedir(), '.cache', 'n8n-hubspot-e2e-1x');

let sim: HubSpotSimulator;
let tarball: string;
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-e2e-oldest-'));

before(async () => {
	const started = Date.now();
	execFileSync('bash', [join(root, 'tools', 'e2e', 'install-n8n.sh')], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, N8N_E2E_N8N_VERSION: OLDEST_N8N, N8N_E2E_NODE_VERSION: OLDEST_NODE, N8N_E2E_NPM_OVERRIDES: OVERRIDES, N8N_E2E_CACHE: cache },
	});
	process.stdout.write(`n8n ${OLDEST_N8N} (Node ${OLDEST_NODE}) ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
	tarball = packTarball(workDir);
	sim = await startSimulator();
});

after(async () => {
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

describe(`the package inside the real n8n ${OLDEST_N8N} (the oldest tested)`, () => {
	it('runs the example workflow: one paired result per row, associations stored, an expired token refreshed', async () => {
		await runLinkExample(sim, tarball, cache);
	});
});
