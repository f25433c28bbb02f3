/**
 * The "Large imports" example pair (docs/large-imports.md): its Code nodes' own logic, run
 * here on n8n-shaped input, and the wiring that keeps a parent execution small. The whole
 * pattern runs in the real n8n in queue mode by `npm run bench:million`.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}
interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
}

const examples = join(__dirname, '..', '..', 'examples');
const load = (file: string) => JSON.parse(readFileSync(join(examples, file), 'utf8')) as Workflow;
const parent = load('large-import-in-chunks.json');
const chunk = load('large-import-chunk.json');
const nodeOf = (workflow: Workflow, name: string) => workflow.nodes.find((node) => node.name === name)!;

type Items = Array<{ json: Record<string, unknown> }>;
/** Runs a Code node's "all items" JavaScript with `$input` and `$('node')` as n8n gives them. */
function runCode(workflow: Workflow, name: string, input: Items, others: Record<string, Items> = {}): Items {
	const code = nodeOf(workflow, name).parameters.jsCode as string;
	const $input = { all: () => input, first: () => input[0] };
	const $ = (node: string) => ({ all: () => others[node], first: () => others[node][0] });
	return new Function('$input', '$', code)($input, $) as Items;
}

describe('examples/large-import-in-chunks.json (the parent)', () => {
	const bounds = (body: unknown) => runCode(parent, 'Chunk bounds', [{ json: { body } }]).map((item) => item.json);

	it('turns a slice of row ids into chunk bounds only, the last chunk cut at the slice end', () => {
		expect(bounds({ firstRowId: 1, lastRowId: 25_000, chunkSize: 10_000 })).toEqual([
			{ firstRowId: 1, lastRowId: 10_000 },
			{ firstRowId: 10_001, lastRowId: 20_000 },
			{ firstRowId: 20_001, lastRowId: 25_000 },
		]);
		expect(bounds({ firstRowId: 500_001, lastRowId: 1_000_000 })).toHaveLength(50);
	});

	it('names the field of a bad slice instead of importing nothing or everything', () => {
		expect(() => bounds({ firstRowId: 1 })).toThrow('lastRowId must be a whole number from 1, got undefined');
		expect(() => bounds({ firstRowId: '1', lastRowId: 10 })).toThrow('firstRowId must be a whole number from 1, got "1"');
		expect(() => bounds({ firstRowId: 1, lastRowId: 10, chunkSize: 0 })).toThrow('chunkSize must be a whole number from 1, got 0');
		expect(() => bounds({ firstRowId: 20, lastRowId: 10 })).toThrow('lastRowId (10) is before firstRowId (20)');
		expect(() => bounds(undefined)).toThrow('firstRowId must be a whole number from 1');
	});

	it('hands one chunk at a time to the sub-workflow that `npm run dev` imports, and sums the chunk summaries once done', () => {
		const loop = parent.connections['One chunk at a time'].main;
		expect(loop[1].map((c) => c.node)).toEqual(['Link one chunk']);
		expect(loop[0].map((c) => c.node)).toEqual(['Import summary']);
		expect(parent.connections['Link one chunk'].main[0].map((c) => c.node)).toEqual(['One chunk at a time']);
		expect(nodeOf(parent, 'One chunk at a time').parameters.batchSize).toBe(1);
		const devId = `dev${createHash('sha256').update('large-import-chunk.json').digest('hex').slice(0, 15)}`;
		expect(nodeOf(parent, 'Link one chunk').parameters).toMatchObject({ source: 'database', mode: 'once', workflowId: { value: devId }, options: { waitForSubWorkflow: true } });
	});

	it('sums the chunks and lists the ones to re-run', () => {
		const summaries = [
			{ firstRowId: 1, lastRowId: 10, rows: 10, byStatus: { created: 10 }, failed: 0, failures: [] },
			{ firstRowId: 11, lastRowId: 20, rows: 10, byStatus: { created: 8 }, failed: 2, failures: [{ fromObjectId: '12', error: 'x' }] },
		];
		const [total] = runCode(parent, 'Import summary', summaries.map((json) => ({ json })));
		expect(total.json).toEqual({
			chunks: 2,
			rows: 20,
			byStatus: { created: 18 },
			failed: 2,
			failedChunks: [{ firstRowId: 11, lastRowId: 20, failed: 2, failures: [{ fromObjectId: '12', error: 'x' }] }],
		});
	});
});

describe('examples/large-import-chunk.json (the sub-workflow)', () => {
	it("reads only its chunk's rows, by row id range", () => {
		const read = nodeOf(chunk, "Read the chunk's rows").parameters;
		expect(read.query).toContain('WHERE row_id BETWEEN $1 AND $2');
		expect(read.options).toEqual({ queryReplacement: '={{ $json.firstRowId }},{{ $json.lastRowId }}' });
	});

	it("answers one summary item per chunk: every row counted, failed rows with their ids and HubSpot's reason", () => {
		const results: Items = [
			...Array.from({ length: 150 }, (_, i) => ({ json: { fromObjectId: String(i), toObjectId: '7', error: `bad ${i}` } })),
			...Array.from({ length: 40 }, () => ({ json: { status: 'created' } })),
			{ json: { status: 'alreadyExisted' } },
		];
		const out = runCode(chunk, 'Chunk summary', results, { 'When called with a chunk': [{ json: { firstRowId: 1, lastRowId: 191 } }] });
		expect(out).toHaveLength(1);
		const summary = out[0].json as { failures: unknown[] };
		expect({ ...summary, failures: summary.failures.length }).toEqual({ firstRowId: 1, lastRowId: 191, rows: 191, byStatus: { created: 40, alreadyExisted: 1 }, failed: 150, failures: 100 });
		expect(summary.failures[0]).toEqual({ fromObjectId: '0', toObjectId: '7', error: 'bad 0' });
	});

	it('keeps failed rows in the output (Continue) and does not save each successful chunk execution', () => {
		const link = chunk.nodes.find((node) => node.type === 'n8n-nodes-hubspot-associations.hubspotAssociations') as WorkflowNode & { onError?: string };
		expect(link.onError).toBe('continueRegularOutput');
		expect(chunk.settings.saveDataSuccessExecution).toBe('none');
	});
});
