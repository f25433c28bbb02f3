import type { RunPlan } from './sharedWindow';

/** HubSpot's default burst limit, shared by every execution on the account. */
export const HUBSPOT_WINDOW = { max: 100, intervalMs: 10_000 };

const runs = (starts: number[], plan: Omit<RunPlan, 'startAt' | 'requests'> = {}, process?: (i: number) => number): RunPlan[] =>
	starts.map((startAt, i) => ({ startAt, requests: 100, ...plan, ...(process ? { process: process(i) } : {}) }));

/**
 * Executions of the node sharing one account, as on n8n's queue-mode workers (a run without a
 * `process` has a throttle of its own): the scenarios of the shared-window specs and of
 * `npm run bench:window`.
 */
export const SHARED_WINDOW_SCENARIOS = {
	'four at once': runs([0, 0, 0, 0]),
	'four started 300 ms apart': runs([0, 300, 600, 900]),
	'four started 2 s apart': runs([0, 2000, 4000, 6000]),
	'four as webhook executions reach two workers': runs([0, 150, 700, 1100]),
	'the same on two workers running two jobs each': runs([0, 150, 700, 1100], {}, (i) => i % 2),
	// n8n holds a worker's event loop for a second or more while an execution finishes (the nodes
	// after this one, saving it): the other worker must take the window over meanwhile.
	'two workers, each held 1.5 s by every execution that finishes': runs([0, 150, 700, 1100], { finishingMs: 1500 }, (i) => i % 2),
	'four in one n8n process, started 2 s apart': runs([0, 2000, 4000, 6000], {}, () => 0),
	'unequal work: 200, 100, 50, 50': [200, 100, 50, 50].map((requests, i) => ({ startAt: i * 100, requests })),
	// The second run knows nothing of the full window before its first answer, and with slow answers
	// it has several requests on their way by then.
	'back to back, the second 2 s before the first ends': runs([0, 8000]),
	'two runs started 5 s apart': runs([0, 5000]),
	'a late starter joining two busy runs': [{ startAt: 0, requests: 150 }, { startAt: 0, requests: 150 }, { startAt: 12_000, requests: 100 }],
	'eight at once': Array.from({ length: 8 }, (_, i) => ({ startAt: i * 50, requests: 50 })),
	'one run of 100': runs([0]),
	'one run of 500': [{ startAt: 0, requests: 500 }],
} satisfies Record<string, RunPlan[]>;

export type SharedWindowScenario = keyof typeof SHARED_WINDOW_SCENARIOS;
