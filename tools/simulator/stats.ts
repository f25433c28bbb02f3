export interface SimulatorStats {
	requests: number;
	/** By route kind, e.g. `associations/batch/create`; `unknown` for paths without a route. */
	byKind: Record<string, number>;
	/** By HTTP status; `no-answer` for connections reset on purpose. */
	byStatus: Record<string, number>;
	byKindAndStatus: Record<string, Record<string, number>>;
	/** 429 answers, whatever caused them. */
	rateLimited: number;
	/** rateLimited / requests (0 when there were none). */
	share429: number;
	/** Faults by name: `status:503`, `reset`, `slow`, `malformed`, `applied-then-500`, `locked-record`, `TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`. */
	faultsInjected: Record<string, number>;
}

function bump(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts what the simulator answered, for tests and benchmarks (e.g. "share of 429 responses"). */
export class StatsCollector {
	private requests = 0;
	private byKind: Record<string, number> = {};
	private byStatus: Record<string, number> = {};
	private byKindAndStatus: Record<string, Record<string, number>> = {};
	private faultsInjected: Record<string, number> = {};

	answered(kind: string, status: number | 'no-answer'): void {
		this.requests++;
		bump(this.byKind, kind);
		bump(this.byStatus, String(status));
		bump((this.byKindAndStatus[kind] ??= {}), String(status));
	}

	injected(faultName: string): void {
		bump(this.faultsInjected, faultName);
	}

	snapshot(): SimulatorStats {
		const rateLimited = this.byStatus['429'] ?? 0;
		return {
			requests: this.requests,
			byKind: { ...this.byKind },
			byStatus: { ...this.byStatus },
			byKindAndStatus: Object.fromEntries(Object.entries(this.byKindAndStatus).map(([kind, counts]) => [kind, { ...counts }])),
			rateLimited,
			share429: this.requests === 0 ? 0 : rateLimited / this.requests,
			faultsInjected: { ...this.faultsInjected },
		};
	}

	reset(): void {
		this.requests = 0;
		this.byKind = {};
		this.byStatus = {};
		this.byKindAndStatus = {};
		this.faultsInjected = {};
	}
}
