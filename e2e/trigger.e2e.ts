/**
 * `npm run test:e2e`: the HubSpot Associations Trigger in the REAL n8n server (2.41.1 on Node 24,
 * `n8n start`). examples/when-contact-linked-to-company-link-its-deals.json is imported and published
 * with an OAuth2 credential on the HubSpot simulator; the simulator sends HubSpot's signed
 * association-change deliveries to the trigger's production URL, as if through a proxy whose public
 * address is n8n's WEBHOOK_URL (the URL HubSpot signs).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadStarter, type N8nServer } from './support/server';
import { startSimulator, type HubSpotSimulator, type WebhookSender } from '../tools/simulator';
import { credentialReference, loadExample, packTarball, simulatorCredential } from './support/examples';


const example = loadExample('when-contact-linked-to-company-link-its-deals.json');
const trigger = example.nodes.find((node) => node.type === 'n8n-nodes-hubspot-associations.hubspotAssociationsTrigger')!;
const PUBLIC_URL = 'https://n8n.example.com/';
const webhookPath = `webhook/${String(trigger.webhookId)}/associations`;
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-trigger-e2e-'));

let sim: HubSpotSimulator;
let server: N8nServer;
let sender: WebhookSender;

/** Executions of the workflow so far: each reads the contact's deals once. */
const executions = () => sim.requests.filter((request) => request.path === '/crm/associations/2026-03/contacts/deals/batch/read').length;

async function settled(expected: number): Promise<void> {
	for (let waited = 0; waited < 20_000 && executions() < expected; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
	await new Promise((resolve) => setTimeout(resolve, 1_500));
}

before(async () => {
	const tarball = packTarball(workDir);
	sim = await startSimulator({ seed: 21 });
	const { startN8nServer } = await loadStarter();
	const credential = simulatorCredential(sim, credentialReference(example, trigger.name), sim.issueToken());
	server = await startN8nServer({
		tarball,
		credentials: [credential],
		workflows: [{ ...example, id: 'e2eTrigger0000001' }],
		publish: ['e2eTrigger0000001'],
		waitForWebhooks: [{ method: 'POST', path: webhookPath }],
		env: { WEBHOOK_URL: PUBLIC_URL },
	}).catch((error: Error & { log?: string }) => {
		process.stderr.write(`${error.log ?? ''}\n`);
		throw error;
	});
	sender = sim.subscribeWebhooks({ targetUrl: `${server.url}/${webhookPath}`, signedUrl: `${PUBLIC_URL}${webhookPath}` });
});

after(async () => {
	await server?.stop();
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

describe('the HubSpot Associations Trigger in the real n8n', () => {
	it('runs the workflow once for a contact linked to a company, however HubSpot echoes and redelivers it', async () => {
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
		assert.equal(executions(), 1, server.log().slice(-3000));
		assert.deepEqual(sim.state.associatedIds('companies', '201', 'deals'), ['11', '12']);
	});

	it('refuses spoiled deliveries with 401 and starts nothing', async () => {
		const before = executions();
		// One change (both sides) a delivery, each spoiled in its own way.
		const spoiling = sim.subscribeWebhooks({ targetUrl: `${server.url}/${webhookPath}`, signedUrl: `${PUBLIC_URL}${webhookPath}`, batchSize: 2, maxConcurrent: 1 });
		spoiling.tamperings.push('badSignature', 'staleTimestamp', 'noSignature');
		sim.state.associate('contacts', '102', 'companies', '202');
		sim.state.associate('contacts', '103', 'companies', '203');
		sim.state.associate('contacts', '104', 'companies', '204');
		const deliveries = await spoiling.flush();
		assert.deepEqual(deliveries.map((delivery) => [delivery.tampering, delivery.status]), [['badSignature', 401], ['staleTimestamp', 401], ['noSignature', 401]]);
		await settled(before + 1);
		assert.equal(executions(), before);
	});
});
