/**
 * One `bench:compare` scenario: a way × a number of rows, run by the real n8n CLI (`n8n execute`)
 * against the simulator, and what came out of it: requests, time, peak memory, pairing, failed
 * and lost rows.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { HubSpotSimulator } from '../../simulator';
import { CHUNK_SIZE, WAYS, compareWorkflow, rowOf, type Way } from './workflows';

export interface Scenario {
	way: Way;
	items: number;
	/** A HubSpot-shaped window (100 requests per 10 s) enforced by the simulator. */
	rateWindow: boolean;
}

export interface Measurement extends Scenario {
	status: string;
	requests: number;
	rateLimited: number;
	/** Time spent in the way's own nodes (n8n's per-node execution time). */
	nodesMs: number;
	/** The whole execution (includes the Rows node every way shares). */
	executionMs: number;
	peakRssMiB: number | undefined;
	/** Every output item is paired to its own input row (n8n's pairedItem). */
	paired: boolean;
	outputItems: number;
	failedRows: number;
	/** Rows neither stored in the simulator nor reported failed. */
	lostRows: number;
}

export const HUBSPOT_WINDOW = { max: 100, intervalMs: 10_000 };

type RunData = Record<string, Array<{ executionTime?: number; data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: { item: number } | Array<{ item: number }> }> | null> } }>>;

interface Runner {
	runWorkflowInN8n(options: Record<string, unknown>): Promise<{ status: string; runData: RunData; execution?: { startedAt?: string; stoppedAt?: string } }>;
}

const pairedIndex = (pairedItem: unknown) => (Array.isArray(pairedItem) ? (pairedItem as Array<{ item: number }>)[0]?.item : (pairedItem as { item: number } | undefined)?.item);

/** The peak of the `n8n execute` process, from the files peakMemory.cjs wrote. */
function executePeakMiB(dir: string): number | undefined {
	const records = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { argv: string[]; maxRssKiB: number });
	const execute = records.filter((record) => record.argv.includes('execute') || record.argv.some((arg) => arg.startsWith('--id=')));
	return execute.length > 0 ? Math.max(...execute.map((record) => record.maxRssKiB)) / 1024 : undefined;
}

/** Rows each output item speaks for, and whether they failed. */
function outcome(way: Way, items: Array<{ json: Record<string, unknown>; pairedItem?: unknown }>, rows: number) {
	if (way === 'chunks') {
		const failed = items.reduce((sum, item, chunk) => sum + (item.json.error ? Math.min(CHUNK_SIZE, rows - chunk * CHUNK_SIZE) : 0), 0);
		return { paired: false, failed };
	}
	let paired = items.length === rows;
	let failed = 0;
	items.forEach((item, index) => {
		if (pairedIndex(item.pairedItem) !== index) paired = false;
		const json = item.json;
		if (json.error) {
			failed++;
			return;
		}
		const row = rowOf(index);
		// HubSpot's batch answer for one input: results[0] is that pair (LabelsBetweenObjectPair).
		const from = way === 'node' ? json.fromObjectId : (json.results as Array<{ fromObjectId: string }> | undefined)?.[0]?.fromObjectId;
		if (String(from) !== row.contactId) paired = false;
	});
	return { paired, failed: failed + Math.max(0, rows - items.length) };
}

export async function measure(runner: Runner, sim: HubSpotSimulator, scenario: Scenario, run: { tarball: string; credentials: unknown[]; cache: string; peakPreload: string }): Promise<Measurement> {
	sim.state.clearAssociations();
	sim.requests.length = 0;
	sim.faults.rateWindow(scenario.rateWindow ? HUBSPOT_WINDOW : null);
	const peakDir = mkdtempSync(join(tmpdir(), 'bench-compare-peak-'));
	try {
		const id = `bc${scenario.way}${scenario.items}${scenario.rateWindow ? 'w' : ''}`.slice(0, 21);
		const result = await runner.runWorkflowInN8n({
			tarball: run.tarball,
			credentials: run.credentials,
			cache: run.cache,
			workflow: compareWorkflow(id, scenario.way, scenario.items, sim.baseUrl),
			allowFailure: true,
			timeoutMs: 1_800_000,
			env: { NODE_OPTIONS: `--require ${run.peakPreload}`, N8N_BENCH_PEAK_DIR: peakDir },
		});
		const names = WAYS[scenario.way].nodes;
		const last = result.runData[names[names.length - 1]]?.[0];
		const items = last?.data?.main?.[0] ?? [];
		const { paired, failed } = outcome(scenario.way, items, scenario.items);
		let stored = 0;
		for (let index = 0; index < scenario.items; index++) {
			const row = rowOf(index);
			if (sim.state.associationsBetween('contacts', row.contactId, 'companies', row.companyId).length > 0) stored++;
		}
		const creates = sim.requests.filter((request) => request.kind === 'associations/batch/create');
		const execution = result.execution;
		return {
			...scenario,
			status: result.status,
			requests: creates.length,
			rateLimited: creates.filter((request) => request.status === 429).length,
			nodesMs: names.reduce((sum, name) => sum + (result.runData[name]?.[0]?.executionTime ?? 0), 0),
			executionMs: execution?.startedAt && execution.stoppedAt ? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt) : Number.NaN,
			peakRssMiB: executePeakMiB(peakDir),
			paired,
			outputItems: items.length,
			failedRows: failed,
			lostRows: Math.max(0, scenario.items - stored - failed),
		};
	} finally {
		rmSync(peakDir, { recursive: true, force: true });
	}
}
