/**
 * `npm run test:e2e`: the HubSpot Associations Trigger in the REAL n8n server (2.41.1 on Node 24,
 * `n8n start`). examples/when-contact-linked-to-company-link-its-deals.json is imported and published
 * with an OAuth2 credential on the HubSpot simulator, beside a workflow of the trigger alone filtered
 * by a label's text; the simulator sends HubSpot's signed association-change deliveries to their
 * production URLs (e2e/support/triggerExample.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';
import { loadRunner, packTarball, type Example } from './support/examples';
import { exampleTrigger, PUBLIC_URL, triggerExample, startTriggerExample, webhookPathOf, type TriggerServer } from './support/triggerExample';

const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-trigger-e2e-'));
// The trigger alone: its items are read back from n8n's database.
const byLabel: Example = {
	id: 'e2eTriggerLabel01',
	name: 'e2e: Billing contact links',
	settings: { executionOrder: 'v1' },
	connections: {},
	pinData: {},
	nodes: [{ ...exampleTrigger, id: 'label-trigger', webhookId: '5b2d7c1e-0f4a-4e8b-9a61-2c3d4e5f6a7b', parameters: { fromObjectType: 'contacts', toObjectType: 'companies', events: ['added', 'removed'], associationTypes: ['Billing contact'], options: {} } }],
};

let sim: HubSpotSimulator;
let n8n: TriggerServer;

before(async () => {
	const tarball = packTarball(workDir);
	sim = await startSimulator({ seed: 21 });
	n8n = await startTriggerExample(sim, tarball, { workflows: [byLabel] });
});

after(async () => {
	await n8n?.server.stop();
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

describe('the HubSpot Associations Trigger in the real n8n', () => {
	it('runs the workflow once for a contact linked to a company, however HubSpot echoes and redelivers it', async () => {
		const { sender, executions, settled } = n8n;
		sim.state.associations.onChange = undefined;
		sim.state.associate('deals', '11', 'contacts', '101');
		sim.state.associate('deals', '12', 'contacts', '101');
		sim.state.associations.onChange = (change) => sender.record(change);
		sim.state.associate('contacts', '101', 'companies', '201', [36]);
		const deliveries = await sender.flush();
		assert.ok(deliveries.every((delivery) => delivery.status === 200), JSON.stringify(deliveries.map((d) => d.status)));
		sender.redeliver(deliveries[0].batch, 1);
		await sender.flush();
		await settled(1);
		assert.equal(executions(), 1, n8n.server.log().slice(-3000));
		assert.deepEqual(sim.state.associatedIds('companies', '201', 'deals'), ['11', '12']);
	});

	it('refuses spoiled deliveries with 401 and starts nothing', async () => {
		const { server, executions, settled } = n8n;
		const before = executions();
		const path = webhookPathOf(triggerExample);
		// One change (both sides) a delivery, each spoiled in its own way.
		const spoiling = sim.subscribeWebhooks({ targetUrl: `${server.url}/${path}`, signedUrl: `${PUBLIC_URL}${path}`, batchSize: 2, maxConcurrent: 1 });
		spoiling.tamperings.push('badSignature', 'staleTimestamp', 'noSignature');
		sim.state.associate('contacts', '102', 'companies', '202');
		sim.state.associate('contacts', '103', 'companies', '203');
		sim.state.associate('contacts', '104', 'companies', '204');
		const deliveries = await spoiling.flush();
		assert.deepEqual(deliveries.map((delivery) => [delivery.tampering, delivery.status]), [['badSignature', 401], ['staleTimestamp', 401], ['noSignature', 401]]);
		await settled(before + 1);
		assert.equal(executions(), before);
	});

	it('emits only the links of the label named, with its text, oriented from the contact', async () => {
		const { server } = n8n;
		const path = webhookPathOf(byLabel);
		const labelled = sim.subscribeWebhooks({ targetUrl: `${server.url}/${path}`, signedUrl: `${PUBLIC_URL}${path}` });
		sim.state.associate('contacts', '106', 'companies', '206');
		sim.state.associate('contacts', '107', 'companies', '207', [36]);
		const deliveries = await labelled.flush();
		assert.deepEqual(deliveries.map((delivery) => delivery.status), [200]);
		const { readExecutionFromDb, defaultCacheDir } = await loadRunner();
		let execution: ExecutionRow | undefined;
		for (let waited = 0; waited < 20_000 && execution?.status !== 'success'; waited += 500) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			execution = (await readExecutionFromDb(defaultCacheDir(), server.userFolder, byLabel.id as string)) as ExecutionRow | undefined;
		}
		const items = execution?.data?.resultData.runData[exampleTrigger.name]?.[0]?.data?.main[0]?.map((item) => item.json);
		assert.deepEqual(items, [
			{
				change: 'added', fromObjectType: 'contacts', fromObjectTypeId: '0-1', fromObjectId: '107', toObjectType: 'companies', toObjectTypeId: '0-2', toObjectId: '207',
				associationCategory: 'USER_DEFINED', associationTypeId: 36, label: 'Billing contact', primary: false,
				occurredAt: items?.[0]?.occurredAt, portalId: items?.[0]?.portalId, changeSource: 'INTEGRATION', eventIds: items?.[0]?.eventIds,
			},
		]);
		assert.equal((items?.[0]?.eventIds as unknown[]).length, 2, 'both sides folded into the one item');
	});

	it('does not emit a change again when HubSpot redelivers it after n8n restarted', async () => {
		const { server, sender, executions, settled } = n8n;
		sim.state.associations.onChange = (change) => sender.record(change);
		const before = executions();
		sim.state.associate('contacts', '108', 'companies', '208');
		const [first] = await sender.flush();
		assert.equal(first.status, 200);
		await settled(before + 1);
		assert.equal(executions(), before + 1);
		await server.restart();
		sender.redeliver(first.batch, 1);
		const [again] = await sender.flush();
		assert.equal(again.status, 200);
		// A new change after the restart is emitted: the trigger is listening, the redelivery was recognised.
		sim.state.associate('contacts', '109', 'companies', '209');
		await sender.flush();
		await settled(before + 2);
		assert.equal(executions(), before + 2, server.log().slice(-3000));
		const last = sim.requests.filter((request) => request.path === '/crm/associations/2026-03/contacts/deals/batch/read').at(-1);
		assert.deepEqual(last?.body, { inputs: [{ id: '109' }] });
	});
});

interface ExecutionRow {
	status: string;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>> } };
}
