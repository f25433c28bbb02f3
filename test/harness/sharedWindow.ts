import { retryDecision } from '../../nodes/HubspotAssociations/helpers/retryPolicy';
import { answerSignal, ConcurrencyLimit, type ConcurrencySetting } from '../../nodes/HubspotAssociations/transport/concurrency';
import { RequestThrottle, type RateWindow } from '../../nodes/HubspotAssociations/transport/throttle';
import type { FakeClock } from './fakeClock';

/** One execution of the node: when it starts and how many batch requests it has to send. */
export interface RunPlan {
	startAt: number;
	requests: number;
	/** Runs with the same process number share one throttle, as executions in one n8n process do. */
	process?: number;
	/**
	 * After its last answer, the run holds its process's event loop this long, as n8n does while it
	 * runs the nodes after this one and saves the execution: other runs of the process neither send
	 * nor read answers meanwhile.
	 */
	finishingMs?: number;
}

export interface SharedWindowResult {
	/** When each run was done (its last answer, plus its `finishingMs`). */
	finishedAt: number[];
	/** From the first start to the last run done. */
	wallMs: number;
	sent: number;
	rateLimited: number;
	/** Requests ÷ the window's rate: the fastest the account allows. */
	optimumMs: number;
}

/**
 * Several executions, each with its own throttle (as on n8n workers), sharing one account's
 * rolling window in virtual time: HubSpot counts a request when it arrives, half an answer's
 * time after it is sent, answers 429 over the window, and reports Max and Remaining in headers.
 * A 429 is retried as the transport does: the throttle pauses for the retry policy's wait.
 */
export async function runSharedWindow(
	clock: FakeClock,
	plans: RunPlan[],
	options: {
		window: RateWindow;
		configured?: RateWindow;
		latencyMs: number;
		concurrency?: ConcurrencySetting;
		/** Each half of an answer's time drawn from latencyMs/2 × (1 ± spread), seeded: answers out of order and in bursts. */
		latencySpread?: { spread: number; seed: number };
		/**
		 * When HubSpot counts a request: `halfway` to its answer (the default), or on `arrival`, as the
		 * bundled simulator does (it counts a request as it comes in, answers a 429 at once and a 2xx
		 * after the whole answer time), so the engine benches' window frees half an answer earlier.
		 */
		counts?: 'halfway' | 'arrival';
		/**
		 * Each request's way to HubSpot and back, by the order it was sent in (0, 1, …): overrides
		 * latencyMs and latencySpread, with `counts: 'halfway'` (a slow upload and a fast answer: HubSpot
		 * counts the request near its answer).
		 */
		halves?: (sentIndex: number) => [toHubSpot: number, back: number];
	},
): Promise<SharedWindowResult> {
	const { window, latencyMs } = options;
	let seed = options.latencySpread?.seed ?? 0;
	const halfLatency = (): number => {
		if (!options.latencySpread) return latencyMs / 2;
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return Math.round((latencyMs / 2) * (1 - options.latencySpread.spread + (2 * options.latencySpread.spread * seed) / 2147483648));
	};
	const arrivals: number[] = [];
	let sent = 0;
	const processThrottles = new Map<number, RequestThrottle>();
	/** The one throttle of a process, as `accountThrottle` gives the runs of one n8n process. */
	const processThrottle = (process: number, configured: RateWindow): RequestThrottle => {
		if (!processThrottles.has(process)) processThrottles.set(process, new RequestThrottle(configured, clock));
		return processThrottles.get(process)!;
	};
	let rateLimited = 0;
	/** Until when each process's event loop is held by a finishing run. */
	const heldUntil = new Map<number, number>();
	const whileHeld = async (process: number | undefined): Promise<void> => {
		if (process === undefined) return;
		for (let until = heldUntil.get(process) ?? 0; until > clock.now(); until = heldUntil.get(process) ?? 0) await clock.sleep(until - clock.now());
	};

	const admit = (): { status: number; headers: Record<string, string> } => {
		const now = clock.now();
		while (arrivals.length > 0 && arrivals[0] <= now - window.intervalMs) arrivals.shift();
		const over = arrivals.length >= window.max;
		if (!over) arrivals.push(now);
		const headers = {
			'x-hubspot-ratelimit-max': String(window.max),
			'x-hubspot-ratelimit-interval-milliseconds': String(window.intervalMs),
			'x-hubspot-ratelimit-remaining': String(Math.max(0, window.max - arrivals.length)),
		};
		return { status: over ? 429 : 200, headers };
	};

	/** One request as the transport sends it: under the throttle, 429s retried after the policy's wait. */
	const request = async (throttle: RequestThrottle, limit: ConcurrencyLimit, process: number | undefined): Promise<void> => {
		for (;;) {
			await whileHeld(process);
			const answered = await throttle.acquire();
			sent++;
			const sentAt = clock.now();
			const onItsWay = limit.sending();
			const onArrival = options.counts === 'arrival';
			const halves = options.halves?.(sent - 1);
			const before = halves ? halves[0] : onArrival ? 0 : halfLatency();
			await clock.sleep(before);
			const { status, headers } = admit();
			if (halves) await clock.sleep(halves[1]);
			else if (!onArrival) await clock.sleep(halfLatency());
			else if (status === 200) await clock.sleep(halfLatency() + halfLatency());
			await whileHeld(process);
			onItsWay();
			answered();
			limit.observe(answerSignal(status), clock.now() - sentAt);
			throttle.observe(headers, status);
			if (status === 200) {
				throttle.notRateLimited();
				return;
			}
			rateLimited++;
			const decision = retryDecision({ statusCode: 429, headers }, 0, 0.5);
			if (decision.retry && decision.untilRoom) throttle.holdUntilRoom(0.5);
			else if (decision.retry) throttle.pause(decision.waitMs);
		}
	};

	/** One execution: its batches shared by workers as the batch runner does, each under the concurrency limit. */
	const run = async (plan: RunPlan): Promise<number> => {
		await clock.sleep(plan.startAt);
		const configured = options.configured ?? { max: 100, intervalMs: 10_000 };
		const throttle = plan.process === undefined ? new RequestThrottle(configured, clock) : processThrottle(plan.process, configured);
		const limit = new ConcurrencyLimit(options.concurrency ?? 'auto', () => throttle.pace(), clock);
		let next = 0;
		const worker = async () => {
			while (next < plan.requests) {
				next++;
				const release = await limit.acquire();
				try {
					await request(throttle, limit, plan.process);
				} finally {
					release();
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(limit.ceiling, plan.requests) }, worker));
		if (!plan.finishingMs) return clock.now();
		await whileHeld(plan.process);
		if (plan.process !== undefined) heldUntil.set(plan.process, clock.now() + plan.finishingMs);
		await clock.sleep(plan.finishingMs);
		return clock.now();
	};

	const finishing = Promise.all(plans.map(run));
	await clock.run();
	const finishedAt = await finishing;
	const firstStart = Math.min(...plans.map((plan) => plan.startAt));
	const total = plans.reduce((sum, plan) => sum + plan.requests, 0);
	return {
		finishedAt,
		wallMs: Math.max(...finishedAt) - firstStart,
		sent,
		rateLimited,
		optimumMs: (total / window.max) * window.intervalMs,
	};
}
