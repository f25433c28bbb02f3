/**
 * The example workflows as `bench:million` imports them, and the slices it starts: one
 * execution of the parent per slice of row ids, all at once, each answered when its chunks
 * are done. Plain node:http: fetch gives up on an answer after 300 s, a slice may take longer.
 */
import { readFileSync } from 'fs';
import { request } from 'http';
import { join } from 'path';

const examples = join(__dirname, '..', '..', '..', 'examples');
/** The id the parent's Execute Workflow node names (the one `npm run dev` gives this file). */
export const CHUNK_WORKFLOW_ID = 'dev14ec5df9bccaa23';
export const PARENT_WORKFLOW_ID = 'benchMillionParent01';
export const WEBHOOK_PATH = 'hubspot-large-import';
export const HUBSPOT_CREDENTIAL = { id: 'hubspotSimulator01', name: 'HubSpot (simulator)' };
export const SOURCE_CREDENTIAL = { id: 'largeImportSource1', name: 'Postgres (import source)' };

const load = (file: string) => JSON.parse(readFileSync(join(examples, file), 'utf8')) as Record<string, unknown>;

/** The two examples; the HubSpot node's Requests per 10 Seconds set to the account's limit, as the docs say. */
export function exampleWorkflows(requestsPerTenSeconds: number): Array<Record<string, unknown> & { id: string }> {
	const chunk = load('large-import-chunk.json') as { nodes: Array<{ type: string; parameters: { options?: Record<string, unknown> } }> };
	for (const node of chunk.nodes) {
		if (node.type === 'n8n-nodes-hubspot-associations.hubspotAssociations') node.parameters.options = { ...node.parameters.options, requestsPerTenSeconds };
	}
	return [
		{ ...chunk, id: CHUNK_WORKFLOW_ID },
		{ ...load('large-import-in-chunks.json'), id: PARENT_WORKFLOW_ID },
	];
}

export interface Slice {
	firstRowId: number;
	lastRowId: number;
}

/** `count` contiguous slices of rows 1…pairs, each a whole number of chunks but the last. */
export function slicesOf(pairs: number, count: number, chunkSize: number): Slice[] {
	const chunks = Math.ceil(pairs / chunkSize);
	const slices: Slice[] = [];
	for (let s = 0, firstChunk = 0; s < count && firstChunk < chunks; s++) {
		const chunksHere = Math.ceil((chunks - firstChunk) / (count - s));
		slices.push({ firstRowId: firstChunk * chunkSize + 1, lastRowId: Math.min((firstChunk + chunksHere) * chunkSize, pairs) });
		firstChunk += chunksHere;
	}
	return slices;
}

export interface SliceAnswer extends Slice {
	status: number;
	summary: Record<string, unknown> | undefined;
	body: string;
	/** Epoch ms when it answered. */
	answeredAt: number;
}

function post(url: string, body: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

export async function startSlices(baseUrl: string, slices: Slice[], chunkSize: number): Promise<SliceAnswer[]> {
	return await Promise.all(
		slices.map(async (slice) => {
			const answer = await post(`${baseUrl}/webhook/${WEBHOOK_PATH}`, JSON.stringify({ ...slice, chunkSize }));
			let summary: Record<string, unknown> | undefined;
			try {
				summary = JSON.parse(answer.body) as Record<string, unknown>;
			} catch {
				/* not JSON: the report shows the body */
			}
			return { ...slice, status: answer.status, summary, body: answer.body, answeredAt: Date.now() };
		}),
	);
}
