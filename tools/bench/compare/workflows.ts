/**
 * The three ways `npm run bench:compare` compares, each as the workflow a user would build:
 * Manual Trigger → Rows (a Code node making N contact → company rows) → …
 *   node:    HubSpot Associations (Batch Create, its defaults: 2,000 per request, throttled);
 *   perItem: HTTP Request, one POST …/batch/create per item (HubSpot's endpoint, one input each);
 *   chunks:  Code node gathering chunks of 100 → HTTP Request, one POST per chunk.
 * Both HTTP Request ways continue on error, so a refused request fails its items instead of the
 * whole run (the kindest setting for them when counting failed items).
 */
import { batchCreateParameters } from '../../../test/harness/batchCreateParameters';

export type Way = 'node' | 'perItem' | 'chunks';

export const WAYS: Record<Way, { title: string; nodes: string[] }> = {
	node: { title: 'HubSpot Associations node', nodes: ['HubSpot Associations'] },
	perItem: { title: 'HTTP Request, one call per item', nodes: ['HTTP Request'] },
	chunks: { title: 'Code (chunks of 100) → HTTP Request', nodes: ['Chunks of 100', 'HTTP Request'] },
};

export const CHUNK_SIZE = 100;
export const OAUTH_CREDENTIAL = { id: 'benchHubspotOAuth01', name: 'HubSpot (simulator)' };
export const HEADER_CREDENTIAL = { id: 'benchHubspotHeader01', name: 'HubSpot bearer header (simulator)' };

const TYPES = "[{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }]";

export function rowOf(index: number): { contactId: string; companyId: string } {
	return { contactId: String(index + 1), companyId: String((index % 20_000) + 1) };
}

function node(name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return { id: `0c0ffee0-0000-4000-8000-${String(x).padStart(12, '0')}`, name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

function httpRequest(baseUrl: string, x: number, body: string) {
	return node(
		'HTTP Request',
		'n8n-nodes-base.httpRequest',
		4.2,
		x,
		{
			method: 'POST',
			url: `${baseUrl}/crm/associations/2026-03/contacts/companies/batch/create`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options: {},
		},
		{ onError: 'continueRegularOutput', credentials: { httpHeaderAuth: HEADER_CREDENTIAL } },
	);
}

function steps(way: Way, baseUrl: string) {
	switch (way) {
		case 'node':
			return [
				node(
					'HubSpot Associations',
					'n8n-nodes-hubspot-associations.hubspotAssociations',
					1,
					400,
					batchCreateParameters({ options: {} }),
					{ onError: 'continueRegularOutput', credentials: { hubspotAssociationsOAuth2Api: OAUTH_CREDENTIAL } },
				),
			];
		case 'perItem':
			return [httpRequest(baseUrl, 400, `={{ { inputs: [{ from: { id: $json.contactId }, to: { id: $json.companyId }, types: ${TYPES} }] } }}`)];
		case 'chunks':
			return [
				node('Chunks of 100', 'n8n-nodes-base.code', 2, 400, {
					jsCode: [
						'const rows = $input.all().map((item) => item.json);',
						'const chunks = [];',
						`for (let i = 0; i < rows.length; i += ${CHUNK_SIZE}) {`,
						`  const inputs = rows.slice(i, i + ${CHUNK_SIZE}).map((row) => ({ from: { id: row.contactId }, to: { id: row.companyId }, types: ${TYPES} }));`,
						'  chunks.push({ json: { inputs } });',
						'}',
						'return chunks;',
					].join('\n'),
				}),
				httpRequest(baseUrl, 600, '={{ { inputs: $json.inputs } }}'),
			];
	}
}

export function compareWorkflow(id: string, way: Way, items: number, baseUrl: string) {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Rows', 'n8n-nodes-base.code', 2, 200, {
			jsCode: `return Array.from({ length: ${items} }, (_, i) => ({ json: { contactId: String(i + 1), companyId: String((i % 20000) + 1) } }));`,
		}),
		...steps(way, baseUrl),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name: `bench:compare ${way} ${items}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}
