/**
 * The first example workflow (500 rows → Batch Create, a few bad rows, Continue On Fail) run by
 * the real n8n CLI against the simulator, with every check on its result: shared by the run on
 * the default n8n and the run on the oldest tested n8n.
 */
import assert from 'node:assert/strict';
import type { HubSpotSimulator } from '../../tools/simulator';
import { credentialReference, executable, loadExample, loadRunner, rowsOf, simulatorCredential } from './examples';

const NODE = 'Link contacts to companies';

/** `cache`: an install-n8n.sh cache other than the default (another n8n version). */
export async function runLinkExample(sim: HubSpotSimulator, tarball: string, cache?: string): Promise<void> {
	const { runWorkflowInN8n } = await loadRunner();
	const example = loadExample('link-contacts-to-companies.json');
	const rows = rowsOf(example);
	sim.state.clearAssociations();
	sim.requests.length = 0;
	// An access token that has already expired: n8n must refresh it through the simulator.
	const token = sim.issueToken({ expiresInSeconds: -60 });

	const run = await runWorkflowInN8n({
		tarball,
		cache,
		credentials: [simulatorCredential(sim, credentialReference(example, NODE), token)],
		workflow: executable(example, 'e2eLinkContacts01'),
	});

	assert.equal(run.status, 'success', `n8n reported ${JSON.stringify(run.error)}`);
	const output = run.items[NODE];
	assert.equal(output.length, rows.length, 'one output item per input row');

	const refreshes = sim.requests.filter((request) => request.path.startsWith('/oauth/') && request.status === 200);
	assert.equal(refreshes.length, 1, 'the expired token was refreshed once');
	const unauthorized = sim.requests.filter((request) => request.status === 401);
	assert.ok(unauthorized.length >= 1, 'the first request met the expired token');

	const failedIndexes = output.flatMap((item, index) => (item.error ? [index] : []));
	assert.deepEqual(failedIndexes, [17, 123, 250, 400]);
	for (const [index, item] of output.entries()) {
		const row = rows[index];
		if (item.error) {
			assert.match(String(item.error), new RegExp(`^Item ${index}: `));
			continue;
		}
		assert.equal(item.status, 'created');
		assert.equal(item.fromObjectId, row.contactId, `item ${index} is paired to its row`);
		assert.equal(item.toObjectId, row.companyId);
		const stored = sim.state.associationsBetween('contacts', String(row.contactId), 'companies', String(row.companyId));
		assert.deepEqual(
			stored.map((spec) => spec.associationTypeId).sort((a, b) => a - b),
			[36, 279],
			`contact ${String(row.contactId)} → company ${String(row.companyId)} is stored with both types`,
		);
	}
	const creates = sim.requests.filter((request) => request.path.endsWith('/batch/create') && request.status !== 401);
	assert.equal(creates.length, 1, 'all rows went in one batch request');
	assert.ok(!JSON.stringify(run).includes(token.refreshToken), 'no token in the output');
}
