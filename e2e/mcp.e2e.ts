/**
 * `npm run test:e2e`: the node as an AI agent's tool, called by a real MCP client through the
 * REAL n8n server (2.41.1 on Node 24, `n8n start`). examples/mcp-server-link-contact-to-company.json
 * (an MCP Server Trigger with Bearer auth and the HubSpot Associations Tool, ids from $fromAI) is
 * imported and published with an app-token credential pointed at the HubSpot simulator; the MCP
 * SDK's client connects over Streamable HTTP, lists the tools and calls the HubSpot one.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadStarter, type N8nServer } from './support/server';
import { startSimulator, type HubSpotSimulator } from '../tools/simulator';


const root = join(__dirname, '..');
type Node = { name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> };
const example = JSON.parse(readFileSync(join(root, 'examples', 'mcp-server-link-contact-to-company.json'), 'utf8')) as { nodes: Node[] };
const trigger = example.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
const tool = example.nodes.find((node) => node.type === 'n8n-nodes-hubspot-associations.hubspotAssociationsTool')!;
const credentialOf = (node: Node) => Object.entries(node.credentials!)[0];

/**
 * n8n settings this run needs beyond tools/e2e/n8n.sh's offline defaults: none for the tool.
 * n8n 2.41 turns every installed community node with `usableAsTool` into a `…Tool` node type;
 * it no longer reads N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE (older 1.x releases needed it true),
 * so this run leaves it unset to prove that. The MCP Server Trigger serves production URLs under
 * N8N_ENDPOINT_MCP (default "mcp"), set here to show where the URL comes from.
 */
const N8N_ENV = { N8N_ENDPOINT_MCP: 'mcp' };

let sim: HubSpotSimulator;
let server: N8nServer;
let client: Client;
const workDir = mkdtempSync(join(tmpdir(), 'hubspot-assoc-mcp-e2e-'));
const appToken = `pat-e2e-${randomBytes(12).toString('hex')}`;
const mcpBearer = `mcp-e2e-${randomBytes(12).toString('hex')}`;
/** The trigger's production URL (published workflow): `<n8n>/<N8N_ENDPOINT_MCP>/<path>`. */
const mcpUrl = () => new URL(`${server.url}/${N8N_ENV.N8N_ENDPOINT_MCP}/${String(trigger.parameters.path)}`);
const authorized = { requestInit: { headers: { Authorization: `Bearer ${mcpBearer}` } } };

before(async () => {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	execFileSync('npm', ['pack', '--pack-destination', workDir], { cwd: root, stdio: 'inherit' });
	const tarball = join(workDir, readdirSync(workDir).find((name) => name.endsWith('.tgz'))!);

	sim = await startSimulator();
	sim.state.addPrivateAppToken(appToken);
	const [hubspotType, hubspotRef] = credentialOf(tool);
	const [bearerType, bearerRef] = credentialOf(trigger);
	const { startN8nServer } = await loadStarter();
	server = await startN8nServer({
		tarball,
		credentials: [
			{ ...hubspotRef, type: hubspotType, data: { appToken, baseUrl: sim.baseUrl } },
			{ ...bearerRef, type: bearerType, data: { token: mcpBearer } },
		],
		workflows: [{ ...example, id: 'e2eMcpServer00001' }],
		publish: ['e2eMcpServer00001'],
		waitForWebhooks: [{ method: 'POST', path: `${N8N_ENV.N8N_ENDPOINT_MCP}/${String(trigger.parameters.path)}` }],
		env: N8N_ENV,
	}).catch((error: Error & { log?: string }) => {
		process.stderr.write(`${error.log ?? ''}\n`);
		throw error;
	});

	client = new Client({ name: 'hubspot-associations-e2e', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(mcpUrl(), authorized));
});

after(async () => {
	await client?.close().catch(() => undefined);
	await server?.stop();
	await sim?.close();
	rmSync(workDir, { recursive: true, force: true });
});

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
	const content = result.content as Array<{ type: string; text?: string }>;
	assert.equal(content.length, 1);
	assert.equal(content[0].type, 'text');
	return content[0].text!;
}

