import { mayProbe, type ProbeView } from '../../../../nodes/HubspotAssociations/transport/probe';

/** A run at a fair share of HubSpot's default window, held back by its own 30 requests (the oldest answered at 1 s), 2.5 s after its last answer. */
function view(overrides: Partial<ProbeView>): ProbeView {
	return {
		now: 5_000,
		max: 100,
		intervalMs: 10_000,
		budget: 30,
		inFlight: 0,
		answeredInWindow: Array.from({ length: 30 }, (_, i) => 1_000 + i * 50),
		lastAnswerAt: 2_500,
		lastSendAt: 2_000,
		lastRemaining: 3,
		othersLeaving: false,
		othersAtJoin: 10,
		rateLimited: false,
		...overrides,
	};
}

describe('mayProbe: when a run sends beyond its share to hear how full the window is', () => {
	it('not at a fair share of a window that others started filling with it', () => {
		expect(mayProbe(view({}))).toBe(false);
	});

	it('starved to the probe share: every 2 s after its last answer, every 4 s once that answer said the window was full', () => {
		const starved = { budget: 5, answeredInWindow: [1_000, 1_100, 1_200, 1_300, 1_400] };
		expect(mayProbe(view({ ...starved, now: 4_400 }))).toBe(false);
		expect(mayProbe(view({ ...starved, now: 4_500 }))).toBe(true);
		expect(mayProbe(view({ ...starved, now: 4_500, lastRemaining: 0 }))).toBe(false);
		expect(mayProbe(view({ ...starved, now: 6_500, lastRemaining: 0 }))).toBe(true);
	});

	it('having found others holding 40 % of the window or more at its first answer, like a starved run while its own requests hold it back for over a second', () => {
		expect(mayProbe(view({ othersAtJoin: 40 }))).toBe(true);
		expect(mayProbe(view({ othersAtJoin: 39 }))).toBe(false);
		// Its oldest request leaves the window in under a second: that frees the room soon enough.
		expect(mayProbe(view({ othersAtJoin: 40, now: 10_100, lastAnswerAt: 8_000 }))).toBe(false);
		// Not held back: within its share it sends anyway.
		expect(mayProbe(view({ othersAtJoin: 40, budget: 31 }))).toBe(false);
	});

	it('joined late and held back by its own requests: a second after its last answer, full window or not, but not right after a 429', () => {
		const blocked = { othersAtJoin: 40, lastAnswerAt: 4_000 };
		expect(mayProbe(view({ ...blocked, now: 4_999 }))).toBe(false);
		expect(mayProbe(view({ ...blocked, now: 5_000 }))).toBe(true);
		expect(mayProbe(view({ ...blocked, lastRemaining: 0 }))).toBe(true);
		// A 429: the window was full as its request came in; the probe share's pace again (4 s after a full window).
		expect(mayProbe(view({ ...blocked, lastRemaining: 0, rateLimited: true }))).toBe(false);
		expect(mayProbe(view({ ...blocked, lastRemaining: 0, rateLimited: true, now: 8_000 }))).toBe(true);
		// Others' count falling at a full window: not the second's pace either.
		expect(mayProbe(view({ ...blocked, lastRemaining: 0, othersLeaving: true }))).toBe(false);
		// Starved by a share that small, not by its own early requests: every 2 s (others fill the window), full window or not.
		const starved = { ...blocked, budget: 5, answeredInWindow: [1_000, 1_100, 1_200, 1_300, 1_400] };
		expect(mayProbe(view(starved))).toBe(false);
		expect(mayProbe(view({ ...starved, now: 6_000, lastRemaining: 0 }))).toBe(true);
		expect(mayProbe(view({ ...starved, now: 6_000, lastRemaining: 0, rateLimited: true }))).toBe(false);
		// Found the window nearly empty: it started with the others, and would only collide with them.
		expect(mayProbe(view({ ...blocked, othersAtJoin: 39 }))).toBe(false);
		// On its way: it will hear.
		expect(mayProbe(view({ ...blocked, inFlight: 1 }))).toBe(false);
	});

	it("while others' count falls: two slots after its last answer with nothing on its way; one that found them there keeps up to three on their way, two slots apart", () => {
		expect(mayProbe(view({ othersLeaving: true, lastAnswerAt: 4_900 }))).toBe(false);
		expect(mayProbe(view({ othersLeaving: true, lastAnswerAt: 4_800 }))).toBe(true);
		expect(mayProbe(view({ othersLeaving: true, inFlight: 1 }))).toBe(false);
		const late = { othersLeaving: true, othersAtJoin: 60, lastAnswerAt: 4_990 };
		expect(mayProbe(view({ ...late, inFlight: 2, lastSendAt: 4_800 }))).toBe(true);
		expect(mayProbe(view({ ...late, inFlight: 2, lastSendAt: 4_850 }))).toBe(false);
		expect(mayProbe(view({ ...late, inFlight: 3, lastSendAt: 4_000 }))).toBe(false);
		// A full window is not others leaving, whatever their count did.
		expect(mayProbe(view({ ...late, inFlight: 1, lastRemaining: 0 }))).toBe(false);
	});

	it('never with a whole window of its own requests, answered or on their way', () => {
		expect(mayProbe(view({ budget: 5, answeredInWindow: Array.from({ length: 100 }, (_, i) => i), now: 9_000 }))).toBe(false);
		const late = { othersLeaving: true, othersAtJoin: 60, lastAnswerAt: 4_990, lastSendAt: 4_000, budget: 98 };
		expect(mayProbe(view({ ...late, answeredInWindow: Array.from({ length: 97 }, (_, i) => 1_000 + i), inFlight: 2 }))).toBe(true);
		expect(mayProbe(view({ ...late, answeredInWindow: Array.from({ length: 98 }, (_, i) => 1_000 + i), inFlight: 2 }))).toBe(false);
	});
});
