/**
 * The load the queue-mode e2e run drives: a webhook workflow (Webhook → Rows → HubSpot
 * Associations → Row of each result) and several executions started at once through it.
 * "Row of each result", a Code node, looks each result's input row up through n8n's paired items
 * (`$('Rows').itemMatching(i)`), so a wrong pairing shows in the answer.
 */
import { batchCreateParameters } from '../../test/harness/batchCreateParameters';

export const WEBHOOK_PATH = 'hubspot-associations-queue-e2e';
export const WORKFLOW_ID = 'e2eQueueLink000001';

export interface Row {
	contactId: string;
	companyId: string;
}

/** The rows of one execution: contact ids offset+1…, companies cycling through the seeded 20,000. */
export function rowsFor(offset: number, count: number): Row[] {
	return Array.from({ length: count }, (_, i) => ({ contactId: String(offset + i + 1), companyId: String(((offset + i) % 20_000) + 1) }));
}

export function queueWorkflow(credential: { id: string; name: string }, batchSize: number) {
	const node = (name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, x: number, extra: Record<string, unknown> = {}) => ({
		id: `00000000-0000-4000-8000-00000000000${x / 200}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	return {
		id: WORKFLOW_ID,
		name: 'Queue-mode e2e: link contacts to companies from a webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} }, 0, {
				webhookId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
			}),
			node(
				'Rows',
				'n8n-nodes-base.code',
				2,
				{
					jsCode: [
						'const { offset, count } = $input.first().json.body;',
						'return Array.from({ length: count }, (_, i) => ({',
						'  json: { contactId: String(offset + i + 1), companyId: String(((offset + i) % 20000) + 1) },',
						'}));',
					].join('\n'),
				},
				200,
			),
			node(
				'Link contacts to companies',
				'n8n-nodes-hubspot-associations.hubspotAssociations',
				1,
				batchCreateParameters({ options: { batchSize } }),
				400,
				{ onError: 'continueRegularOutput', credentials: { hubspotAssociationsOAuth2Api: credential } },
			),
			node(
				'Row of each result',
				'n8n-nodes-base.code',
				2,
				{
					// In the task runner, off the worker's event loop: n8n spends about a millisecond per
					// expression, which in a Set node would hold up the worker's other job meanwhile.
					jsCode: "return $input.all().map((item, i) => ({ json: { ...item.json, row: $('Rows').itemMatching(i).json } }));",
				},
				600,
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Link contacts to companies', type: 'main', index: 0 }]] },
			'Link contacts to companies': { main: [[{ node: 'Row of each result', type: 'main', index: 0 }]] },
		},
	};
}

export interface ExecutionAnswer {
	offset: number;
	count: number;
	status: number;
	items: Array<Record<string, unknown>>;
	body: string;
	/** Epoch milliseconds when the webhook answered. */
	answeredAt: number;
}

/** Starts `executions` executions at once, each with `count` rows; resolves with every answer. */
export async function fireExecutions(baseUrl: string, executions: number, count: number): Promise<ExecutionAnswer[]> {
	return await Promise.all(
		Array.from({ length: executions }, async (_, e) => {
			const offset = e * count;
			const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ offset, count }),
				signal: AbortSignal.timeout(600_000),
			});
			const body = await response.text();
			const answeredAt = Date.now();
			let items: Array<Record<string, unknown>> = [];
			try {
				const parsed = JSON.parse(body) as unknown;
				items = Array.isArray(parsed) ? (parsed as Array<Record<string, unknown>>) : [parsed as Record<string, unknown>];
			} catch {
				/* not JSON: the assertion on status shows the body */
			}
			return { offset, count, status: response.status, items, body, answeredAt };
		}),
	);
}