describe('the HubSpot Associations tool behind n8n’s MCP Server Trigger', () => {
	it('refuses an MCP client without the bearer token', async () => {
		const res = await fetch(mcpUrl(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
		});
		assert.equal(res.status, 403);
	});

	it('lists the tool with its name, a description written for the model and the $fromAI inputs', async () => {
		const { tools } = await client.listTools();
		assert.deepEqual(
			tools.map((listed) => listed.name),
			['link_contact_to_company'],
		);
		const [listed] = tools;
		assert.equal(
			listed.description,
			"Links a record in HubSpot contacts to a record in HubSpot companies with HubSpot's default, unlabeled association. Give the HubSpot record ID (digits) of each record. Answers status \"created\", or status \"failed\" with the reason, e.g. an ID that names no record.",
		);
		const schema = listed.inputSchema as { type: string; properties: Record<string, { type: string; description?: string }>; required?: string[] };
		assert.equal(schema.type, 'object');
		assert.deepEqual(schema.properties, {
			contactId: { type: 'string', description: 'The HubSpot record ID (digits, e.g. 101) of the contact to link' },
			companyId: { type: 'string', description: 'The HubSpot record ID (digits, e.g. 201) of the company to link the contact to' },
		});
		assert.deepEqual([...(schema.required ?? [])].sort(), ['companyId', 'contactId']);
	});

	it('serves the same tool over SSE, the older MCP transport', async () => {
		const sseClient = new Client({ name: 'hubspot-associations-e2e-sse', version: '1.0.0' });
		await sseClient.connect(new SSEClientTransport(mcpUrl(), authorized));
		try {
			const { tools } = await sseClient.listTools();
			assert.deepEqual(
				tools.map((listed) => listed.name),
				['link_contact_to_company'],
			);
		} finally {
			await sseClient.close();
		}
	});

	it('links a contact to a company: the simulator holds the pair and the answer is compact', async () => {
		const result = await client.callTool({ name: 'link_contact_to_company', arguments: { contactId: '101', companyId: '201' } });

		assert.notEqual(result.isError, true);
		assert.deepEqual(JSON.parse(textOf(result)), [{ status: 'created', fromObjectType: 'contacts', fromObjectId: '101', toObjectType: 'companies', toObjectId: '201' }]);
		assert.deepEqual(
			sim.state.associationsBetween('contacts', '101', 'companies', '201').map((spec) => spec.associationTypeId),
			[279],
		);
		assert.deepEqual(
			sim.state.associationsBetween('companies', '201', 'contacts', '101').map((spec) => spec.associationTypeId),
			[280],
		);
		const sent = sim.requests.filter((request) => request.path.endsWith('/batch/associate/default'));
		assert.equal(sent.length, 1, 'one request to HubSpot');
		assert.deepEqual(sent[0].body, { inputs: [{ from: { id: '101' }, to: { id: '201' } }] });
	});

	it('answers an unknown company id with a failed result that names it and says what to do, and no token', async () => {
		const result = await client.callTool({ name: 'link_contact_to_company', arguments: { contactId: '102', companyId: '999999' } });

		const text = textOf(result);
		assert.deepEqual(JSON.parse(text), [
			{
				status: 'failed',
				error:
					'HubSpot did not accept contacts 102 → companies 999999: One or more object ids are invalid: COMPANY=999999 is not valid. No HubSpot record has that ID: look the record up first and call again with its HubSpot record ID',
				fromObjectId: '102',
				toObjectId: '999999',
			},
		]);
		assert.deepEqual(sim.state.associationsBetween('contacts', '102', 'companies', '999999'), []);
		for (const secret of [appToken, mcpBearer]) assert.ok(!text.includes(secret) && !server.log().includes(secret), 'no token in the answer or n8n’s log');
	});
});
