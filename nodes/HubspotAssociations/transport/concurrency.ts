import type { Clock } from './throttle';

/** How one answer went, as far as the number of requests in flight is concerned. */
export type AnswerSignal =
	/** A 2xx (or a 4xx about the request itself): HubSpot kept up. */
	| 'clean'
	/** 423, 429, 5xx or no answer at all: HubSpot is pushing back. */
	| 'congested';

/** 423 (a record locked by a concurrent write), 429, 5xx and dropped connections or timeouts. */
export function answerSignal(statusCode: number | undefined): AnswerSignal {
	return statusCode === undefined || statusCode === 423 || statusCode === 429 || statusCode >= 500 ? 'congested' : 'clean';
}

/** How often, while requests wait for a slot, the oldest unanswered request is checked for whether the limit must grow. */
const WAITING_POLL_MS = 25;

/** The most requests in flight `auto` grows to; the rate window bounds it long before on HubSpot's limits. */
export const AUTO_MAX_IN_FLIGHT = 20;

export type ConcurrencySetting = number | 'auto';

/**
 * How many batches a run keeps in flight. A number pins it. `auto` starts at one and follows
 * Little's law: to use the rate window while each answer takes `latency`, `latency × rate`
 * requests must be in flight; it grows to that (never past what the window allows, since the
 * throttle still spaces every send) while answers are clean, and halves on 423, 429, 5xx or
 * a timeout, then grows back one at a time for a rate window. It does not wait for the first
 * answer to learn the latency: a request unanswered for `t` already says `t × rate` are needed.
 */
export class ConcurrencyLimit {
	private current: number;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private calmAfter = 0;
	/** When each request now on its way to HubSpot was sent, oldest first. */
	private readonly sentAt: number[] = [];
	private watching = false;

	constructor(
		private readonly setting: ConcurrencySetting,
		/** Requests per millisecond the throttle allows now, its window's length, and how many it lets go ahead of that rate. */
		private readonly window: () => { perMs: number; intervalMs: number; ahead?: number },
		private readonly clock: Clock,
	) {
		this.current = setting === 'auto' ? 1 : setting;
	}

	/** The most requests in flight now. */
	get limit(): number {
		return this.current;
	}

	/** How many workers a run needs to fill the largest limit this can reach. */
	get ceiling(): number {
		return this.setting === 'auto' ? AUTO_MAX_IN_FLIGHT : this.setting;
	}

	/** Waits for a free slot; call the returned function once the request (with its retries) is done. */
	async acquire(): Promise<() => void> {
		while (this.inFlight >= this.cap()) {
			if (this.setting === 'auto') {
				this.growFromUnanswered();
				if (this.inFlight < this.cap()) break;
			}
			const woken = new Promise<void>((resolve) => this.waiting.push(resolve));
			if (this.setting === 'auto') void this.watchUnanswered();
			await woken;
		}
		this.inFlight++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlight--;
			this.wake();
		};
	}

	/** Tells that a request was sent; call the returned function when its answer (or failure) is in. */
	sending(): () => void {
		const at = this.clock.now();
		this.sentAt.push(at);
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.sentAt.splice(this.sentAt.indexOf(at), 1);
		};
	}

	/** Learns from one answer that took `latencyMs` from send to answer. */
	observe(signal: AnswerSignal, latencyMs: number): void {
		if (this.setting !== 'auto') return;
		const now = this.clock.now();
		if (signal === 'congested') {
			this.current = Math.max(1, Math.floor(this.current / 2));
			this.calmAfter = now + this.window().intervalMs;
			return;
		}
		const needed = Math.min(AUTO_MAX_IN_FLIGHT, Math.max(1, Math.ceil(latencyMs * this.window().perMs)));
		if (needed <= this.current) return;
		// Right after pushback, probe one slot at a time; otherwise go straight to what the latency needs.
		this.current = now < this.calmAfter ? this.current + 1 : needed;
		this.wake();
	}

	/** Under `auto`, the oldest unanswered request has waited `age`: `age × rate` requests in flight keep the pace. */
	private growFromUnanswered(): void {
		const now = this.clock.now();
		if (this.sentAt.length === 0 || now < this.calmAfter) return;
		const needed = Math.min(AUTO_MAX_IN_FLIGHT, Math.floor((now - this.sentAt[0]) * this.window().perMs) + 1);
		if (needed <= this.current) return;
		this.current = needed;
		this.wake();
	}

	/** One watch per run while requests wait for a slot: unanswered requests age without any event to say so. */
	private async watchUnanswered(): Promise<void> {
		if (this.watching) return;
		this.watching = true;
		try {
			while (this.waiting.length > 0 && this.current < AUTO_MAX_IN_FLIGHT) {
				await this.clock.sleep(WAITING_POLL_MS);
				this.growFromUnanswered();
				// The throttle may have let requests go ahead of its rate meanwhile (`cap`).
				this.wake();
			}
		} finally {
			this.watching = false;
		}
	}

	/**
	 * The limit, plus under `auto` (not right after pushback) the requests the throttle lets go ahead
	 * of its rate to make up slots the run left unused: those would otherwise hold the limit's
	 * slots for a round trip, and the rate's share with them.
	 */
	private cap(): number {
		if (this.setting !== 'auto' || this.clock.now() < this.calmAfter) return this.current;
		return this.current + (this.window().ahead ?? 0);
	}

	private wake(): void {
		let free = this.cap() - this.inFlight;
		while (free-- > 0 && this.waiting.length > 0) this.waiting.shift()!();
	}
}
