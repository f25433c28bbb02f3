/**
 * `npm run test:e2e`, second n8n: the oldest n8n this package is tested on (the last 1.x line,
 * 1.123.x, on Node 22), installed by the same tools/e2e/install-n8n.sh recipe into its own
 * cache (tools/e2e/install-oldest-n8n.sh holds the version), runs the first example workflow with
 * the same checks as on the default n8n, and activates the trigger example (`n8n start`): signed
 * deliveries at its production URL start one execution per change.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { packTarball, root } from './support/examples';
import { runLinkExample } from './support/linkExample';
import { startTriggerExample } from './support/triggerExample';

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

	it('starts one execution per association change delivered to the trigger, echoes and a redelivery folded', async () => {
		const { server, sender, executions, settled } = await startTriggerExample(sim, tarball, { cache });
		try {
			sim.state.associations.onChange = (change) => sender.record(change);
			sim.state.associate('contacts', '301', 'companies', '401');
			const [first, ...others] = await sender.flush();
			sim.state.associate('contacts', '302', 'companies', '402');
			sender.redeliver(first.batch, 1);
			const rest = await sender.flush();
			assert.deepEqual([first, ...others, ...rest].map((delivery) => delivery.status), [200, 200, 200]);
			await settled(2);
			assert.equal(executions(), 2, server.log().slice(-3000));
			const reads = sim.requests.filter((request) => request.path === '/crm/associations/2026-03/contacts/deals/batch/read');
			assert.deepEqual(reads.map((request) => request.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [{ inputs: [{ id: '301' }] }, { inputs: [{ id: '302' }] }]);
		} finally {
			await server.stop();
		}
	});
});
