import fc from 'fast-check';
import { answerSignal, AUTO_MAX_IN_FLIGHT, ConcurrencyLimit } from '../../../../nodes/HubspotAssociations/transport/concurrency';
import { RequestThrottle } from '../../../../nodes/HubspotAssociations/transport/throttle';
import { FakeClock, flush } from '../../../harness/fakeClock';

/** HubSpot's default window: 100 requests per 10 s, i.e. 0.01 per ms. */
const DEFAULT_WINDOW = () => ({ perMs: 0.01, intervalMs: 10_000 });

describe('answerSignal', () => {
	it('reads 423, 429, 5xx and no answer at all as pushback, everything else as clean', () => {
		expect([423, 429, 500, 502, 503, 504, 524, undefined].map(answerSignal)).toEqual(Array(8).fill('congested'));
		expect([200, 201, 207, 204, 400, 401, 403, 404, 477].map(answerSignal)).toEqual(Array(9).fill('clean'));
	});
});

describe('ConcurrencyLimit', () => {
	it('pins a number: answers change nothing', () => {
		const limit = new ConcurrencyLimit(3, DEFAULT_WINDOW, new FakeClock());
		limit.observe('clean', 5_000);
		limit.observe('congested', 10);
		expect(limit.limit).toBe(3);
		expect(limit.ceiling).toBe(3);
	});

	it('auto starts with one request in flight and stays there while answers come faster than the window spaces sends', () => {
		const limit = new ConcurrencyLimit('auto', DEFAULT_WINDOW, new FakeClock());
		expect(limit.limit).toBe(1);
		limit.observe('clean', 80);
		expect(limit.limit).toBe(1);
		expect(limit.ceiling).toBe(AUTO_MAX_IN_FLIGHT);
	});

	it('auto grows straight to latency × rate on a slow clean answer (800 ms at 10/s: 8)', () => {
		const limit = new ConcurrencyLimit('auto', DEFAULT_WINDOW, new FakeClock());
		limit.observe('clean', 800);
		expect(limit.limit).toBe(8);
		limit.observe('clean', 100);
		expect(limit.limit).toBe(8);
	});

	it('auto never passes its ceiling, however slow the answers', () => {
		const limit = new ConcurrencyLimit('auto', () => ({ perMs: 0.1, intervalMs: 10_000 }), new FakeClock());
		limit.observe('clean', 60_000);
		expect(limit.limit).toBe(AUTO_MAX_IN_FLIGHT);
	});

	it('halves on pushback, then grows back one slot per clean answer for a rate window, then to what latency needs', async () => {
		const clock = new FakeClock();
		const limit = new ConcurrencyLimit('auto', DEFAULT_WINDOW, clock);
		limit.observe('clean', 1_000);
		expect(limit.limit).toBe(10);
		limit.observe('congested', 1_000);
		expect(limit.limit).toBe(5);
		limit.observe('congested', 1_000);
		limit.observe('congested', 1_000);
		limit.observe('congested', 1_000);
		expect(limit.limit).toBe(1);
		limit.observe('clean', 1_000);
		limit.observe('clean', 1_000);
		expect(limit.limit).toBe(3);
		await clock.advance(10_000);
		limit.observe('clean', 1_000);
		expect(limit.limit).toBe(10);
	});

	it('holds requests past the limit until one is released, and lets waiters in as the limit grows', async () => {
		const limit = new ConcurrencyLimit('auto', DEFAULT_WINDOW, new FakeClock());
		const first = await limit.acquire();
		const admitted: number[] = [];
		const waiters = [1, 2, 3].map(async (n) => {
			const release = await limit.acquire();
			admitted.push(n);
			return release;
		});
		await flush();
		expect(admitted).toEqual([]);
		first();
		first();
		await flush();
		expect(admitted).toEqual([1]);
		limit.observe('clean', 300);
		await flush();
		expect(admitted).toEqual([1, 2, 3]);
		for (const release of await Promise.all(waiters)) release();
	});

	it('auto grows before the first answer: a request unanswered for t needs t × rate in flight', async () => {
		const clock = new FakeClock();
		const limit = new ConcurrencyLimit('auto', DEFAULT_WINDOW, clock);
		await limit.acquire();
		const onItsWay = limit.sending();
		let second = false;
		const waiting = limit.acquire().then(() => (second = true));
		await clock.advance(90);
		expect(second).toBe(false);
		await clock.advance(20);
		await waiting;
		// 100 ms unanswered at 0.01 per ms: one request per spacing is already on its way.
		expect(limit.limit).toBe(2);
		await clock.advance(300);
		const third = limit.acquire();
		await clock.advance(25);
		await third;
		expect(limit.limit).toBe(5);
		onItsWay();
	});

	it('a pinned number does not grow from unanswered requests, nor auto right after pushback', async () => {
		const clock = new FakeClock();
		const pinned = new ConcurrencyLimit(1, DEFAULT_WINDOW, clock);
		await pinned.acquire();
		pinned.sending();
		let admitted = false;
		void pinned.acquire().then(() => (admitted = true));
		await clock.advance(5_000);
		expect(admitted).toBe(false);

		const auto = new ConcurrencyLimit('auto', DEFAULT_WINDOW, clock);
		auto.observe('congested', 100);
		await auto.acquire();
		auto.sending();
		let autoAdmitted = false;
		void auto.acquire().then(() => (autoAdmitted = true));
		await clock.advance(5_000);
		expect(autoAdmitted).toBe(false);
		await clock.advance(5_100);
		expect(autoAdmitted).toBe(true);
	});

	it('with the throttle, 50 batches answered in 800 ms finish within 1.25× of the rate-bound optimum, never over the window', async () => {
		const clock = new FakeClock();
		const throttle = new RequestThrottle({ max: 100, intervalMs: 10_000 }, clock);
		const limit = new ConcurrencyLimit('auto', () => throttle.pace(), clock);
		const sentAt: number[] = [];
		let next = 0;
		const worker = async () => {
			while (next < 50) {
				const release = await limit.acquire();
				if (next >= 50) {
					release();
					break;
				}
				next++;
				const answered = await throttle.acquire();
				const started = clock.now();
				sentAt.push(started);
				const onItsWay = limit.sending();
				await clock.sleep(800);
				onItsWay();
				answered();
				limit.observe('clean', clock.now() - started);
				release();
			}
		};
		const run = Promise.all(Array.from({ length: limit.ceiling }, worker));
		await clock.run();
		await run;
		const optimumMs = (50 / 100) * 10_000 + 800;
		expect(sentAt).toHaveLength(50);
		// Before the first answer, the unanswered first request already grows the limit: no lost 800 ms.
		expect(clock.now()).toBeLessThanOrEqual(optimumMs * 1.02);
		// Never more than the window's 100 in any 10 s, and spaced as the throttle spaces them.
		expect(sentAt.every((at, i) => i === 0 || at - sentAt[i - 1] >= 100)).toBe(true);
	});

	it('auto lets the requests the throttle sends ahead of its rate in beyond the limit; a pinned number and a limit just halved by pushback do not', async () => {
		const clock = new FakeClock();
		const ahead = () => ({ perMs: 0.01, intervalMs: 10_000, ahead: 3 });
		const admitted = async (limit: ConcurrencyLimit) => {
			let count = 0;
			for (let i = 0; i < 10; i++) void limit.acquire().then(() => count++);
			await clock.advance(30);
			return count;
		};
		expect(await admitted(new ConcurrencyLimit('auto', ahead, clock))).toBe(1 + 3);
		expect(await admitted(new ConcurrencyLimit(2, ahead, clock))).toBe(2);
		const pushedBack = new ConcurrencyLimit('auto', ahead, clock);
		pushedBack.observe('congested', 100);
		expect(await admitted(pushedBack)).toBe(1);
	});
});

