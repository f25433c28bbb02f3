import { joinedLate, mayProbe, PROBE_SHARE } from './probe';

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface RateWindow {
	max: number;
	intervalMs: number;
}

const IN_FLIGHT_POLL_MS = 10;
/** The most a send that went late after a nap until its slot keeps of that slot. */
const LATE_SLIP_MS = 10;
/** The longest a wait sleeps in one go, so a budget grown meanwhile shortens it. */
const LONGEST_NAP_MS = 250;
/** Part of the window left unclaimed when growing: requests of other executions still on their way. */
const RESERVE_SHARE = 0.15;
/** How much of the unclaimed room one run grows into at once while others grow too: they see the same room. */
const FREE_ROOM_SHARE = 0.5;
/** How far back a fall in other executions' count is measured. */
const TAKEOVER_BASELINE_MS = 1_000;
/** Others' count falling at this share of the rate their whole count leaves the window: they sent nothing meanwhile. */
const OTHERS_STOPPED_SHARE = 0.8;
/** Each 429 in a row holds three times longer: five of them outlast a whole window, whoever filled it. */
const RATE_LIMITED_GROWTH = 3;
/** Up to this much more of a hold after a 429, drawn at random, so runs that met it together do not retry together. */
const HOLD_JITTER = 0.5;
/**
 * The most of the spacing a run may make up after it had nothing to send (waiting on its own answers
 * between the phases of an operation), as a share of the window: at HubSpot's 100 per 10 s, ten slots.
 */
const IDLE_CATCH_UP_SHARE = 0.1;

/** An answer back in less than this share of the run's usual answer time was given as the request came in (a 429). */
const AT_ONCE_SHARE = 0.5;
/** Weight of each answer in the run's usual answer time. */
const USUAL_ANSWER_WEIGHT = 0.2;

/** One request of this run: when it was sent, and when HubSpot counted it (halfway to its answer). */
interface Counted {
	sentAt: number;
	countedAt: number;
}

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const value = Number(headers[name]);
	return headers[name] !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * Spaces the requests of one run (or of the runs of one account in one n8n process, see
 * `accountThrottles.ts`) so HubSpot's rolling window is not exceeded. It starts from
 * the configured limit and follows HubSpot's rate-limit headers, which speak for the whole
 * account: when other executions use the same window (other workflows, n8n's queue-mode
 * workers), this run's budget shrinks to its share, and grows again as the window frees up.
 */
export class RequestThrottle {
	/** When each finished request of this run got its answer, oldest first. */
	private readonly sends: number[] = [];
	private inFlight = 0;
	private waiting = 0;
	/** Requests of runs under this throttle, from their first attempt to their last answer, retry waits included. */
	private users = 0;
	private lastUsedAt: number;
	private window: RateWindow;
	/** Requests this run may have in one window (a fraction: it sets the spacing). */
	private allowance: number;
	private grownAt = 0;
	/** Other executions' requests in the window at recent answers, [when, how many], oldest first; the last is the previous answer's. */
	private readonly othersSeen: Array<[number, number]> = [];
	private pausedUntil = 0;
	private lastSendAt = -Infinity;
	/** Whether nothing waited to send after the last send: the slots after it go unused until the next request comes. */
	private nothingWaiting = false;
	/** Spacing (ms) the next sends may skip: slots this run left unused while it had nothing to send. */
	private idleCreditMs = 0;
	/** Requests sent ahead of the spacing on that credit, still on their way. */
	private aheadOnTheirWay = 0;
	/** What HubSpot's last rate-limit headers said was left in the window. */
	private lastRemaining: number | undefined;
	/** 429s answered in a row, across the runs using this throttle. */
	private rateLimitedInARow = 0;
	/** Whether the last answer showed fewer of other executions' requests in the window than the one before. */
	private othersLeaving = false;
	/** Other executions' requests in the window at this run's first answer with a Remaining. */
	private othersAtJoin: number | undefined;
	/** When each request of this run now on its way was sent. */
	private readonly onTheirWay: number[] = [];
	/** When HubSpot counted each answered request of this run (halfway between sending and answer), oldest first. */
	private readonly counted: number[] = [];
	private lastAnswered: Counted | undefined;
	/** This run's usual time from sending to answer (a moving average), to tell an answer given at once. */
	private usualAnswerMs: number | undefined;
	/** When this run's 429s given at once were answered: HubSpot refused them, they are not in its count. */
	private readonly refusedAtOnce: number[] = [];
	/** The request whose answer brought `lastRemaining`. */
	private remainingOf: Counted | undefined;

