/** What `bench:million` prints: the run's figures and whether every pair was stored exactly once. */
import { describeFigures, type RateFigures } from '../../e2e/rateReport';
import type { SliceAnswer } from './slices';
import type { StoredCheck } from './tally';

export interface WorkerFigures {
	name: string;
	executions: number;
	peakMiB: number | undefined;
	taskRunnerPeakMiB: number | undefined;
	/** Highest resident memory sampled in each quarter of the run. */
	rssByQuarterMiB: number[];
}

export interface MillionRun {
	pairs: number;
	setup: string;
	figures: RateFigures;
	otherRequests: Record<string, number>;
	answers: SliceAnswer[];
	started: number;
	workers: WorkerFigures[];
	mainPeakMiB: number | undefined;
	stored: StoredCheck;
	foreign: number;
	load: string;
}

const mib = (value: number | undefined) => (value === undefined ? 'n/a' : `${Math.round(value).toLocaleString('en-US')} MiB`);

/** Every source pair stored once with its type, nothing else, every slice answered with no failed row. */
export function exactlyOnce(run: MillionRun): boolean {
	const { stored } = run;
	const failedRows = run.answers.reduce((sum, answer) => sum + Number(answer.summary?.failed ?? 0), 0);
	return (
		stored.stored === run.pairs &&
		stored.missing + stored.wrongTypes + stored.sentTwice + stored.neverSent + run.foreign + failedRows === 0 &&
		run.answers.every((answer) => answer.status === 200)
	);
}

export function millionReport(run: MillionRun): string {
	const { stored } = run;
	const lines = [
		`bench:million: ${run.pairs.toLocaleString('en-US')} distinct pairs; ${run.setup}`,
		`  batch/create: ${describeFigures(run.figures)}`,
		`  other requests: ${Object.entries(run.otherRequests).map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none'}`,
		...run.answers.map(
			(answer) =>
				`  slice rows ${answer.firstRowId}–${answer.lastRowId}: HTTP ${answer.status} after ${((answer.answeredAt - run.started) / 1000).toFixed(1)} s` +
				(answer.summary ? `, ${JSON.stringify({ chunks: answer.summary.chunks, rows: answer.summary.rows, byStatus: answer.summary.byStatus, failed: answer.summary.failed })}` : `: ${answer.body.slice(0, 300)}`),
		),
		...run.workers.map((worker) => `  ${worker.name}: ${worker.executions} slice executions, peak RSS ${mib(worker.peakMiB)} (its task runner ${mib(worker.taskRunnerPeakMiB)}); by quarter of the run ${worker.rssByQuarterMiB.map(mib).join(' → ')}`),
		`  n8n main: peak RSS ${mib(run.mainPeakMiB)}`,
		`  simulator holds ${stored.stored.toLocaleString('en-US')} pairs; of the source's: missing ${stored.missing}, other types ${stored.wrongTypes}; ` +
			`accepted by HubSpot twice ${stored.sentTwice}, never ${stored.neverSent}; inputs not from the source ${run.foreign}`,
		`  every pair stored exactly once: ${exactlyOnce(run) ? 'yes' : 'NO'}`,
		`  load average ${run.load}`,
	];
	return `${lines.join('\n')}\n`;
}
