import { SeededRandom } from './random';
import { RateLimiter, SEARCH_WINDOW, type RateWindow } from './rateLimit';
import { RecordLocks } from './recordLocks';
import { StatsCollector, type SimulatorStats } from './stats';

export type TransientStatus = 500 | 502 | 503 | 504 | 521 | 523 | 524;

/** One misbehaviour applied to a single /crm request. */
export type Fault =
	| { status: 423 }
	/**
	 * A token without a scope the endpoint needs. `shape`: `missingScopes` (HubSpot's OpenAPI example,
	 * default), `requiredGranularScopes` (live answers: in `errors[].context`, "One or more of the
	 * following scopes are required."), `requiredScopes` (older live answers, same place).
	 */
	| { status: 403; missingScopes?: string[]; shape?: 'missingScopes' | 'requiredGranularScopes' | 'requiredScopes' }
	| { status: 477; retryAfterSeconds?: number }
	| { status: 429; retryAfterSeconds?: number }
	/** `html: true` answers an HTML page, as a gateway or Cloudflare does, instead of HubSpot's JSON. */
	| { status: TransientStatus; html?: boolean }
	/** Destroys the connection without an answer. */
	| { kind: 'reset' }
	/** Waits `ms` before handling the request normally. */
	| { kind: 'slow'; ms: number }
	/** 200 with a body that is not valid JSON. */
	| { kind: 'malformed' }
	/** Applies the request, then answers an error (default 500): a timeout after success. */
	| { kind: 'applied-then-500'; status?: TransientStatus }
	/**
	 * A 2xx batch answer with this `status` (a 204 becomes a 200 with it), its results as usual or
	 * only the first `keptResults`; nothing is stored unless `stored`, as a batch that was cancelled or not yet run.
	 */
	| { kind: 'batch-status'; status: BatchStatus; stored?: boolean; keptResults?: number }
	/**
	 * A 2xx batch answer (a 204 becomes a 200) whose `results` or `errors` are not what HubSpot
	 * documents, as a proxy's rewrite or an API change would leave them: `results` an object,
	 * `errors` holding `null` or an object, or each read page's `to` an object. Stored unless
	 * `stored` is false.
	 */
	| { kind: 'odd-shape'; shape: OddShape; stored?: boolean };

export type OddShape = 'results-object' | 'errors-null' | 'errors-object' | 'pages-object';

/** The `status` values HubSpot documents for a batch answer. */
export type BatchStatus = 'CANCELED' | 'COMPLETE' | 'PENDING' | 'PROCESSING';

export interface RandomFaults {
	/** Defaults to the simulator's seed. */
	seed?: number;
	/** Share of /crm requests that get a fault, 0..1. */
	rate: number;
	/** Picked uniformly for each faulted request. */
	kinds: Fault[];
}

/** Runtime switches for tests and benchmarks; every fault leaves state untouched unless it says otherwise. */
export interface FaultControl {
	/** Enforce a rolling window over all /crm requests; `null` stops enforcing it. */
	rateWindow(window: RateWindow | null): void;
	/** The CRM search limit (default HubSpot's 5 per second, always enforced); `null` stops enforcing it. */
	searchRateWindow(window: RateWindow | null): void;
	/** While on, every /crm request answers a DAILY 429. */
	dailyLimitReached(reached: boolean): void;
	/** Queues `fault` for the next `count` /crm requests, after faults already queued. */
	next(count: number, fault: Fault): void;
	/** Seeded random faults on a share of /crm requests without a queued fault; `null` turns them off. */
	random(options: RandomFaults | null): void;
	/**
	 * While on, an association write (batch create, default, archive, labels archive) holds the
	 * records it names, both ends of each pair, until it is answered (a `slow` delay included);
	 * a write naming a held record meanwhile answers 423 LOCKED whole, nothing of it applied.
	 */
	lockConcurrentWrites(on: boolean): void;
	/** Drops queued and random faults, write locks, the rate window and the daily limit; the search limit goes back to HubSpot's. */
	clear(): void;
	stats(): SimulatorStats;
	resetStats(): void;
}

export function faultName(fault: Fault): string {
	return 'kind' in fault ? fault.kind : `status:${fault.status}`;
}

export class Faults implements FaultControl {
	readonly limiter = new RateLimiter();
	readonly counts = new StatsCollector();
	readonly locks = new RecordLocks();
	private queue: Fault[] = [];
	private mix?: { random: SeededRandom; rate: number; kinds: Fault[] };

	constructor(private readonly defaultSeed: number) {}

	rateWindow(window: RateWindow | null): void {
		this.limiter.setWindow(window);
	}

	searchRateWindow(window: RateWindow | null): void {
		this.limiter.setSearchWindow(window);
	}

	dailyLimitReached(reached: boolean): void {
		this.limiter.setDailyReached(reached);
	}

	next(count: number, fault: Fault): void {
		for (let i = 0; i < count; i++) this.queue.push(fault);
	}

	random(options: RandomFaults | null): void {
		if (options && (options.kinds.length === 0 || options.rate < 0 || options.rate > 1)) throw new Error('random faults need kinds and a rate in 0..1');
		this.mix = options ? { random: new SeededRandom(options.seed ?? this.defaultSeed), rate: options.rate, kinds: options.kinds } : undefined;
	}

	lockConcurrentWrites(on: boolean): void {
		this.locks.enabled = on;
	}

	clear(): void {
		this.locks.clear();
		this.queue = [];
		this.mix = undefined;
		this.limiter.setWindow(null);
		this.limiter.setSearchWindow(SEARCH_WINDOW);
		this.limiter.setDailyReached(false);
	}

	stats(): SimulatorStats {
		return this.counts.snapshot();
	}

	resetStats(): void {
		this.counts.reset();
	}

	/** The fault for the /crm request being handled, if any; counted as injected. */
	take(): Fault | undefined {
		let fault = this.queue.shift();
		if (!fault && this.mix && this.mix.random.next() < this.mix.rate) fault = this.mix.kinds[this.mix.random.below(this.mix.kinds.length)];
		if (fault) this.counts.injected(faultName(fault));
		return fault;
	}
}