	constructor(
		private configured: RateWindow,
		private readonly clock: Clock,
	) {
		this.window = { ...configured };
		this.allowance = configured.max;
		// A run that just made it is about to send.
		this.lastUsedAt = clock.now();
	}

	/** How many requests this run may have in one window now. */
	get budget(): number {
		return Math.max(1, Math.floor(this.allowance));
	}

	/**
	 * Whether anybody uses it: a request waiting to send, on its way, or sleeping out a retry, or
	 * requests it sent still in the window (a fresh throttle would not know of them).
	 */
	inUse(): boolean {
		const now = this.clock.now();
		// A hold HubSpot asked for (Retry-After) is the account's, even once the run that met it stopped.
		return this.inFlight > 0 || this.waiting > 0 || this.users > 0 || now - this.lastUsedAt < this.window.intervalMs || this.pausedUntil > now;
	}

	/**
	 * A run of the account whose configured rate is lower joins: every run under this throttle keeps
	 * to it from now on, so no run's Requests per 10 Seconds is exceeded on the account.
	 */
	keepTo(configured: RateWindow): void {
		if (configured.max * this.configured.intervalMs >= this.configured.max * configured.intervalMs) return;
		this.configured = { ...configured };
		this.window = this.allowedWindow(this.window.max, this.window.intervalMs);
		this.allowance = Math.min(this.allowance, this.window.max);
	}

	/**
	 * A window of `max` requests per `intervalMs` with no more in it than the configured rate allows;
	 * one too short to hold a single request at that rate becomes one request per configured spacing.
	 */
	private allowedWindow(max: number, intervalMs: number): RateWindow {
		const allowed = Math.floor((this.configured.max * intervalMs) / this.configured.intervalMs);
		if (allowed < 1) return { max: 1, intervalMs: Math.ceil(this.configured.intervalMs / this.configured.max) };
		return { max: Math.max(1, Math.min(max, allowed)), intervalMs };
	}

	/** Slots taken and not given back, requests waiting for one, requests under way (retry waits included). */
	get holds(): { inFlight: number; waiting: number; users: number } {
		return { inFlight: this.inFlight, waiting: this.waiting, users: this.users };
	}

