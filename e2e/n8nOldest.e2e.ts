/**
 * `npm run test:e2e`, second n8n: the oldest n8n this package is tested on (the last 1.x line,
 * 1.123.x, on Node 22), installed by the same tools/e2e/install-n8n.sh recipe into its own
 * cache (tools/e2e/install-oldest-n8n.sh holds the version), runs the first example workflow with
 * the same checks as on the default n8n.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { packTarball, root } from './support/examples';
import { runLinkExample } from './support/linkExample';

let sim: HubSpotSimulator;
let tarball: string;
let cache: string;
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-e2e-oldest-'));

/** Installs (or waits for .ci/run's background install, then reuses) the oldest tested n8n. */
function installOldestN8n(): string {
	const started = Date.now();
	const output = execFileSync('bash', [join(root, 'tools', 'e2e', 'install-oldest-n8n.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const ready = /^N8N_E2E_READY (.+)$/m.exec(output)?.[1]?.trim();
	if (!ready) throw new Error(`install-oldest-n8n.sh did not print N8N_E2E_READY:\n${output}`);
	process.stdout.write(`${readFileSync(join(ready, 'installed.txt'), 'utf8').trim()} ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
	return ready;
}

before(async () => {
	cache = installOldestN8n();
	tarball = packTarball(workDir);
	sim = await startSimulator();
});

after(async () => {
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

describe('the package inside the oldest tested n8n (1.123.x on Node 22)', () => {
	it('runs the example workflow: one paired result per row, associations stored, an expired token refreshed', async () => {
		await runLinkExample(sim, tarball, cache);
	});
});
