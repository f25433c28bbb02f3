export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface RateWindow {
	max: number;
	intervalMs: number;
}

const IN_FLIGHT_POLL_MS = 10;

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
	/** When each finished request of this run got its answer, oldest first. */
	private readonly sends: number[] = [];
	private inFlight = 0;
	private window: RateWindow;
	private share = 1;
	private pausedUntil = 0;
	private nextSendAt = 0;

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

	/**
	 * Waits until a request may be sent and counts it; call the returned function when its
	 * answer arrives. HubSpot counts a request when it arrives, which is somewhere between
	 * sending and answering: counting it from the answer on keeps a window from ever tipping
	 * over, however long the way to HubSpot took.
	 */
	async acquire(): Promise<() => void> {
		for (;;) {
			const now = this.clock.now();
			const holdUntil = Math.max(this.pausedUntil, this.nextSendAt);
			if (holdUntil > now) {
				await this.clock.sleep(holdUntil - now);
				continue;
			}
			const { intervalMs } = this.window;
			while (this.sends.length > 0 && this.sends[0] <= now - intervalMs) this.sends.shift();
			const over = this.inFlight + this.sends.length - this.budget;
			if (over < 0) {
				// Spread over the window rather than in bursts: executions sharing it then see each
				// other's requests in HubSpot's headers before they collide.
				this.nextSendAt = now + intervalMs / this.budget;
				this.inFlight++;
				let done = false;
				return () => {
					if (done) return;
					done = true;
					this.inFlight--;
					this.sends.push(this.clock.now());
				};
			}
			// The slot that frees first is a finished request leaving the window, or one in flight finishing.
			const freesAt = over < this.sends.length ? this.sends[over] + intervalMs : now + IN_FLIGHT_POLL_MS;
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
		const ours = this.inFlight + this.sends.filter((answeredAt) => answeredAt > now - intervalMs).length;
		const estimate = used > ours && used > 0 ? Math.max(1 / max, Math.min(1, ours / used)) : 1;
		// Others pausing make this run's part of the window look larger than it is: grow back one slot at a time.
		this.share = Math.min(estimate, this.share + 1 / max);
		if (remaining <= 0) this.pause(Math.ceil(intervalMs / max));
	}
}