/**
 * One run alone on HubSpot's default window, in virtual time: HubSpot counts a request halfway to
 * its answer and answers with Remaining, 429 over the window. Phases as Sync sends them: each
 * starts once every request of the one before is answered.
 */
async function phasesAlone(phases: Array<{ requests: number; latencyMs: number; gapMs: number }>, othersInWindow = 0) {
	const clock = new FakeClock();
	const window = { max: 100, intervalMs: 10_000 };
	const throttle = new RequestThrottle(window, clock);
	const limit = new ConcurrencyLimit('auto', () => throttle.pace(), clock);
	const arrivals: number[] = [];
	const sentAt: number[] = [];
	let rateLimited = 0;
	const request = async (latencyMs: number) => {
		for (;;) {
			const release = await limit.acquire();
			const answered = await throttle.acquire();
			const started = clock.now();
			sentAt.push(started);
			const onItsWay = limit.sending();
			await clock.sleep(latencyMs / 2);
			const now = clock.now();
			const inWindow = arrivals.filter((at) => at > now - window.intervalMs).length + othersInWindow;
			const over = inWindow >= window.max;
			if (!over) arrivals.push(now);
			await clock.sleep(latencyMs / 2);
			onItsWay();
			answered();
			limit.observe(over ? 'congested' : 'clean', clock.now() - started);
			throttle.observe({
				'x-hubspot-ratelimit-max': '100',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
				'x-hubspot-ratelimit-remaining': String(Math.max(0, window.max - inWindow - (over ? 0 : 1))),
			});
			release();
			if (!over) return;
			rateLimited++;
			throttle.holdUntilRoom(0.5);
		}
	};
	const run = (async () => {
		for (const phase of phases) {
			await clock.sleep(phase.gapMs);
			await Promise.all(Array.from({ length: phase.requests }, () => request(phase.latencyMs)));
		}
	})();
	await clock.run();
	await run;
	return { wallMs: clock.now(), rateLimited, sentAt: sentAt.sort((a, b) => a - b), arrivals };
}

