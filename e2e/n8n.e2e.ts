/**
 * `npm run test:e2e`: the packed tarball installed into the REAL n8n (2.41.1 on Node 24) the way
 * n8n installs a community package, a credential and each example workflow imported with n8n's
 * CLI, `n8n execute` run against the HubSpot simulator; asserts on the output items and on what
 * the simulator stored. Needs tools/e2e/install-n8n.sh to have run (npm run test:e2e does it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { executable, loadExample, loadRunner, packTarball, rowsOf, simulatorCredential } from './support/examples';
import { runLinkExample } from './support/linkExample';

let sim: HubSpotSimulator;
let tarball: string;
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-e2e-'));

before(async () => {
	tarball = packTarball(workDir);
	sim = await startSimulator();
});

after(async () => {
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

describe('the package inside the real n8n', () => {
	it('runs the example workflow: one paired result per row, associations stored, an expired token refreshed', async () => {
		await runLinkExample(sim, tarball);
	});
	it("runs the read-then-relabel example: each contact's companies read, one label removed from each pair", async () => {
		const { runWorkflowInN8n } = await loadRunner();
		const workflow = loadExample('read-companies-then-remove-label.json');
		const contacts = rowsOf(workflow).map((row) => String(row.contactId));
		sim.state.clearAssociations();
		for (const [index, contactId] of contacts.entries()) {
			sim.state.associate('contacts', contactId, 'companies', String(3000 + index), [279, 36]);
			if (index % 2 === 0) sim.state.associate('contacts', contactId, 'companies', String(4000 + index), [279, 36, 38]);
		}
		const token = sim.issueToken();
		const reference = Object.values(workflow.nodes.find((node) => node.credentials)!.credentials!)[0];

		const run = await runWorkflowInN8n({ tarball, credentials: [simulatorCredential(sim, reference, token)], workflow: executable(workflow, 'e2eReadRelabel001') });

		assert.equal(run.status, 'success', `n8n reported ${JSON.stringify(run.error)}`);
		const reads = run.items['Get their companies'];
		assert.deepEqual(
			reads.map((item) => item.count),
			contacts.map((_, index) => (index % 2 === 0 ? 2 : 1)),
		);
		const removed = run.items['Remove the Billing contact label'];
		assert.equal(removed.length, 30, 'one item per (contact, company) pair');
		assert.ok(removed.every((item) => item.status === 'labelsRemoved'));
		for (const [index, contactId] of contacts.entries()) {
			const left = (companyId: number) =>
				sim.state.associationsBetween('contacts', contactId, 'companies', String(companyId)).map((spec) => spec.associationTypeId).sort((a, b) => a - b);
			assert.deepEqual(left(3000 + index), [279], `contact ${contactId} keeps its plain association`);
			if (index % 2 === 0) assert.deepEqual(left(4000 + index), [38, 279]);
		}
	});
});
