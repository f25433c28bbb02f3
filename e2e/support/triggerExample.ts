/**
 * The trigger example (examples/when-contact-linked-to-company-link-its-deals.json) published in a
 * real n8n server (`n8n start`) with an OAuth2 credential on the simulator, and a simulated HubSpot
 * app sending signed deliveries to its production URL, as if through a proxy whose public address
 * is n8n's WEBHOOK_URL (the URL HubSpot signs). Shared by the e2e files of the default and the
 * oldest tested n8n.
 */
import { loadStarter, type N8nServer } from './server';
import type { HubSpotSimulator, WebhookSender } from '../../tools/simulator';
import { credentialReference, loadExample, simulatorCredential, type Example } from './examples';

export const PUBLIC_URL = 'https://n8n.example.com/';
export const triggerExample = loadExample('when-contact-linked-to-company-link-its-deals.json');
export const exampleTrigger = triggerExample.nodes.find((node) => node.type === 'n8n-nodes-hubspot-associations.hubspotAssociationsTrigger')!;
export const webhookPathOf = (workflow: Example) => `webhook/${String(workflow.nodes.find((node) => node.webhookId)?.webhookId)}/associations`;

export interface TriggerServer {
	server: N8nServer & { userFolder: string; restart(): Promise<void> };
	/** The simulated app's sender to the example's production URL. */
	sender: WebhookSender;
	/** Executions of the example so far: each reads the contact's deals once. */
	executions(): number;
	/** Waits until `expected` executions ran, then a little longer for any extra one to show. */
	settled(expected: number): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `cache`: an install-n8n.sh cache other than the default (another n8n version); `workflows`: more to publish beside the example. */
export async function startTriggerExample(sim: HubSpotSimulator, tarball: string, options: { cache?: string; workflows?: Example[] } = {}): Promise<TriggerServer> {
	const example = { ...triggerExample, id: 'e2eTrigger0000001' };
	const workflows = [example, ...(options.workflows ?? [])];
	const { startN8nServer } = await loadStarter();
	const server = (await startN8nServer({
		tarball,
		cache: options.cache,
		credentials: [simulatorCredential(sim, credentialReference(triggerExample, exampleTrigger.name), sim.issueToken())],
		workflows,
		publish: workflows.map((workflow) => workflow.id),
		waitForWebhooks: workflows.map((workflow) => ({ method: 'POST', path: webhookPathOf(workflow) })),
		env: { WEBHOOK_URL: PUBLIC_URL },
	}).catch((error: Error & { log?: string }) => {
		process.stderr.write(`${error.log ?? ''}\n`);
		throw error;
	})) as TriggerServer['server'];
	const path = webhookPathOf(example);
	const sender = sim.subscribeWebhooks({ targetUrl: `${server.url}/${path}`, signedUrl: `${PUBLIC_URL}${path}` });
	const executions = () => sim.requests.filter((request) => request.path === '/crm/associations/2026-03/contacts/deals/batch/read').length;
	const settled = async (expected: number) => {
		for (let waited = 0; waited < 20_000 && executions() < expected; waited += 200) await pause(200);
		await pause(1_500);
	};
	return { server, sender, executions, settled };
}