/** The most of `times` in any window of `intervalMs`. */
function busiest(times: number[], intervalMs: number): number {
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[j] <= times[i] - intervalMs) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

describe('the phases of one run (Sync: reads, writes, removals) under the throttle and Parallel Requests auto', () => {
	it('make up the round trip each phase waits on its answers: 10, 22 and 20 requests answered in 800 ms within 1.1× the rate-bound optimum', async () => {
		const phases = [10, 22, 20].map((requests) => ({ requests, latencyMs: 800, gapMs: 0 }));
		const { wallMs, rateLimited } = await phasesAlone(phases);
		// 52 requests ÷ 10 per s + one answer; waiting on each phase's last answer at the spacing took 7.3 s.
		const optimumMs = (52 / 100) * 10_000 + 800;
		expect(rateLimited).toBe(0);
		expect(wallMs).toBeLessThanOrEqual(optimumMs * 1.1);
	});

	it('never puts more in a window than HubSpot allows, nor sends more than the configured rate, whatever the phases, gaps, answer times and others in the window', async () => {
		const phase = fc.record({ requests: fc.integer({ min: 1, max: 40 }), latencyMs: fc.integer({ min: 0, max: 3_000 }), gapMs: fc.integer({ min: 0, max: 12_000 }) });
		await fc.assert(
			fc.asyncProperty(fc.array(phase, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 20 }), async (phases, others) => {
				const { rateLimited, sentAt, arrivals } = await phasesAlone(phases, others);
				expect(busiest(sentAt, 10_000)).toBeLessThanOrEqual(100);
				expect(busiest(arrivals, 10_000)).toBeLessThanOrEqual(100 - others);
				// Others holding a steady share leave the run the rest: it meets no 429.
				expect(rateLimited).toBe(0);
			}),
			{ numRuns: 60, seed: 20261207 },
		);
	});
});
