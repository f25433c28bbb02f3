export interface RateWindow {
	max: number;
	intervalMs: number;
}

export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export type RateDecision = { admitted: true; headers: Record<string, string> } | { admitted: false; policy: RatePolicy; headers: Record<string, string> };

const DAILY_LIMIT = 500_000;
/** HubSpot's CRM search limit: 5 requests per second per account, apart from the rolling window. */
export const SEARCH_WINDOW: RateWindow = { max: 5, intervalMs: 1_000 };
/** Reported in headers while no window is enforced: a private app's top-tier burst limit. */
const REPORTED_WINDOW: RateWindow = { max: 190, intervalMs: 10_000 };

/**
 * HubSpot's limits as a client sees them: a rolling window over all /crm requests (enforced
 * only once a test sets one), a daily budget, and the `X-HubSpot-RateLimit-*` headers.
 * Rejected requests do not take a slot, so at most `max` requests pass in any interval.
 */
export class RateLimiter {
	private window: RateWindow | null = null;
	private dailyReached = false;
	private admittedAt: number[] = [];
	private dailyCount = 0;
	private searchWindow: RateWindow | null = SEARCH_WINDOW;
	private searchesAt: number[] = [];

	/** Starts the new window empty: requests made before it was set do not count against it. */
	setWindow(window: RateWindow | null): void {
		if (window && (!(window.max > 0) || !(window.intervalMs > 0))) throw new Error('a rate window needs max > 0 and intervalMs > 0');
		this.window = window;
		this.admittedAt = [];
	}

	/** The search limit, enforced from the start (HubSpot's 5 per second); `null` stops enforcing it. */
	setSearchWindow(window: RateWindow | null): void {
		if (window && (!(window.max > 0) || !(window.intervalMs > 0))) throw new Error('a rate window needs max > 0 and intervalMs > 0');
		this.searchWindow = window;
		this.searchesAt = [];
	}

	/** A search request: its own window, the shared daily budget, and no rate-limit headers (HubSpot sends none). */
	admitSearch(now: number): RateDecision {
		if (this.dailyReached) return { admitted: false, policy: 'DAILY', headers: {} };
		if (this.searchWindow) {
			const cutoff = now - this.searchWindow.intervalMs;
			this.searchesAt = this.searchesAt.filter((at) => at > cutoff);
			if (this.searchesAt.length >= this.searchWindow.max) return { admitted: false, policy: 'SECONDLY', headers: {} };
			this.searchesAt.push(now);
		}
		this.dailyCount++;
		return { admitted: true, headers: {} };
	}

	setDailyReached(reached: boolean): void {
		this.dailyReached = reached;
	}

	admit(now: number): RateDecision {
		const window = this.window ?? REPORTED_WINDOW;
		this.forgetBefore(now - window.intervalMs);
		if (this.dailyReached) return { admitted: false, policy: 'DAILY', headers: this.headers(window) };
		if (this.window && this.admittedAt.length >= this.window.max) {
			return { admitted: false, policy: 'TEN_SECONDLY_ROLLING', headers: this.headers(window) };
		}
		this.admittedAt.push(now);
		this.dailyCount++;
		return { admitted: true, headers: this.headers(window) };
	}

	/** Headers for an answer that does not count against the limits (e.g. a 401). */
	currentHeaders(now: number): Record<string, string> {
		const window = this.window ?? REPORTED_WINDOW;
		this.forgetBefore(now - window.intervalMs);
		return this.headers(window);
	}

	private headers(window: RateWindow): Record<string, string> {
		return {
			'X-HubSpot-RateLimit-Max': String(window.max),
			'X-HubSpot-RateLimit-Remaining': String(Math.max(0, window.max - this.admittedAt.length)),
			'X-HubSpot-RateLimit-Interval-Milliseconds': String(window.intervalMs),
			'X-HubSpot-RateLimit-Daily': String(DAILY_LIMIT),
			'X-HubSpot-RateLimit-Daily-Remaining': String(this.dailyReached ? 0 : Math.max(0, DAILY_LIMIT - this.dailyCount)),
		};
	}

	private forgetBefore(cutoff: number): void {
		let stale = 0;
		while (stale < this.admittedAt.length && this.admittedAt[stale] <= cutoff) stale++;
		if (stale > 0) this.admittedAt = this.admittedAt.slice(stale);
	}
}
