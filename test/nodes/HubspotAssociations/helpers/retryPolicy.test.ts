import type { FailedExchange } from '../../../../nodes/HubspotAssociations/helpers/hubspotErrors';
import { isDailyLimit, mayHaveBeenApplied, retryDecision, type RetryDecision } from '../../../../nodes/HubspotAssociations/helpers/retryPolicy';

function answer(statusCode: number | undefined, fields: Partial<FailedExchange> = {}): FailedExchange {
	return { statusCode, headers: {}, ...fields };
}

function rateLimited(policyName: string, headers: Record<string, string> = {}, message = 'You have reached your ten_secondly_rolling limit.'): FailedExchange {
	return answer(429, { headers, hubspot: { status: 'error', category: 'RATE_LIMITS', message, policyName } });
}

/** The wait of a retried decision; fails the test when the decision is not to retry. */
function waitOf(decision: RetryDecision): number {
	if (!decision.retry) throw new Error(`expected a retry, got: ${decision.reason}`);
	return decision.waitMs;
}

describe('retryDecision', () => {
	describe('429 rate limits', () => {
		it('waits out a TEN_SECONDLY_ROLLING 429 for the Retry-After seconds when HubSpot sends them', () => {
			const decision = retryDecision(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '3' }), 0, 0);
			expect(decision).toEqual({ retry: true, waitMs: 3000, reason: 'rate limited' });
		});

		it('leaves a 429 without Retry-After to the throttle (until the window has room), within a whole 10-second window', () => {
			expect(retryDecision(rateLimited('TEN_SECONDLY_ROLLING'), 0, 0)).toEqual({ retry: true, waitMs: 10_000, reason: 'rate limited', untilRoom: true });
		});

		it("bounds that wait by HubSpot's own window length when the 429 carries X-HubSpot-RateLimit-Interval-Milliseconds", () => {
			const headers = { 'x-hubspot-ratelimit-interval-milliseconds': '1000', 'x-hubspot-ratelimit-max': '10', 'x-hubspot-ratelimit-remaining': '0' };
			expect(retryDecision(rateLimited('TEN_SECONDLY_ROLLING', headers), 0, 0)).toMatchObject({ waitMs: 1000, untilRoom: true });
		});

		it('prefers Retry-After over the interval header', () => {
			const headers = { 'retry-after': '2', 'x-hubspot-ratelimit-interval-milliseconds': '10000' };
			expect(waitOf(retryDecision(rateLimited('TEN_SECONDLY_ROLLING', headers), 0, 0))).toBe(2000);
		});

		it.each([['-1'], [''], [' '], ['5, 5'], ['soon']])('takes an invalid Retry-After (%j) for none: the throttle holds until the window has room', (retryAfter) => {
			// Date.parse reads "-1" and "5, 5" as dates of 2001, Number reads "" as 0: each was a retry at once.
			expect(retryDecision(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': retryAfter }), 0, 0)).toMatchObject({ retry: true, untilRoom: true });
			expect(waitOf(retryDecision(answer(503, { headers: { 'retry-after': retryAfter } }), 0, 0))).toBe(1000);
		});

		it('honours Retry-After given as an HTTP date', () => {
			const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
			const wait = waitOf(retryDecision(rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': inFiveSeconds }), 0, 0));
			expect(wait).toBeGreaterThan(3000);
			expect(wait).toBeLessThanOrEqual(5000);
		});

		it('retries a SECONDLY 429 (the CRM search limit) after a second, as HubSpot\'s SDK does, and a bare "secondly limit" one', () => {
			const secondly = rateLimited('SECONDLY', {}, 'You have reached your secondly limit.');
			expect(retryDecision(secondly, 0, 0)).toEqual({ retry: true, waitMs: 1_000, reason: 'rate limited', untilRoom: true });
			const bare = answer(429, { hubspot: { message: 'You have reached your secondly limit.' } });
			expect(retryDecision(bare, 0, 0)).toMatchObject({ retry: true, reason: 'rate limited' });
		});

		it('does not retry a DAILY 429 named by policyName', () => {
			expect(retryDecision(rateLimited('DAILY', {}, 'You have reached your daily limit.'), 0, 0)).toEqual({
				retry: false,
				reason: "HubSpot's daily limit is reached",
			});
		});

		it('does not retry a 429 whose X-HubSpot-RateLimit-Daily-Remaining is 0, whatever the body says', () => {
			expect(retryDecision(answer(429, { headers: { 'x-hubspot-ratelimit-daily-remaining': '0' } }), 0, 0).retry).toBe(false);
		});

		it('spreads concurrent clients apart with up to 25 % jitter', () => {
			const exchange = rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '4' });
			expect(waitOf(retryDecision(exchange, 0, 0))).toBe(4000);
			expect(waitOf(retryDecision(exchange, 0, 0.5))).toBe(4500);
			expect(waitOf(retryDecision(exchange, 0, 1))).toBe(5000);
		});
	});

	it('waits at least 2 s for a 423 locked, and longer when Retry-After asks for it', () => {
		expect(retryDecision(answer(423), 0, 0)).toEqual({ retry: true, waitMs: 2000, reason: 'records locked' });
		expect(waitOf(retryDecision(answer(423, { headers: { 'retry-after': '1' } }), 0, 0))).toBe(2000);
		expect(waitOf(retryDecision(answer(423, { headers: { 'retry-after': '7' } }), 0, 0))).toBe(7000);
	});

	it('waits the Retry-After of a 477 migration in progress, or 5 s without it', () => {
		expect(retryDecision(answer(477, { headers: { 'retry-after': '12' } }), 0, 0)).toEqual({ retry: true, waitMs: 12_000, reason: 'migration in progress' });
		expect(waitOf(retryDecision(answer(477), 0, 0))).toBe(5000);
	});

	describe.each([502, 503, 504, 521, 523, 524])('a transient %i', (status) => {
		it('is retried with a wait that doubles per attempt from 1 s', () => {
			const waits = [0, 1, 2, 3, 4].map((attempt) => waitOf(retryDecision(answer(status), attempt, 0)));
			expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000]);
			expect(retryDecision(answer(status), 0, 0).reason).toBe(`HubSpot answered ${status}`);
		});

		it('waits the Retry-After HubSpot sends with it, in seconds or as a date, instead of the backoff', () => {
			expect(waitOf(retryDecision(answer(status, { headers: { 'retry-after': '7' } }), 0, 0))).toBe(7000);
			expect(waitOf(retryDecision(answer(status, { headers: { 'retry-after': '2' } }), 4, 0))).toBe(2000);
			const inNineSeconds = new Date(Date.now() + 9_000).toUTCString();
			const wait = waitOf(retryDecision(answer(status, { headers: { 'retry-after': inNineSeconds } }), 0, 0));
			expect(wait).toBeGreaterThan(7_500);
			expect(wait).toBeLessThanOrEqual(9_000);
		});

		it('never waits more than 30 s (plus jitter)', () => {
			expect(waitOf(retryDecision(answer(status), 5, 0))).toBe(30_000);
			expect(waitOf(retryDecision(answer(status), 10, 0))).toBe(30_000);
			expect(waitOf(retryDecision(answer(status), 10, 1))).toBe(37_500);
		});
	});

	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ESOCKETTIMEDOUT'])(
		'retries a dropped connection (%s) with exponential backoff',
		(networkCode) => {
			expect(retryDecision(answer(undefined, { networkCode }), 0, 0)).toEqual({ retry: true, waitMs: 1000, reason: `connection failed (${networkCode})` });
			expect(waitOf(retryDecision(answer(undefined, { networkCode }), 2, 0))).toBe(4000);
		},
	);

	it('does not retry a failure without an answer it does not know to be transient (e.g. a bad host name)', () => {
		expect(retryDecision(answer(undefined, { networkCode: 'ENOTFOUND' }), 0, 0)).toEqual({ retry: false, reason: 'HubSpot could not be reached' });
		expect(retryDecision(answer(undefined, { rawMessage: 'something odd' }), 0, 0).retry).toBe(false);
	});

	it('retries a 2xx whose body is not JSON with exponential backoff', () => {
		expect(retryDecision(answer(200, { malformed: true }), 0, 0)).toEqual({ retry: true, waitMs: 1000, reason: 'malformed answer' });
		expect(waitOf(retryDecision(answer(200, { malformed: true }), 3, 0))).toBe(8000);
	});

	it.each([400, 401, 403, 404, 409, 500])('does not retry a %i', (status) => {
		expect(retryDecision(answer(status), 0, 0)).toEqual({ retry: false, reason: `HubSpot answered ${status}` });
	});
});

