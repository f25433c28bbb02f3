/**
 * BENCHMARKS.md from the measurements of one `npm run bench:compare` run.
 */
import type { Measurement } from './measure';
import { CHUNK_SIZE, WAYS } from './workflows';

export interface Setting {
	date: string;
	machine: string;
	n8n: string;
	node: string;
	packageVersion: string;
	totalMinutes: number;
	/** 1-minute load averages seen after each scenario: other work on the machine inflates times. */
	loadAverages: number[];
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) : 'n/a');

function row(m: Measurement): string {
	const perSecond = m.nodesMs > 0 ? int((m.items * 1000) / m.nodesMs) : 'n/a';
	return `| ${WAYS[m.way].title} | ${int(m.items)} | ${m.status} | ${int(m.requests)} | ${seconds(m.nodesMs)} | ${seconds(m.executionMs)} | ${perSecond} | ${m.peakRssMiB === undefined ? 'n/a' : int(m.peakRssMiB)} | ${m.paired ? 'yes' : `no (${int(m.outputItems)} output items)`} |`;
}

function windowRow(m: Measurement): string {
	return `| ${WAYS[m.way].title} | ${int(m.items)} | ${m.status} | ${int(m.requests)} | ${int(m.rateLimited)} | ${int(m.failedRows)} | ${int(m.lostRows)} | ${seconds(m.executionMs)} |`;
}

/** A text bar chart of rows per second (the README shows it). */
export function chart(measurements: Measurement[], items: number): string {
	const picked = measurements.filter((m) => !m.rateWindow && m.items === items && m.nodesMs > 0);
	const rates = picked.map((m) => (m.items * 1000) / m.nodesMs);
	const top = Math.max(...rates);
	return picked
		.map((m, index) => `${WAYS[m.way].title.padEnd(38)} ${'█'.repeat(Math.max(1, Math.round((rates[index] / top) * 40)))} ${int(rates[index])} rows/s`)
		.join('\n');
}

export function benchmarksMarkdown(setting: Setting, measurements: Measurement[]): string {
	const free = measurements.filter((m) => !m.rateWindow);
	const limited = measurements.filter((m) => m.rateWindow);
	return [
		'# Benchmarks: HubSpot Associations node vs the HTTP Request node',
		'',
		`Written by \`npm run bench:compare\` (tools/bench/compare/) on ${setting.date}, in one run of ${setting.totalMinutes.toFixed(0)} minutes.`,
		'Do not edit by hand: run it again.',
		'',
		`- Machine: ${setting.machine}`,
		`- Load: 1-minute load average ${Math.min(...setting.loadAverages).toFixed(1)}–${Math.max(...setting.loadAverages).toFixed(1)} during the run (n8n, the simulator and the bench share the machine; a load above its core count means other work did too and inflated the times: compare the ways at the same row count)`,
		`- n8n ${setting.n8n} (the real CLI, \`n8n execute\`, sqlite) on Node.js ${setting.node}; ${setting.packageVersion}`,
		'- HubSpot: the bundled simulator (tools/simulator) on the same machine, so times show the work of n8n and each way,',
		'  not HubSpot\'s latency: against the real HubSpot every request also costs its round trip, which favours fewer requests even more.',
		'',
		'Each workflow: Manual Trigger → **Rows** (a Code node making N contact → company rows) → the way under test:',
		'',
		'- **HubSpot Associations node**: Batch Create Associations with its defaults (2,000 rows per request, 100 requests per 10 s).',
		'- **HTTP Request, one call per item**: `POST …/associations/2026-03/contacts/companies/batch/create` with one input per item',
		'  (the per-item way; run up to 10,000 rows).',
		`- **Code (chunks of ${CHUNK_SIZE}) → HTTP Request**: a Code node gathers ${CHUNK_SIZE} rows per item, the HTTP Request node sends one batch per chunk.`,
		'- Both HTTP Request ways have *On Error: Continue (using regular output)*, so a refused request fails its items instead of the run.',
		'',
		'## Without a rate limit',
		'',
		'| way | rows | run | requests | time in the way\'s nodes (s) | whole execution (s) | rows/s | peak memory (MiB) | each output item paired to its row |',
		'| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
		...free.map(row),
		'',
		'- *rows/s*: rows ÷ time in the way\'s nodes (n8n\'s own per-node execution time). *Whole execution* also counts the Rows',
		'  node every way shares. *Peak memory*: the peak resident memory (getrusage maxRSS) of the `n8n execute` process,',
		'  which includes n8n itself (~200–300 MiB before any workflow), keeping all items of the run and printing them;',
		'  Code nodes run in n8n\'s task-runner process, not counted.',
		'- *Paired*: output item *i* carries `pairedItem` = input row *i* and is about that row. The chunk way outputs one item per',
		`  chunk (HubSpot's answer for ${CHUNK_SIZE} rows, results in no particular order): later nodes cannot tell which row failed.`,
		'',
		`## Under a HubSpot-shaped rate window (${100} requests per 10 s, rolling)`,
		'',
		'| way | rows | run | requests | answered 429 | rows failed | rows lost | whole execution (s) |',
		'| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
		...limited.map(windowRow),
		'',
		'- *Rows failed*: rows whose output says they failed (for the chunk way, every row of a failed chunk).',
		'  *Rows lost*: rows neither stored in the simulator nor reported failed.',
		'- The node spreads its requests over the window and follows HubSpot\'s `X-HubSpot-RateLimit-*` headers; the HTTP Request',
		'  node sends as fast as n8n runs it and knows nothing of the window (its *Batching* option and *Retry On Fail* can slow it',
		'  down, by hand-tuned fixed delays).',
		'',
		'## Rows per second at 10,000 rows',
		'',
		'```',
		chart(measurements, 10_000),
		'```',
		'',
	].join('\n');
}
