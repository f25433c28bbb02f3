export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface RateWindow {
	max: number;
	intervalMs: number;
}

// HubSpot counts arrivals, we count sends: a little slack keeps jitter from tipping a window over.
const slack = (intervalMs: number) => Math.min(100, Math.ceil(intervalMs * 0.02));

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const value = Number(headers[name]);
	return headers[name] !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * Spaces the requests of one run so HubSpot's rolling window is not exceeded. It starts from
 * the configured limit and follows HubSpot's rate-limit headers, which speak for the whole
 * account: when other executions use the same window, this run's budget shrinks to its share.
 */
export class RequestThrottle {
	private readonly sends: number[] = [];
	private window: RateWindow;
	private share = 1;
	private pausedUntil = 0;

	constructor(
		private readonly configured: RateWindow,
		private readonly clock: Clock,
	) {
		this.window = { ...configured };
	}

	/** How many requests this run may have in one window now. */
	get budget(): number {
		return Math.max(1, Math.floor(this.window.max * this.share));
	}

	get currentWindow(): RateWindow {
		return { ...this.window };
	}

	/** Waits until a request may be sent, and counts it as sent. */
	async acquire(): Promise<void> {
		for (;;) {
			const now = this.clock.now();
			if (this.pausedUntil > now) {
				await this.clock.sleep(this.pausedUntil - now);
				continue;
			}
			const span = this.window.intervalMs + slack(this.window.intervalMs);
			while (this.sends.length > 0 && this.sends[0] <= now - span) this.sends.shift();
			const budget = this.budget;
			if (this.sends.length < budget) {
				this.sends.push(now);
				return;
			}
			const freesAt = this.sends[this.sends.length - budget] + span;
			await this.clock.sleep(Math.max(1, freesAt - now));
		}
	}

	/** Holds every request back for `ms` (after a 429). */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	/** Learns from `X-HubSpot-RateLimit-*` headers (lower-cased names). */
	observe(headers: Record<string, string>): void {
		const max = headerNumber(headers, 'x-hubspot-ratelimit-max');
		const intervalMs = headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		const remaining = headerNumber(headers, 'x-hubspot-ratelimit-remaining');
		if (!max || !intervalMs || max <= 0 || intervalMs <= 0) return;

		// HubSpot's window length, with no more requests in it than the configured rate allows.
		const allowed = Math.floor((this.configured.max * intervalMs) / this.configured.intervalMs);
		this.window = { max: Math.max(1, Math.min(max, allowed)), intervalMs };

		if (remaining === undefined) return;
		const now = this.clock.now();
		const used = max - remaining;
		const ours = this.sends.filter((sentAt) => sentAt > now - intervalMs).length;
		this.share = used > ours && used > 0 ? Math.max(1 / max, Math.min(1, ours / used)) : 1;
		if (remaining <= 0) this.pause(Math.ceil(intervalMs / max));
	}
}
