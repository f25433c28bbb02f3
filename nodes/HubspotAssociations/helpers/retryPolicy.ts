import type { FailedExchange } from './hubspotErrors';

export type RetryDecision =
	| { retry: false; reason: string }
	/** `untilRoom`: a 429 that named no wait; the throttle, which knows what it sent, tells how long until the window has room (at most `waitMs`). */
	| { retry: true; waitMs: number; reason: string; untilRoom?: true };

const TRANSIENT_STATUSES = new Set([502, 503, 504, 521, 523, 524]);
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'ERR_BAD_RESPONSE',
	'EMALFORMED',
]);
const TEN_SECONDS = 10_000;
/** A secondly limit (CRM search) clears within a second; HubSpot's Node SDK waits that long too. */
const ONE_SECOND = 1_000;
const LOCKED_MIN_WAIT = 2_000;
const BACKOFF_BASE = 1_000;
const BACKOFF_CAP = 30_000;

/**
 * Retry-After in ms: seconds (digits only) or an HTTP date (which names its day and month in
 * words). Anything else counts as not given: `Date.parse` reads "-1" or "5, 5" as dates of 2001,
 * and `Number` reads an empty value as 0, each a retry at once.
 */
function retryAfterMs(headers: Record<string, string>): number | undefined {
	const value = headers['retry-after']?.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	if (!/[a-z]/i.test(value)) return undefined;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function rateWindowMs(exchange: FailedExchange): number {
	const interval = Number(exchange.headers['x-hubspot-ratelimit-interval-milliseconds']);
	if (Number.isFinite(interval) && interval > 0) return interval;
	const secondly = String(exchange.hubspot?.policyName ?? '').toUpperCase() === 'SECONDLY';
	return secondly ? ONE_SECOND : TEN_SECONDS;
}

/** A daily 429 will not clear for hours: retrying it only adds errors. */
export function isDailyLimit(exchange: FailedExchange): boolean {
	const policy = String(exchange.hubspot?.policyName ?? '').toUpperCase();
	return exchange.statusCode === 429 && (policy === 'DAILY' || exchange.headers['x-hubspot-ratelimit-daily-remaining'] === '0');
}

// A connection that was never made cannot have carried the request.
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

/**
 * Whether HubSpot may have applied a write whose answer failed: a 5xx, a malformed answer or a
 * connection lost on the way may come after the change was made (a 4xx, 429 or 423 does not).
 */
export function mayHaveBeenApplied(exchange: FailedExchange): boolean {
	if (exchange.malformed) return true;
	if (exchange.statusCode === undefined) return !NOT_SENT_NETWORK_CODES.has(exchange.networkCode ?? '');
	return exchange.statusCode >= 500;
}

/**
 * Whether a failed request is worth sending again, and after how long. `attempt` counts the
 * retries already made; `random` (0..1) spreads concurrent clients apart.
 */
export function retryDecision(exchange: FailedExchange, attempt: number, random: number): RetryDecision {
	const { statusCode, headers } = exchange;
	const jitter = (ms: number) => Math.round(ms * (1 + 0.25 * random));
	const backoff = () => jitter(Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt));

	if (exchange.malformed) return { retry: true, waitMs: backoff(), reason: 'malformed answer' };
	if (statusCode === undefined) {
		return exchange.networkCode && TRANSIENT_NETWORK_CODES.has(exchange.networkCode)
			? { retry: true, waitMs: backoff(), reason: `connection failed (${exchange.networkCode})` }
			: { retry: false, reason: 'HubSpot could not be reached' };
	}
	if (statusCode === 429) {
		if (isDailyLimit(exchange)) return { retry: false, reason: "HubSpot's daily limit is reached" };
		const asked = retryAfterMs(headers);
		if (asked !== undefined) return { retry: true, waitMs: jitter(asked), reason: 'rate limited' };
		return { retry: true, waitMs: jitter(rateWindowMs(exchange)), reason: 'rate limited', untilRoom: true };
	}
	if (statusCode === 423) {
		return { retry: true, waitMs: jitter(Math.max(LOCKED_MIN_WAIT, retryAfterMs(headers) ?? 0)), reason: 'records locked' };
	}
	if (statusCode === 477) {
		return { retry: true, waitMs: jitter(retryAfterMs(headers) ?? BACKOFF_BASE * 5), reason: 'migration in progress' };
	}
	if (TRANSIENT_STATUSES.has(statusCode)) {
		const asked = retryAfterMs(headers);
		return { retry: true, waitMs: asked === undefined ? backoff() : jitter(asked), reason: `HubSpot answered ${statusCode}` };
	}
	return { retry: false, reason: `HubSpot answered ${statusCode}` };
}
