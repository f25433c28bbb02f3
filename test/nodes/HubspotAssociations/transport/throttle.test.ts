import fc from 'fast-check';
import { RequestThrottle } from '../../../../nodes/HubspotAssociations/transport/throttle';
import { FakeClock } from '../../../harness/fakeClock';

function rateHeaders(max: number, intervalMs: number, remaining?: number): Record<string, string> {
	return {
		'x-hubspot-ratelimit-max': String(max),
		'x-hubspot-ratelimit-interval-milliseconds': String(intervalMs),
		...(remaining === undefined ? {} : { 'x-hubspot-ratelimit-remaining': String(remaining) }),
	};
}

/** Starts `count` acquires at once and returns the virtual times they were let through. */
async function sendTimes(throttle: RequestThrottle, clock: FakeClock, count: number): Promise<number[]> {
	const times: number[] = [];
	const all = Array.from({ length: count }, async () => {
		const answered = await throttle.acquire();
		times.push(clock.now());
		answered();
	});
	await clock.run();
	await Promise.all(all);
	return times.sort((a, b) => a - b);
}

/**
 * When a run's next request goes after `ours` requests answered at once (at its pace from 0 ms), a
 * first answer showing `othersAtFirst` other requests in the window and a second showing `remainingThen`
 * left, which holds it to its own `ours` (its budget).
 */
async function nextSendAfterHeld(ours: number, othersAtFirst: number, remainingThen: number): Promise<number> {
	const clock = new FakeClock();
	const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
	await sendTimes(throttle, clock, ours);
	throttle.observe(rateHeaders(100, 10_000, 100 - ours - othersAtFirst));
	throttle.observe(rateHeaders(100, 10_000, remainingThen));
	expect(throttle.budget).toBe(ours);
	const [next] = await sendTimes(throttle, clock, 1);
	return next;
}

/** The time between each send and the next. */
function gapsOf(times: number[]): number[] {
	return times.slice(1).map((at, i) => at - times[i]);
}

