/**
 * When a run sends a request beyond its share of HubSpot's window to learn how full it is. A run
 * hears about the window only in the answers to its own requests: one that has nothing on its way
 * hears nothing until its own requests age out of the window, however much room others leave
 * meanwhile. A probe is real work (one of the run's batches); what it risks is a 429 when the window
 * is in fact full, so runs that share a full window fairly must not probe, and the others probe as
 * seldom as tells them in time.
 */

/** The least a run keeps sending when others fill the window, so it learns within ~2 s of a window that frees up. */
export const PROBE_SHARE = 0.05;
/** A run that just saw others' count fall probes again after this many slots' spacing (interval ÷ max each). */
const LEAVING_PROBE_SLOTS = 2;
/** While others' count falls, a run that joined them late keeps up to this many probes on their way: one answer per round trip is too few to see them stop. */
const LEAVING_PROBES_ON_THEIR_WAY = 3;
/**
 * A run whose first answer showed others holding this much of the window joined them late: they
 * are likely to finish first, and it checks for that while its own requests hold it back. Runs that
 * started together fill the window together and would only collide.
 */
const JOINED_BUSY_SHARE = 0.4;
/** Held back by its own requests for longer than this, a run that joined late counts as starved. */
const BLOCKED_PROBE_MS = 1_000;
/**
 * After an answer that said the window was full, probes come this many times less often, but for a
 * run that joined late: it waits on others to finish, and a full window is no sign they are not
 * about to (after a 429 it slows down all the same).
 */
const FULL_WINDOW_SLOWDOWN = 2;
/**
 * A run that joined late and is held back by its own requests probes this many slots after its last
 * answer, full window or not: at the probe share's pace (2 s, 4 s after a full window) it heard of
 * the others' end up to four seconds late, depending only on when its last answer happened to come
 * (two runs 4.5–5.5 s apart: 1.14–1.23× the optimum at 800 ms answers, up to 1.19× at 100 ms).
 */
const BLOCKED_PROBE_SLOTS = 10;

/** Whether a run's first answer showed others already holding much of the window. */
export function joinedLate(othersAtJoin: number | undefined, max: number): boolean {
	return (othersAtJoin ?? 0) >= JOINED_BUSY_SHARE * max;
}

export interface ProbeView {
	now: number;
	max: number;
	intervalMs: number;
	/** Requests this run may have in the window now. */
	budget: number;
	inFlight: number;
	/** When this run's answered requests still in the window were answered, oldest first. */
	answeredInWindow: readonly number[];
	lastAnswerAt: number;
	lastSendAt: number;
	/** What HubSpot's last rate-limit headers said was left in the window. */
	lastRemaining: number | undefined;
	othersLeaving: boolean;
	/** Other executions' requests in the window at this run's first answer. */
	othersAtJoin: number | undefined;
	/** Whether its last answer was a 429: the window was full when the request came in. */
	rateLimited: boolean;
}

/** Whether a request may go now beyond the run's share, to hear how full the window is. */
export function mayProbe(view: ProbeView): boolean {
	const { now, max, intervalMs, budget, inFlight, answeredInWindow } = view;
	// Never past the window itself (the configured rate caps it), whatever the share.
	if (answeredInWindow.length + inFlight >= max) return false;
	const slot = intervalMs / max;
	const late = joinedLate(view.othersAtJoin, max);
	const full = (view.lastRemaining ?? 0) <= 0;
	// Others leaving, seen by a run that found them there: a few answers in quick succession tell
	// whether they stopped, so the run takes the window over within a second of their end.
	if (late && view.othersLeaving && !full) return inFlight < LEAVING_PROBES_ON_THEIR_WAY && now - view.lastSendAt >= LEAVING_PROBE_SLOTS * slot;
	if (inFlight > 0) return false;
	const heldBackFor = answeredInWindow.length >= budget && answeredInWindow.length > 0 ? answeredInWindow[0] + intervalMs - now : 0;
	const starvedByShare = budget <= 1.5 * max * PROBE_SHARE;
	// Joined late and held back by its own requests (those it sent before hearing of the others), not by a share that small.
	const blocked = !starvedByShare && late && heldBackFor > BLOCKED_PROBE_MS;
	const starved = starvedByShare || blocked;
	const quietFor = now - view.lastAnswerAt;
	if (view.othersLeaving && !full && quietFor >= LEAVING_PROBE_SLOTS * slot) return true;
	// Not right after a 429: the window is full at that moment, and every probe into it is refused.
	if (blocked && !view.othersLeaving && !view.rateLimited && quietFor >= BLOCKED_PROBE_SLOTS * slot) return true;
	// At the probe share's pace; a window said full gets longer to free up, never none: a run that
	// stopped sending would otherwise go unseen until this run's own requests age out.
	const slowed = full && (!late || view.rateLimited);
	return (starved || view.othersLeaving) && quietFor >= (intervalMs / Math.max(1, max * PROBE_SHARE)) * (slowed ? FULL_WINDOW_SLOWDOWN : 1);
}