	/** Counts a request as using this throttle until the returned function is called (once it is done, retries included). */
	use(): () => void {
		this.users++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.users--;
		};
	}

	get currentWindow(): RateWindow {
		return { ...this.window };
	}

	/**
	 * Requests per millisecond this run may send now, and the window's length: what Parallel Requests
	 * `auto` follows; `ahead`, the requests it may have in flight beyond that rate's share, making up
	 * slots it left unused (on their way, or still to send).
	 */
	pace(): { perMs: number; intervalMs: number; ahead: number } {
		const ahead = this.aheadOnTheirWay + Math.floor(this.idleCredit() / this.spacing());
		return { perMs: this.budget / this.window.intervalMs, intervalMs: this.window.intervalMs, ahead };
	}

	/**
	 * Waits until a request may be sent and counts it; call the returned function when its
	 * answer arrives. HubSpot counts a request when it arrives, which is somewhere between
	 * sending and answering: counting it from the answer on keeps a window from ever tipping
	 * over, however long the way to HubSpot took. Undefined, and no slot taken, once `signal`
	 * says the execution was cancelled.
	 */
	async acquire(): Promise<() => void>;
	async acquire(signal: AbortSignal | undefined): Promise<(() => void) | undefined>;
	async acquire(signal?: AbortSignal): Promise<(() => void) | undefined> {
		if (this.waiting === 0) this.creditIdleSlots();
		this.waiting++;
		try {
			return await this.nextSlot(signal);
		} finally {
			this.waiting--;
		}
	}

	private async nextSlot(signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
		// The slot of the spacing the last nap slept until, when it slept until one.
		let sleptUntilSlot: number | undefined;
		for (;;) {
			if (signal?.aborted) return undefined;
			const now = this.clock.now();
			const { intervalMs } = this.window;
			while (this.sends.length > 0 && this.sends[0] <= now - intervalMs) this.sends.shift();
			// Spread over the window rather than in bursts: executions sharing it then see each
			// other's requests in HubSpot's headers before they collide. Read at every wake-up, so
			// a budget that grew meanwhile brings the next send forward. A probe goes at its own
			// pace: it is what tells a run starved to a long spacing that others left.
			const probe = this.mayProbe(now);
			const spacedUntil = probe ? now : this.lastSendAt + this.spacing() - this.idleCredit();
			const holdUntil = Math.max(this.pausedUntil, spacedUntil);
			if (holdUntil > now) {
				sleptUntilSlot = holdUntil === spacedUntil && holdUntil - now <= LONGEST_NAP_MS ? holdUntil : undefined;
				await this.clock.sleep(Math.min(holdUntil - now, LONGEST_NAP_MS));
				continue;
			}
			const over = this.inFlight + this.sends.length - this.budget;
			// A timer fires a little late (a millisecond or two on n8n's event loop): the send keeps its slot, so the spacing does not drift over a run.
			const late = sleptUntilSlot === undefined ? 0 : Math.min(LATE_SLIP_MS, now - sleptUntilSlot);
			sleptUntilSlot = undefined;
			if ((over < 0 && !this.fullOnArrival(now)) || probe) return this.send(now, late);
			if (over < 0) {
				// Within its share, but the window looks full by the time it would arrive: the answers on their way will tell.
				await this.clock.sleep(IN_FLIGHT_POLL_MS);
				continue;
			}
			// The slot that frees first is a finished request leaving the window, or one in flight finishing.
			const freesAt = over < this.sends.length ? this.sends[over] + intervalMs : now + IN_FLIGHT_POLL_MS;
			await this.clock.sleep(Math.min(LONGEST_NAP_MS, Math.max(1, freesAt - now)));
		}
	}

	/** The time between two sends at this run's allowance. */
	private spacing(): number {
		return this.window.intervalMs / Math.max(1, this.allowance);
	}

	/**
	 * A request comes after the run had nothing to send since its last one and nothing on its way:
	 * the slots it left unused meanwhile (one round trip, between the phases of an operation) may be made up, up to a tenth of
	 * the window, and only while the run has the window to itself (`idleCredit`). The run's own count
	 * in the window (the budget) and `fullOnArrival` still hold every send.
	 */
	private creditIdleSlots(): void {
		if (!this.nothingWaiting) return;
		this.nothingWaiting = false;
		// With requests on their way the run was not idle: Parallel Requests held its next one back.
		if (this.inFlight > 0) return;
		// HubSpot's last word on the window must come from the end of that wait: a run that waited on
		// something else meanwhile (searches, other nodes) does not know who came into the window since.
		// Nor is what an earlier stretch left of its credit carried over then.
		const heardAt = this.othersSeen[this.othersSeen.length - 1]?.[0] ?? -Infinity;
		const heardLately = this.clock.now() - heardAt <= this.window.intervalMs * IDLE_CATCH_UP_SHARE;
		const unusedMs = this.clock.now() - (this.lastSendAt + this.spacing());
		this.idleCreditMs = heardLately && this.hasWindowToItself() ? Math.min(this.window.intervalMs * IDLE_CATCH_UP_SHARE, Math.max(0, unusedMs)) : 0;
	}

	/**
	 * Whether the run has the whole window to itself: hardly any other execution's request in it at
	 * the last answer, no 429, no pause, and that much room beyond the reserve. Sharing it, a burst
	 * meets others' requests; after a 429, the window is full.
	 */
	private hasWindowToItself(): boolean {
		const { max } = this.window;
		const othersAtLast = this.othersSeen[this.othersSeen.length - 1]?.[1] ?? Infinity;
		if (this.allowance < max || othersAtLast > max * PROBE_SHARE || this.rateLimitedInARow > 0 || this.pausedUntil > this.clock.now()) return false;
		return this.lastRemaining !== undefined && this.lastRemaining > max * (RESERVE_SHARE + IDLE_CATCH_UP_SHARE);
	}

	/**
	 * What is left of the credit, while the run still has the window to itself: a phase too small to
	 * spend it keeps it, and the answers that come meanwhile may show others, a 429 or a smaller
	 * share; spent then, it would be a burst into a window others use.
	 */
	private idleCredit(): number {
		if (this.idleCreditMs > 0 && !this.hasWindowToItself()) this.idleCreditMs = 0;
		return this.idleCreditMs;
	}

	/** Counts a request sent now, `late` after its slot in the spacing; the returned function counts its answer. */
	private send(now: number, late: number): () => void {
		// A send ahead of the spacing uses that much of the idle credit, a probe's too: it is a burst all the same.
		// Measured from the slot the send keeps: the lateness it keeps is not made up from the credit as well.
		const early = Math.min(this.idleCredit(), Math.max(0, this.lastSendAt + this.spacing() - (now - late)));
		this.idleCreditMs -= early;
		if (early > 0) this.aheadOnTheirWay++;
		// The sender itself still counts as waiting here.
		this.nothingWaiting = this.waiting <= 1;
		this.lastSendAt = now - late;
		this.inFlight++;
		this.onTheirWay.push(now);
		let done = false;
		return () => {
			if (done) return;
			done = true;
			if (early > 0) this.aheadOnTheirWay--;
			this.inFlight--;
			this.onTheirWay.splice(this.onTheirWay.indexOf(now), 1);
			this.lastUsedAt = this.clock.now();
			this.sends.push(this.lastUsedAt);
			this.lastAnswered = { sentAt: now, countedAt: (now + this.lastUsedAt) / 2 };
			let at = this.counted.length;
			while (at > 0 && this.counted[at - 1] > this.lastAnswered.countedAt) at--;
			this.counted.splice(at, 0, this.lastAnswered.countedAt);
			while (this.counted.length > 0 && this.counted[0] <= this.lastUsedAt - 2 * this.window.intervalMs) this.counted.shift();
		};
	}

	/**
	 * This run's requests on their way that HubSpot had counted when it judged the request just
	 * answered, when that answer said the window is full and came back much sooner than answers
	 * usually do: a 429 given as the request came in. Every request this run sent before it had come
	 * in too, and is in HubSpot's count: read as other executions' requests, they shrank this run's
	 * share below what it holds, and it sat idle while the window freed (back to back at 800 ms,
	 * 85.6 → 87.4 % in virtual time). Its requests refused at once in the window (this one too) are
	 * taken off: HubSpot does not count a request it refused, and counted as the run's they kept its
	 * share from shrinking after a 429 at all. An ordinary answer's count is left as it was: with
	 * answers out of order, requests sent before it may not have come in yet.
	 */
	private countedBeforeFullAnswer(remaining: number, statusCode: number | undefined): number {
		const answer = this.lastAnswered;
		if (answer === undefined) return 0;
		const answerMs = 2 * (answer.countedAt - answer.sentAt);
		const usual = this.usualAnswerMs;
		// A 429 is not what answers usually take: a run of them would make the next ones look usual.
		const refused = statusCode === undefined || statusCode === 429;
		if (statusCode !== 429) this.usualAnswerMs = usual === undefined ? answerMs : usual + USUAL_ANSWER_WEIGHT * (answerMs - usual);
		if (remaining > 0 || usual === undefined || answerMs >= AT_ONCE_SHARE * usual) return 0;
		const now = this.clock.now();
		const { intervalMs } = this.window;
		// A 2xx that took the last slot is in HubSpot's count (the status is unknown only to a caller that does not pass it).
		if (refused) this.refusedAtOnce.push(now);
		while (this.refusedAtOnce.length > 0 && this.refusedAtOnce[0] <= now - intervalMs) this.refusedAtOnce.shift();
		// Sent more than a window before it (a connection that hangs): out of HubSpot's count, if it ever came in.
		const before = this.onTheirWay.filter((sentAt) => sentAt < answer.sentAt && sentAt > answer.sentAt - intervalMs).length;
		// Its requests refused at once (this one too, if refused) are among its answered ones, and not in HubSpot's count.
		return before - this.refusedAtOnce.length;
	}

	/**
	 * Whether a request sent now would find the window full when it reaches HubSpot, as far as this
	 * run can tell while answers are still on their way to tell it more: what the last answer said
	 * was left, less this run's requests HubSpot had not counted then, plus this run's requests that
	 * leave the window by the time the new one arrives. Others' requests on their way are unknown.
	 */
	private fullOnArrival(now: number): boolean {
		const of = this.remainingOf;
		if (this.inFlight === 0 || of === undefined || this.lastRemaining === undefined) return false;
		const { intervalMs } = this.window;
		const arrivesAt = now + (of.countedAt - of.sentAt);
		// Every request that Remaining counted, others' too, has left the window by then: it tells
		// nothing more, and answers that never come (a connection that hangs) must not hold the run.
		if (arrivesAt - intervalMs >= of.countedAt) return false;
		const uncounted = this.onTheirWay.filter((sentAt) => sentAt > of.sentAt).length;
		const leaving = this.counted.filter((countedAt) => countedAt > of.countedAt - intervalMs && countedAt <= arrivesAt - intervalMs).length;
		return this.lastRemaining - uncounted + leaving <= 0;
	}

	/** `sends` holds only answers still in the window (`nextSlot` drops the others first). */
	private mayProbe(now: number): boolean {
		return mayProbe({
			now,
			max: this.window.max,
			intervalMs: this.window.intervalMs,
			budget: this.budget,
			inFlight: this.inFlight,
			answeredInWindow: this.sends,
			lastAnswerAt: this.lastUsedAt,
			lastSendAt: this.lastSendAt,
			lastRemaining: this.lastRemaining,
			othersLeaving: this.othersLeaving,
			othersAtJoin: this.othersAtJoin,
			rateLimited: this.rateLimitedInARow > 0,
		});
	}

	/** How much longer every request is held back (a Retry-After, a full window). */
	heldFor(): number {
		return Math.max(0, this.pausedUntil - this.clock.now());
	}

	/** Holds every request back for `ms` (after a 429 with Retry-After). */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	/**
	 * After a 429 without Retry-After: holds every request back until the window should have room
	 * again, and says for how long. In a rolling window a slot frees as soon as the oldest request
	 * ages out; a window kept full at its rate frees one every interval ÷ max, so that is the first
	 * guess. Each further 429 in a row triples it (a burst filled the window), never past the
	 * interval, nor past the moment this run's own oldest request in the window leaves it.
	 * `random` (0..1) adds jitter.
	 */
	holdUntilRoom(random: number): number {
		const now = this.clock.now();
		const { intervalMs, max } = this.window;
		const guess = Math.min(intervalMs, (intervalMs / Math.max(1, max)) * RATE_LIMITED_GROWTH ** this.rateLimitedInARow);
		const ownOldest = this.sends.find((answeredAt) => answeredAt > now - intervalMs);
		const ownLeaves = ownOldest === undefined ? intervalMs : ownOldest + intervalMs - now;
		this.rateLimitedInARow++;
		const hold = Math.round(Math.min(guess, ownLeaves) * (1 + HOLD_JITTER * random));
		this.pause(hold);
		return hold;
	}

	/** An answer other than a 429: the next 429 starts from the first guess again. */
	notRateLimited(): void {
		this.rateLimitedInARow = 0;
	}

	/**
	 * Learns from `X-HubSpot-RateLimit-*` headers (lower-cased names) of the answer just counted;
	 * `statusCode` tells a 429 from a 2xx that took the window's last slot.
	 */
	observe(headers: Record<string, string>, statusCode?: number): void {
		const max = headerNumber(headers, 'x-hubspot-ratelimit-max');
		const intervalMs = headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		const remaining = headerNumber(headers, 'x-hubspot-ratelimit-remaining');
		if (!max || !intervalMs || max <= 0 || intervalMs <= 0) return;
		// HubSpot's burst windows are 10 s and 1 s: a longer "interval" (a daily count, a proxy's) would stall every run for its length.
		if (intervalMs > this.configured.intervalMs) return;

		// HubSpot's window length, with no more requests in it than the configured rate allows.
		this.window = this.allowedWindow(max, intervalMs);
		const limit = this.window.max;

		const now = this.clock.now();
		const sinceGrown = now - this.grownAt;
		this.grownAt = now;
		if (remaining === undefined) {
			this.allowance = Math.min(this.allowance, limit);
			return;
		}
		this.lastRemaining = remaining;
		this.remainingOf = this.lastAnswered;
		const used = max - remaining;
		const answeredInWindow = this.sends.filter((answeredAt) => answeredAt > now - intervalMs).length;
		const ours = this.inFlight + answeredInWindow;
		// What of this run HubSpot's count holds: its answered requests, and after a 429 given at once, those sent before it.
		const answered = answeredInWindow + this.countedBeforeFullAnswer(remaining, statusCode);
		// This run's part of what the account used, scaled to the whole window: if every execution
		// did the same, the window would be just full; alone, that is all of it. Answered requests
		// only: HubSpot's count leaves out requests still on their way, ours and everybody else's.
		const proportional = used > ours ? (limit * answered) / used : limit;
		// Fewer of other executions' requests in the window than at the last answer: they are
		// slowing down or done, so the room they leave is this run's to take, all of it.
		const others = used - answered;
		const previous = this.othersSeen[this.othersSeen.length - 1];
		const othersLeaving = previous !== undefined && others < previous[1];
		this.othersLeaving = othersLeaving;
		const free = remaining - max * RESERVE_SHARE;
		const takeover = this.takeOver(now, others, answered, used);
		this.othersAtJoin ??= others;
		if (free > 0) {
			// Room nobody uses: grow into part of it, at most a whole window per window. A run
			// starved by others that started first catches up, and one left alone takes the window
			// over within seconds instead of one slot per answer.
			const grown = Math.min(ours + (othersLeaving ? free : free * FREE_ROOM_SHARE), this.allowance + (limit * sinceGrown) / intervalMs);
			// Nor does it give up budget it has while others hold steady: only others growing need room.
			const othersGrowing = previous === undefined || others > previous[1];
			this.allowance = Math.max(proportional, grown, othersGrowing ? 0 : this.allowance);
		} else {
			this.allowance = Math.min(this.allowance, proportional);
		}
		// Not into the last few slots: others' requests on their way are not in Remaining yet.
		if (remaining > max * PROBE_SHARE) this.allowance = Math.max(this.allowance, takeover);
		this.allowance = Math.min(limit, Math.max(limit * PROBE_SHARE, 1, this.allowance));
		if (remaining <= 0) this.pause(Math.ceil(intervalMs / max));
	}

	/**
	 * The budget that takes over, at once, the rate other executions gave up: their count in the
	 * window falling over the last second means they send that much less per second than what
	 * leaves the window for them (a worker busy finishing another job, or done). Waiting for
	 * their requests to age out instead would leave up to a whole window half used. Several runs
	 * see the same fall: each takes its part, in the proportion of the window it has.
	 */
	private takeOver(now: number, others: number, answered: number, used: number): number {
		this.othersSeen.push([now, others]);
		while (this.othersSeen.length > 1 && this.othersSeen[1][0] <= now - TAKEOVER_BASELINE_MS) this.othersSeen.shift();
		// A run that found others there expects them to finish first: after a quiet stretch (a run held
		// back by its own requests hears nothing) it measures their fall from the newest count at least
		// half the baseline old, so the stretch does not dilute it. Not while answers keep coming: their
		// count jitters by a few over half a second (answers out of order, in bursts) while they still
		// send, and read as them stopping it brought more 429s.
		const quietBefore = this.othersSeen[0][0] <= now - 2 * TAKEOVER_BASELINE_MS;
		const latest = quietBefore && joinedLate(this.othersAtJoin, this.window.max) ? [...this.othersSeen].reverse().find(([at]) => at <= now - TAKEOVER_BASELINE_MS / 2) : undefined;
		const [seenAt, seen] = latest ?? this.othersSeen[0];
		const span = now - seenAt;
		if (span < TAKEOVER_BASELINE_MS / 2 || seen <= others) return 0;
		const ourRate = this.sends.filter((answeredAt) => answeredAt > seenAt).length / span;
		// Their count falling as fast as a window of them empties: they stopped sending, and nobody
		// else is left to share what they gave up (a run still sending keeps the count from falling that fast).
		const stopped = (seen - others) / span >= OTHERS_STOPPED_SHARE * (seen / this.window.intervalMs);
		const givenUp = ((seen - others) * (stopped ? 1 : answered / Math.max(1, used))) / span;
		return (ourRate + givenUp) * this.window.intervalMs;
	}
}