describe('isDailyLimit', () => {
	it('is true for a DAILY 429 and false for the rolling window or other statuses', () => {
		expect(isDailyLimit(rateLimited('DAILY'))).toBe(true);
		expect(isDailyLimit(rateLimited('daily'))).toBe(true);
		expect(isDailyLimit(rateLimited('TEN_SECONDLY_ROLLING'))).toBe(false);
		expect(isDailyLimit(answer(403, { hubspot: { policyName: 'DAILY' } }))).toBe(false);
	});
});

describe('mayHaveBeenApplied', () => {
	it.each([
		[{ statusCode: 502, headers: {} }, true],
		[{ statusCode: 503, headers: {} }, true],
		[{ statusCode: 500, headers: {} }, true],
		[{ statusCode: 200, headers: {}, malformed: true }, true],
		[{ headers: {}, networkCode: 'ECONNRESET' }, true],
		[{ headers: {}, networkCode: 'ETIMEDOUT' }, true],
		[{ headers: {}, networkCode: 'ECONNREFUSED' }, false],
		[{ statusCode: 429, headers: {} }, false],
		[{ statusCode: 423, headers: {} }, false],
		[{ statusCode: 400, headers: {} }, false],
		[{ statusCode: 404, headers: {} }, false],
	] as Array<[FailedExchange, boolean]>)('says whether HubSpot may have applied a write answered %j: %s', (exchange, expected) => {
		expect(mayHaveBeenApplied(exchange)).toBe(expected);
	});
});