/** The most sends found in any window of `intervalMs`. */
function busiestWindow(times: number[], intervalMs: number): number {
	let most = 0;
	for (let i = 0; i < times.length; i++) {
		let j = i;
		while (j < times.length && times[j] < times[i] + intervalMs) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

describe('RequestThrottle', () => {
	it('never lets more than the budget through in any window, spread evenly, and keeps up the pace', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 10, intervalMs: 1000 }, clock);

		const times = await sendTimes(throttle, clock, 55);

		expect(times).toHaveLength(55);
		expect(busiestWindow(times, 1000)).toBe(10);
		expect(times.slice(0, 10)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
		expect(times[54]).toBe(5400);
	});

	it('keeps its pace when timers fire a little late: a send late after its nap keeps its slot, up to 10 ms', async () => {
		const clock = new FakeClock();
		// Every nap wakes 3 ms late, as timers on a busy event loop do.
		const lateTimers = { now: () => clock.now(), sleep: (ms: number) => clock.sleep(ms + 3) };
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, lateTimers);
		const times = await sendTimes(throttle, clock, 51);
		// 50 spacings of 100 ms, plus the last nap's 3 ms: without keeping the slot, 50 × 103 ms.
		expect(times[50]).toBeLessThanOrEqual(5_003);
		expect(busiestWindow(times, 10_000)).toBeLessThanOrEqual(100);
		// A send never comes sooner than a spacing less the 10 ms it may keep.
		expect(Math.min(...gapsOf(times))).toBeGreaterThanOrEqual(90);
	});

	it('a late send keeps its slot or the idle credit makes up its lateness, not both: the spacing comes back after the catch-up', async () => {
		const clock = new FakeClock();
		const lateTimers = { now: () => clock.now(), sleep: async (ms: number) => await clock.sleep(ms + 3) };
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, lateTimers);
		const sent: number[] = [];
		const one = async (latencyMs: number) => {
			const answered = await throttle.acquire();
			sent.push(clock.now());
			await clock.sleep(latencyMs);
			answered();
			throttle.observe(rateHeaders(100, 10_000, 100 - sent.filter((at) => at > clock.now() - 10_000).length));
		};
		const run = (async () => {
			// 550 ms of spacing left unused, then 40 at once.
			for (let i = 0; i < 3; i++) await one(650);
			await Promise.all(Array.from({ length: 40 }, async () => await one(20)));
		})();
		await clock.run();
		await run;
		const phase = sent.slice(3);
		const gaps = gapsOf(phase);
		expect(gaps.slice(6).every((gap) => gap >= 100)).toBe(true);
		expect(phase[39] - phase[0]).toBeGreaterThanOrEqual(39 * 100 - 550 - 10);
	});

	it('counts a request from its answer, so a slow way to HubSpot cannot tip the window over', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 1, intervalMs: 1000 }, clock);
		const slow = await throttle.acquire();
		let next: number | undefined;
		const waiting = throttle.acquire().then((answered) => {
			next = clock.now();
			answered();
		});

		await clock.advance(600);
		slow();
		await clock.run();
		await waiting;

		// HubSpot may have counted the slow request as late as its answer, at 600 ms.
		expect(next).toBe(1600);
	});

	it('counts requests in flight against the budget', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 3, intervalMs: 1000 }, clock);
		const inFlight = Promise.all([throttle.acquire(), throttle.acquire(), throttle.acquire()]);
		let fourth: number | undefined;
		const waiting = throttle.acquire().then((answered) => {
			fourth = clock.now();
			answered();
		});

		await clock.advance(5000);
		expect(fourth).toBeUndefined();
		(await inFlight).forEach((answered) => answered());
		await clock.run();
		await waiting;
		expect(fourth).toBe(6000);
	});

	it('holds 100 requests per 10 s by default-sized configuration', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);

		const times = await sendTimes(throttle, clock, 250);

		expect(busiestWindow(times, 10_000)).toBe(100);
		expect(times[249]).toBe(24_900);
	});

	it("adopts HubSpot's window from the headers (10 per 1000 ms) when it is within the configured rate", async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);

		throttle.observe(rateHeaders(10, 1000));

		expect(throttle.currentWindow).toEqual({ max: 10, intervalMs: 1000 });
		const times = await sendTimes(throttle, clock, 30);
		expect(busiestWindow(times, 1000)).toBe(10);
	});

	it("caps HubSpot's window at the configured rate", () => {
		const clock = new FakeClock();
		const slow = new RequestThrottle({ max: 50, intervalMs: 10_000 }, clock);
		slow.observe(rateHeaders(10, 1000));
		expect(slow.currentWindow).toEqual({ max: 5, intervalMs: 1000 });

		const tier = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		tier.observe(rateHeaders(190, 10_000));
		expect(tier.currentWindow).toEqual({ max: 100, intervalMs: 10_000 });
	});

	it('ignores missing or nonsense rate-limit headers', () => {
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, new FakeClock());
		throttle.observe({});
		throttle.observe({ 'x-hubspot-ratelimit-max': 'abc', 'x-hubspot-ratelimit-interval-milliseconds': '1000' });
		throttle.observe(rateHeaders(0, 1000));
		expect(throttle.currentWindow).toEqual({ max: 100, intervalMs: 10_000 });
		expect(throttle.budget).toBe(100);
	});

	it('shrinks its budget to its share when Remaining shows other executions using the same window', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		await sendTimes(throttle, clock, 2);

		// 8 of 10 used in this window, 2 of them ours: three others are as busy as we are.
		throttle.observe(rateHeaders(10, 1000, 2));

		expect(throttle.budget).toBe(2);
		const later = await sendTimes(throttle, clock, 4);
		expect(later.every((t) => t >= 1000)).toBe(true);
		expect(busiestWindow(later, 1000)).toBe(2);
	});

	it('grows into room nobody uses: all of it once others stopped, half beyond its own use while they grow', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		await sendTimes(throttle, clock, 2);
		throttle.observe(rateHeaders(100, 10_000, 20));
		// 80 used, 2 of them ours: a fortieth of the window each, were every execution alike.
		expect(throttle.budget).toBe(5);

		// The others stop: their requests leave the window, Remaining climbs. Their count fell from
		// 78 to 28 in 3 s, faster than a window of them empties (7.8 a second): they sent nothing
		// meanwhile, so the rate they gave up is all this run's to take, at once.
		await clock.advance(3000);
		throttle.observe(rateHeaders(100, 10_000, 70));
		expect(throttle.budget).toBe(100);

		// Others send more again: half of the 45 free beyond our 2.
		await clock.advance(3000);
		throttle.observe(rateHeaders(100, 10_000, 60));
		expect(throttle.budget).toBe(24);

		// Alone in the window: all of it.
		throttle.observe(rateHeaders(100, 10_000, 98));
		expect(throttle.budget).toBe(100);
	});

	it('takes over at once the rate others give up, when their count falls over a second and the window has room', async () => {
		/** 30 answered requests of ours and 60 of others in the window, then 3 more of ours at our share's pace. */
		const busyRun = async (options: { othersAfter: number }) => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			await sendTimes(throttle, clock, 30);
			throttle.observe(rateHeaders(100, 10_000, 10));
			// Our share: 30 of 90, scaled to the window.
			expect(throttle.budget).toBe(33);
			const started = clock.now();
			await sendTimes(throttle, clock, 3);
			expect(clock.now() - started).toBeGreaterThanOrEqual(600);
			throttle.observe(rateHeaders(100, 10_000, 100 - 33 - options.othersAfter));
			return throttle.budget;
		};
		// Others went from 60 to 52 in under a second: they send about 9 per second less than leaves
		// the window for them. Our part of that (33 of 85) on top of our own pace: twice our share.
		expect(await busyRun({ othersAfter: 52 })).toBeGreaterThanOrEqual(60);
		// Others steady at 60: the share stays.
		expect(await busyRun({ othersAfter: 60 })).toBe(33);
		// Others done at once: no more than the whole window.
		expect(await busyRun({ othersAfter: 0 })).toBe(100);
	});

	it('keeps sending at a probing pace when others fill the window, and brings a long-spaced send forward once it may grow', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		const first = await throttle.acquire();
		first();
		throttle.observe(rateHeaders(100, 10_000, 0));
		// One of 100 used by others: the floor of 5 per window, a send every 2 s rather than one every 10 s.
		expect(throttle.budget).toBe(5);

		let sentAt: number | undefined;
		const waiting = throttle.acquire().then((answered) => {
			sentAt = clock.now();
			answered();
		});
		await clock.advance(500);
		expect(sentAt).toBeUndefined();
		// The window emptied (e.g. an answer of another request of this run says so): the waiting send need not wait for 2 s.
		throttle.observe(rateHeaders(100, 10_000, 99));
		await clock.run();
		await waiting;
		expect(sentAt).toBe(750);
	});

	it('starved to the probe share with its share already in the window, still sends one request every 2 s to hear whether the window freed up', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		await sendTimes(throttle, clock, 5);
		// 97 used, 5 of them ours: others fill the window, this run's share is the probe share.
		throttle.observe(rateHeaders(100, 10_000, 3));
		expect(throttle.budget).toBe(5);

		const [probe] = await sendTimes(throttle, clock, 1);
		// Not when its own five leave the window (10 s on), but one probe's spacing (2 s) after its last answer (at 400 ms).
		expect(probe).toBeGreaterThanOrEqual(2_400);
		expect(probe).toBeLessThan(2_700);
	});

	it("at a fair share with its share in the window, probes again soon after an answer showed others' count falling", async () => {
		/** 30 of ours answered, others at 30 when it started (they started with it), then 70, then `othersAfter`; when the next request goes. */
		const nextSend = async (othersAfter: number) => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			await sendTimes(throttle, clock, 30);
			throttle.observe(rateHeaders(100, 10_000, 40));
			throttle.observe(rateHeaders(100, 10_000, 0));
			throttle.observe(rateHeaders(100, 10_000, 100 - 30 - othersAfter));
			// Its share of a full window is what it already has there: 30.
			expect(throttle.budget).toBe(30);
			const [next] = await sendTimes(throttle, clock, 1);
			return next;
		};
		// Others leaving: the next answer comes one share's spacing (333 ms) after the last send, not when its own leave (10 s).
		expect(await nextSend(69)).toBeLessThan(3_500);
		// Others steady: its own first request leaving the window makes the room.
		expect(await nextSend(70)).toBe(10_000);
	});

	it("keeps the budget it took over while the window has room and others' count holds steady", async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		await sendTimes(throttle, clock, 30);
		throttle.observe(rateHeaders(100, 10_000, 10));
		await clock.advance(600);
		// Others' count fell from 60 to 40 in 600 ms: they stopped, this run takes their rate over.
		throttle.observe(rateHeaders(100, 10_000, 30));
		expect(throttle.budget).toBe(100);
		await clock.advance(1_100);
		// Still 40 of theirs, 30 left: room for its pace, so nothing to give up (its share of what is used would be 42).
		throttle.observe(rateHeaders(100, 10_000, 30));
		expect(throttle.budget).toBe(100);
	});

	it("having found others there, takes their rate over from their count's fall in the last second, not diluted by its own quiet stretch before", async () => {
		/** 10 of ours; others at `othersAtStart` at its first answer, then silence for 3 s, then 80 and 74 others 800 ms apart: its budget after. */
		const budgetAfter = async (othersAtStart: number) => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			await sendTimes(throttle, clock, 10);
			throttle.observe(rateHeaders(100, 10_000, 100 - 10 - othersAtStart));
			await clock.advance(3_000);
			throttle.observe(rateHeaders(100, 10_000, 100 - 10 - 80));
			await clock.advance(800);
			throttle.observe(rateHeaders(100, 10_000, 100 - 10 - 74));
			return throttle.budget;
		};
		// 6 fewer in 800 ms: as fast as a window of 80 empties, so they stopped; it takes their 7.5 a second.
		expect(await budgetAfter(85)).toBeGreaterThanOrEqual(70);
		// A run that started with the others measures from its older count: 11 fewer in 3.8 s, a slow fall, it keeps about its share.
		expect(await budgetAfter(30)).toBeLessThan(20);
	});

	it('starved while the last answer said the window was full, probes half as often (every 4 s), not never; every 2 s if it found others filling the window when it started', async () => {
		/** Five requests answered by 400 ms, the first answer showing `othersAtFirst` others, the last a full window. */
		const nextSend = (othersAtFirst: number) => nextSendAfterHeld(5, othersAtFirst, 0);
		// Its last answer came at 400 ms; its own five leave the window only at 10 s.
		const started = await nextSend(5);
		expect(started).toBeGreaterThanOrEqual(4_400);
		expect(started).toBeLessThan(4_700);
		// Found others filling the window: every 2 s (4 s before 2026-12-07), as they are likely to finish first.
		const joinedLate = await nextSend(95);
		expect(joinedLate).toBeGreaterThanOrEqual(2_400);
		expect(joinedLate).toBeLessThan(2_700);
	});

	it('having found others holding most of the window, checks a second after its last answer while its own requests hold it back; runs that started with the others do not', async () => {
		/** 30 of ours answered by 2.9 s, `othersAtStart` others at its first answer, then others fill the window but for 2 slots. */
		const nextSend = (othersAtStart: number) => nextSendAfterHeld(30, othersAtStart, 2);
		// Last answer at 2.9 s: a check a second later (2 s before 2026-12-07), not when its own first request leaves the window (10 s).
		const check = await nextSend(50);
		expect(check).toBeGreaterThanOrEqual(3_900);
		expect(check).toBeLessThan(4_200);
		expect(await nextSend(30)).toBe(10_000);
	});

	it('having found others there, keeps up to three probes on their way, two slots apart, while their count falls', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		await sendTimes(throttle, clock, 10);
		// Others at 85 when it started, 88 a moment later, then falling: it is held back by its own ten (budget 10).
		throttle.observe(rateHeaders(100, 10_000, 5));
		throttle.observe(rateHeaders(100, 10_000, 2));
		throttle.observe(rateHeaders(100, 10_000, 3));
		expect(throttle.budget).toBeLessThanOrEqual(10);
		const sent: number[] = [];
		const probes = Array.from({ length: 4 }, () => throttle.acquire().then(() => sent.push(clock.now())));
		await clock.advance(1_000);
		// Three on their way (none answered), at least two slots (200 ms) apart from the last send (at 900 ms); the fourth waits for an answer.
		expect(sent).toHaveLength(3);
		expect(sent[0]).toBeGreaterThanOrEqual(1_100);
		expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(200);
		expect(sent[2] - sent[1]).toBeGreaterThanOrEqual(200);
		void probes;
	});

	it('within its share, holds a send the window cannot take by the time it arrives, counting its own requests HubSpot has not counted yet', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		const slots: Array<() => void> = [];
		const sentAt: number[] = [];
		const take = () =>
			throttle.acquire().then((answered) => {
				sentAt.push(clock.now());
				slots.push(answered);
			});
		// Four sent 100 ms apart; the first one's answer says two slots are left: the other three were sent after it, HubSpot has not counted them.
		const four = Array.from({ length: 4 }, take);
		await clock.advance(350);
		await Promise.all(four);
		await clock.advance(450);
		slots[0]();
		throttle.observe(rateHeaders(100, 10_000, 2));
		// Its share (5, the least) still has room for one more of its own...
		expect(throttle.budget).toBe(5);
		const fifth = take();
		// ...and its spacing at that share (2 s) has passed...
		await clock.advance(2_500);
		// ...but 2 left, less 3 of ours uncounted: it waits for their answers instead of meeting a 429.
		expect(sentAt).toHaveLength(4);
		slots[1]();
		throttle.observe(rateHeaders(100, 10_000, 20));
		await clock.advance(300);
		await fifth;
		expect(sentAt).toHaveLength(5);
		expect(sentAt[4]).toBeGreaterThanOrEqual(3_300);
		slots.slice(2).forEach((answered) => answered());
	});

	describe("a 429 given at once, as the request came in (issue 23: back to back at 800 ms)", () => {
		/**
		 * 40 requests 100 ms apart, alone in the window, each answered 800 ms after it was sent with what
		 * HubSpot counted as it came in; then a 41st answered with a 429 `answerMs` after sending, HubSpot
		 * counting 100: this run's 40 (8 of them still on their way) and 60 of other executions'.
		 */
		async function after429(answerMs: number, hungMsBefore?: number, lastStatus = 429): Promise<RequestThrottle> {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			if (hungMsBefore !== undefined) {
				// One more request, sent that long before, never answered (a connection that hangs).
				await throttle.acquire();
				await clock.advance(hungMsBefore);
			}
			const answers: Array<Promise<void>> = [];
			for (let sent = 1; sent <= 41; sent++) {
				const answered = await throttle.acquire();
				const last = sent === 41;
				answers.push(
					clock.sleep(last ? answerMs : 800).then(() => {
						answered();
						throttle.observe(rateHeaders(100, 10_000, last ? 0 : 100 - sent), last ? lastStatus : 200);
					}),
				);
				if (last) break;
				await clock.advance(100);
			}
			await clock.advance(answerMs);
			return throttle;
		}

		it('counts its own requests sent before it as its own in HubSpot\'s count, not as other executions\'', async () => {
			// 32 answered + 8 on their way (the refused one is not in HubSpot's count): 40 of the 100 are this run's, and its share is 40, not 33.
			expect((await after429(5)).budget).toBe(40);
		});

		it('a 2xx given at once that took the last slot is in the count, itself too: 41 of the 100', async () => {
			expect((await after429(5, undefined, 200)).budget).toBe(41);
		});

		it('does not take its 429s for what answers usually take: nine refused at once in a row are each still read as one', async () => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			const answerAfter = (answered: () => void, ms: number, remaining: number, status: number) =>
				clock.sleep(ms).then(() => {
					answered();
					throttle.observe(rateHeaders(100, 10_000, remaining), status);
				});
			// Lets one request through, moving the clock only as far as that takes (no answer meanwhile).
			const sendNow = async () => {
				let answered: (() => void) | undefined;
				void throttle.acquire().then((release) => (answered = release));
				while (!answered) await clock.advance(10);
				return answered;
			};
			// Five answered after 8 s each: what answers usually take.
			const usual = [];
			for (let i = 0; i < 5; i++) usual.push(answerAfter(await sendNow(), 8_000, 95, 200));
			await clock.run();
			await Promise.all(usual);
			// Twelve on their way, then nine sent before any answer and refused 1.5 s later each (an eighth of usual: at once).
			const onTheirWay = [];
			for (let i = 0; i < 12; i++) onTheirWay.push(await sendNow());
			const refused = [];
			for (let i = 0; i < 9; i++) refused.push(answerAfter(await sendNow(), 1_500, 0, 429));
			await clock.run();
			await Promise.all(refused);
			// HubSpot holds 100: 5 answered + 12 on their way are this run's (the 9 refused are not). Had the 429s
			// become what answers usually take, the last ones would be read as ordinary answers, the share cut to 13.
			expect(throttle.budget).toBe(17);
			onTheirWay.forEach((answered) => answered());
		});

		it('leaves out a request of its own sent more than a window before it and never answered: it is not in the window', async () => {
			expect((await after429(5, 20_000)).budget).toBe(40);
		});

		it('an answer as slow as usual (HubSpot counted it halfway, or later) leaves the count as it was: requests sent before it may not have come in', async () => {
			// Back in half the usual time: 38 answered by then (itself included), the 3 sent just before it left out.
			expect((await after429(400)).budget).toBe(38);
		});
	});

	it('holds a send the window cannot take only while the Remaining it goes by is within one window: requests of its own that never answer do not stall it', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		const first = await throttle.acquire();
		await clock.advance(200);
		first();
		// Others hold 97 of the window: 2 left; this run's share is the least (5, one send every 2 s).
		throttle.observe(rateHeaders(100, 10_000, 2));
		expect(throttle.budget).toBe(5);
		const sent: number[] = [];
		// Five sends whose answers never come (a connection that hangs): nothing else tells the run more.
		for (let i = 0; i < 5; i++) void throttle.acquire().then(() => sent.push(clock.now()));
		await clock.run(60_000);
		// What the answer at 200 ms counted has left the window by 10.1 s, others' requests too: from then
		// on its share decides (5 on their way at most), as before any Remaining, not answers that never come.
		expect(sent).toHaveLength(5);
		expect(sent[4]).toBeLessThanOrEqual(16_000);
	});

	it('never sends more than the configured rate in any rolling window, whatever the headers say, answers out of order, some never answered', async () => {
		const header = fc.record({
			max: fc.integer({ min: 1, max: 250 }),
			intervalMs: fc.constantFrom(500, 1_000, 2_000, 10_000),
			remaining: fc.option(fc.integer({ min: -5, max: 260 }), { nil: undefined }),
		});
		const answer = fc.record({ latencyMs: fc.integer({ min: 0, max: 4_000 }), header });
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 10, max: 60 }),
				fc.integer({ min: 1, max: 6 }),
				fc.array(answer, { minLength: 20, maxLength: 50 }),
				fc.array(fc.nat(49), { maxLength: 3 }),
				async (configuredMax, workers, answers, hanging) => {
					const clock = new FakeClock();
					const throttle = new RequestThrottle({ max: configuredMax, intervalMs: 10_000 }, clock);
					const sentAt: number[] = [];
					let next = 0;
					const worker = async () => {
						while (next < answers.length) {
							const index = next++;
							const { latencyMs, header: h } = answers[index];
							const answered = await throttle.acquire();
							sentAt.push(clock.now());
							// A request that never answers keeps its slot: the others go on without it.
							if (hanging.includes(index)) return;
							await clock.sleep(latencyMs);
							answered();
							throttle.observe(rateHeaders(h.max, h.intervalMs, h.remaining));
						}
					};
					void Promise.all(Array.from({ length: workers }, worker));
					await clock.run(60_000);
					expect(busiestWindow(sentAt.sort((a, b) => a - b), 10_000)).toBeLessThanOrEqual(configuredMax);
				},
			),
			{ numRuns: 25 },
		);
	});

	describe('after waiting on its own answers (between the phases of an operation), making up the slots it left unused', () => {
		/**
		 * One run alone: a phase of 5 requests from 0 ms, each answered 800 ms later with the Remaining
		 * HubSpot would give (100 less the run's 5, less `others`), then a second phase of 15 at `nextAt`.
		 */
		async function secondPhase(options: { nextAt: number; others?: number; rateLimited?: boolean; heldInFlight?: boolean }): Promise<number[]> {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			const first = Array.from({ length: 5 }, async (_, i) => {
				const answered = await throttle.acquire();
				// A request of the run still on its way: Parallel Requests held the next ones back, the run was not idle.
				if (options.heldInFlight && i === 4) return;
				await clock.sleep(800);
				answered();
				throttle.observe(rateHeaders(100, 10_000, 95 - (options.others ?? 0)));
			});
			await clock.run(1_300);
			await Promise.all(first);
			if (options.rateLimited) throttle.holdUntilRoom(0);
			await clock.advance(options.nextAt - clock.now());
			const times = await sendTimes(throttle, clock, 15);
			return times.map((at) => at - options.nextAt);
		}

		it('sends a tenth of the window at once (1 + 10 at 100 per 10 s), then spaces again', async () => {
			const times = await secondPhase({ nextAt: 2_000 });
			expect(times.slice(0, 11)).toEqual(Array(11).fill(0));
			expect(times.slice(11)).toEqual([100, 200, 300, 400]);
		});

		it('makes up only what it left unused: answered 800 ms after its last send, 7 slots', async () => {
			// Last send at 400 ms, the next slot at 500 ms, the second phase at 1,200 ms.
			const times = await secondPhase({ nextAt: 1_200 });
			expect(times.filter((at) => at === 0)).toHaveLength(8);
			expect(times.slice(8, 10)).toEqual([100, 200]);
		});

		it.each([
			['other executions hold part of the window', { others: 20 }],
			['the last answer was a 429', { rateLimited: true }],
			['a request of its own is still on its way', { heldInFlight: true }],
			// Answered by 1,200 ms: others may have come into the window since, unseen.
			['its last answer came 1.8 s before (it waited on something else: searches, other nodes)', {}],
		])('does not when %s', async (_, options) => {
			const times = await secondPhase({ nextAt: 3_000, ...options });
			expect(Math.min(...gapsOf(times))).toBeGreaterThanOrEqual(99);
		});

		it('does not when the window has no more than the reserve and that tenth left', async () => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			// 75 of its own answered (the last at 7,400 ms): nobody else's in the window, 25 left.
			await sendTimes(throttle, clock, 75);
			throttle.observe(rateHeaders(100, 10_000, 25));
			await clock.advance(3_000);
			const times = await sendTimes(throttle, clock, 3);
			expect(times).toEqual([10_400, 10_500, 10_600]);
		});

		/**
		 * Alone: 5 requests answered with Remaining 95, then at 2,000 ms a phase of one request, granted
		 * the whole credit and using none of it, answered 800 ms later with `remaining`.
		 */
		async function afterAPhaseOfOne(remaining: number) {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			const answeredWith = async (count: number, left: number) => {
				const sent = Array.from({ length: count }, async () => {
					const answered = await throttle.acquire();
					await clock.sleep(800);
					answered();
					throttle.observe(rateHeaders(100, 10_000, left));
				});
				await clock.run();
				await Promise.all(sent);
			};
			await answeredWith(5, 95);
			await clock.advance(2_000 - clock.now());
			await answeredWith(1, remaining);
			return { clock, throttle };
		}

		it('does not make up what it left of the credit once answers show other executions in the window', async () => {
			// 9 of other executions' requests in the window: it now shares it.
			const { clock, throttle } = await afterAPhaseOfOne(85);
			expect(throttle.pace().ahead).toBe(0);
			await clock.advance(4_000 - clock.now());
			const times = await sendTimes(throttle, clock, 15);
			expect(Math.min(...gapsOf(times))).toBeGreaterThanOrEqual(99);
		});

		it('does not make up what it left of the credit after waiting on something else', async () => {
			// Still alone at its last answer, at 2,800 ms; the next phase comes 3.2 s later.
			const { clock, throttle } = await afterAPhaseOfOne(94);
			await clock.advance(6_000 - clock.now());
			const times = await sendTimes(throttle, clock, 15);
			expect(Math.min(...gapsOf(times))).toBeGreaterThanOrEqual(99);
		});
	});

	it('pauses when Remaining reaches 0 until a slot of the window frees up', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		await sendTimes(throttle, clock, 1);

		throttle.observe(rateHeaders(10, 1000, 0));

		const [next] = await sendTimes(throttle, clock, 1);
		expect(next).toBeGreaterThanOrEqual(100);
	});

	it('holds every request back for pause(ms), then lets them through at its pace', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);

		throttle.pause(2500);
		throttle.pause(1000);

		const times = await sendTimes(throttle, clock, 3);
		expect(times).toEqual([2500, 2600, 2700]);
	});

	describe('after a 429, holding back only until the window has room again', () => {
		it('waits about one slot of a full window (interval ÷ max, with jitter), not the whole interval', async () => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);

			expect(throttle.holdUntilRoom(0)).toBe(100);
			const [next] = await sendTimes(throttle, clock, 1);
			expect(next).toBe(100);
		});

		it('triples the hold for each 429 in a row, never past the interval, and starts over after an answer that is not one', () => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);

			expect([0, 1, 2, 3, 4, 5].map(() => throttle.holdUntilRoom(0))).toEqual([100, 300, 900, 2700, 8100, 10_000]);
			throttle.notRateLimited();
			expect(throttle.holdUntilRoom(0)).toBe(100);
		});

		it('never holds longer than until its own oldest request in the window leaves it', async () => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			await sendTimes(throttle, clock, 1);
			await clock.advance(9_950);
			for (let i = 0; i < 4; i++) throttle.holdUntilRoom(0);

			expect(throttle.holdUntilRoom(0)).toBe(50);
		});

		it('spreads runs apart by up to half a hold more (jitter) and follows the window HubSpot reports', () => {
			const clock = new FakeClock();
			const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
			throttle.observe(rateHeaders(10, 1_000, 0));

			expect(throttle.holdUntilRoom(1)).toBe(150);
		});
	});

	it('keeps to the configured rate when the headers name a window too short for one of its requests', async () => {
		const clock = new FakeClock();
		// 5 per 10 s is one request every 2 s; HubSpot's headers speak of 10 per second.
		const throttle = new RequestThrottle({ max: 5, intervalMs: 10_000 }, clock);
		throttle.observe(rateHeaders(10, 1_000, 9));
		const times = await sendTimes(throttle, clock, 12);
		expect(busiestWindow(times, 10_000)).toBeLessThanOrEqual(5);
	});

	it('does not take a window longer than the configured one from the headers: a day-long "interval" would space requests 14 minutes apart', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		(await throttle.acquire())();
		throttle.observe(rateHeaders(100, 86_400_000, 99));
		const times = await sendTimes(throttle, clock, 10);
		expect(times[times.length - 1]).toBeLessThanOrEqual(10_000);
	});
});
