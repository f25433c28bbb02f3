import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestMethods, type ILoadOptionsFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { allowedBaseUrl } from '../helpers/baseUrl';
import type { FailedExchange } from '../helpers/hubspotErrors';
import { isDailyLimit, mayHaveBeenApplied, retryDecision } from '../helpers/retryPolicy';
import { answerSignal, ConcurrencyLimit, type ConcurrencySetting } from './concurrency';
import { accountThrottle, type AccountKey, type ThrottleKind } from './accountThrottles';
import { SEARCH_WINDOW } from './searchThrottle';
import { cancelSignal, sleepUnlessCancelled } from './cancellation';
import { failedExchangeOf, readErrorBodies } from './failedAnswers';
import { isByteStream, readText } from './responseText';
import { RequestThrottle, type Clock } from './throttle';

export type { ConcurrencySetting } from './concurrency';

export { HUBSPOT_API_URL as DEFAULT_BASE_URL } from '../helpers/baseUrl';

export const API_VERSIONS = ['2026-03', '2026-09'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** The trigger's webhook reads label names through the same client as the action node. */
export type HubSpotContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export type Authentication = 'oAuth2' | 'appToken';

/** Which credential the node is set to use. */
export function authenticationOf(context: HubSpotContext): Authentication {
	// A webhook's parameters have no item index: its second argument is the fallback.
	const value = 'getWebhookName' in context ? context.getNodeParameter('authentication', 'oAuth2') : context.getNodeParameter('authentication', 0, 'oAuth2');
	return value === 'appToken' ? 'appToken' : 'oAuth2';
}

/**
 * A request body already written as JSON. A batch's body is a quarter of a megabyte of objects
 * and text: written before the request goes out, only these bytes wait for the answer, and a run
 * sending hundreds of batches does not carry every body into memory it frees only much later.
 */
export class JsonBody {
	private constructor(readonly bytes: Buffer) {}

	/** JSON text, as the body writers of `helpers/planning.ts` make it. */
	static of(json: string): JsonBody {
		return new JsonBody(Buffer.from(json));
	}

	/** The body as an object again (a dry run shows what it would have sent). */
	parsed(): IDataObject {
		return JSON.parse(this.bytes.toString()) as IDataObject;
	}
}

export interface HubSpotRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with '/'. */
	path: string;
	body?: IDataObject | JsonBody;
	qs?: IDataObject;
	/** `search`: the CRM search endpoints, which HubSpot limits apart from everything else. */
	rateLimit?: 'search';
	/**
	 * `false` for a write that is not idempotent (a label's create or delete): a failure HubSpot
	 * may have applied is answered at once, so the caller checks what HubSpot holds before sending
	 * it again. Other failures (429, 423, …) are retried as usual.
	 */
	retryApplied?: false;
}

type Exchange = { ok: true; statusCode: number; headers: Record<string, string>; body: unknown } | ({ ok: false } & FailedExchange);

/** HubSpot's answer, or what stood in for it, after the retries it took. */
export type HubSpotAnswer = Exchange & { attempts: number; gaveUpReason?: string };

/**
 * An answer's body, taken out of it. The answer is held by the promises and async functions it
 * passed through until V8's next full collection (see responseText.ts): a batch that takes the
 * body lets its parsed answer go with the batch, instead of with the run.
 */
export function takeBody(answer: Extract<HubSpotAnswer, { ok: true }>): unknown {
	const { body } = answer;
	answer.body = undefined;
	return body;
}

/** How a run talks to HubSpot: version, pace and patience. */
export interface ClientSettings {
	apiVersion: ApiVersion;
	requestsPerTenSeconds: number;
	maxRetries: number;
	/** The most a single request may spend waiting between retries. */
	maxWaitMs: number;
	/** How many batches may be in flight: a number pins it, `auto` follows HubSpot's answers. */
	concurrency: ConcurrencySetting;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
	apiVersion: '2026-03',
	requestsPerTenSeconds: 100,
	maxRetries: 5,
	maxWaitMs: 5 * 60_000,
	concurrency: 1,
};

export interface ClientStats {
	requests: number;
	retries: number;
	rateLimited: number;
}

export interface HubSpotClient {
	readonly settings: ClientSettings;
	readonly stats: ClientStats;
	/** How many batches may be in flight now; every send of the client tells it how its answer went. */
	readonly concurrency: ConcurrencyLimit;
	/** The path of an association endpoint for one direction, e.g. `batch/create`. */
	associationsPath(fromPathType: string, toPathType: string, action: string): string;
	/** Sends a request under the run's throttle, retrying what is worth retrying. */
	request(request: HubSpotRequest): Promise<HubSpotAnswer>;
}

/** Monotonic: a step of the wall clock (NTP, a resumed VM) neither stalls nor rushes the window. */
export const systemClock: Clock = { now: () => performance.now(), sleep: async (ms) => await sleep(ms) };

/** The credential type name the node's authentication setting names. */
function credentialType(context: HubSpotContext): string {
	return authenticationOf(context) === 'appToken' ? 'hubspotAssociationsAppTokenApi' : 'hubspotAssociationsOAuth2Api';
}

async function baseUrl(context: HubSpotContext, type: string) {
	const credentials = await context.getCredentials(type);
	return allowedBaseUrl(credentials.baseUrl);
}

/** The name the user gave the credential in n8n, for messages that ask them to act on it. */
function credentialName(context: HubSpotContext, type: string): string | undefined {
	return context.getNode().credentials?.[type]?.name ?? undefined;
}

function lowerCaseKeys(headers: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = String(value);
	return out;
}

/** One HTTP exchange. OAuth2 token refresh on 401 happens inside n8n's request helper. */
async function send(context: HubSpotContext, type: string, url: string, request: HubSpotRequest): Promise<Exchange> {
	const read: { text?: string } = {};
	try {
		const response = await context.helpers.httpRequestWithAuthentication.call(context, type, {
			method: request.method,
			url,
			...(request.body instanceof JsonBody ? { body: request.body.bytes, headers: { 'Content-Type': 'application/json' } } : { body: request.body }),
			qs: request.qs,
			json: true,
			encoding: 'stream',
			returnFullResponse: true,
			// n8n would follow a redirect to any host with the Authorization header: HubSpot's API does not redirect.
			disableFollowRedirect: true,
		});
		const headers = lowerCaseKeys(response.headers as IDataObject);
		let body: unknown = response.body;
		// An n8n that parses in spite of `encoding` hands over the object (or text) itself.
		if (isByteStream(body)) {
			await readText(body, read);
			body = read.text;
			read.text = undefined;
		}
		if (typeof body !== 'string') return { ok: true, statusCode: response.statusCode, headers, body };
		if (body.trim() === '') return { ok: true, statusCode: response.statusCode, headers, body: undefined };
		try {
			return { ok: true, statusCode: response.statusCode, headers, body: JSON.parse(body) as unknown };
		} catch {
			return { ok: false, statusCode: response.statusCode, headers, malformed: true, rawMessage: 'HubSpot answered with malformed JSON' };
		}
	} catch (error) {
		await readErrorBodies(error, read).catch(() => undefined);
		return { ok: false, ...failedExchangeOf(error) };
	}
}

/** The answer of a request not sent (again) because the execution was cancelled. */
function notSent(attempts: number): HubSpotAnswer {
	return { ok: false, headers: {}, cancelled: true, attempts };
}

/** The one place that talks to HubSpot: every operation and dropdown goes through a client. */
export function createHubSpotClient(context: HubSpotContext, settings: ClientSettings = DEFAULT_CLIENT_SETTINGS, clock: Clock = systemClock): HubSpotClient {
	const configured = { max: settings.requestsPerTenSeconds, intervalMs: 10_000 };
	// Until the credential is read (first request), throttles of the run's own; then the account's, asked for at every request.
	let account: AccountKey = { credentialType: '', credentialId: undefined, baseUrl: '' };
	const own = { associations: new RequestThrottle(configured, clock), search: new RequestThrottle(SEARCH_WINDOW, clock) };
	let associationsThrottle = own.associations;
	const throttleFor = (kind: ThrottleKind): RequestThrottle => {
		if (!account.credentialId) return own[kind];
		const throttle = accountThrottle(account, kind, configured, clock);
		if (kind === 'associations') associationsThrottle = throttle;
		return throttle;
	};
	const stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };
	// Batches in flight follow the association endpoints' window: searches have their own, per second.
	const concurrency = new ConcurrencyLimit(settings.concurrency, () => associationsThrottle.pace(), clock);
	const signal = cancelSignal(context);
	let target: Promise<{ type: string; baseUrl: string; refused?: string }> | undefined;
	// Once HubSpot refused to renew the token, every later request would only be refused again.
	let connectionGone: HubSpotAnswer | undefined;
	// Once HubSpot said the account's daily limit is spent, every later request would only add a 429.
	let dailySpent: HubSpotAnswer | undefined;
	const resolveTarget = async () => {
		const type = credentialType(context);
		const allowed = await baseUrl(context, type);
		if (!allowed.ok) return { type, baseUrl: '', refused: allowed.message };
		const url = allowed.url;
		const credentialId = context.getNode().credentials?.[type]?.id ?? undefined;
		account = { credentialType: type, credentialId, baseUrl: url };
		return { type, baseUrl: url };
	};

	return {
		settings,
		stats,
		concurrency,
		associationsPath(fromPathType, toPathType, action) {
			return `/crm/associations/${settings.apiVersion}/${encodeURIComponent(fromPathType)}/${encodeURIComponent(toPathType)}/${action}`;
		},
		async request(request) {
			target ??= resolveTarget();
			const { type, baseUrl: base, refused } = await target;
			// Nothing is sent: the token would go where the Base URL points.
			if (refused) return { ok: false, headers: {}, refused, attempts: 0 };
			const kind: ThrottleKind = request.rateLimit === 'search' ? 'search' : 'associations';
			let waited = 0;
			// The failed answer a retry would follow: what a cancelled run reports instead of "not sent".
			let toRetry: HubSpotAnswer | undefined;
			const stopped = (attempt: number): HubSpotAnswer => toRetry ?? notSent(attempt);
			for (let attempt = 0; ; attempt++) {
				// A retry too: another request of the run may have met the refusal meanwhile.
				if (connectionGone) return { ...connectionGone, attempts: attempt };
				if (dailySpent) return { ...dailySpent, attempts: 0, gaveUpReason: 'not sent: an earlier request of this execution met it' };
				if (signal?.aborted) return stopped(attempt);
				const throttle = throttleFor(kind);
				// HubSpot asked the account to wait longer than a request may (Retry-After): not sent, rather than held past Max Wait.
				const held = throttle.heldFor();
				if (attempt === 0 && held > settings.maxWaitMs) return { ok: false, headers: {}, heldBack: held, attempts: 0 };
				// Counted as using the account's throttle through its retry wait too, so it is not replaced meanwhile.
				const done = throttle.use();
				try {
					const answered = await throttle.acquire(signal);
					if (!answered) return stopped(attempt);
					let answer: Exchange;
					const sentAt = clock.now();
					// Searches (record lookups) keep to their own window and do not steer the batches in flight.
					const onItsWay = kind === 'associations' ? concurrency.sending() : undefined;
					try {
						stats.requests++;
						answer = await send(context, type, `${base}${request.path}`, request);
					} finally {
						// Whatever happened on the way, the slot is given back.
						onItsWay?.();
						answered();
					}
					if (!answer.ok && answer.refreshRefused) {
						answer.credentialName = credentialName(context, type);
						connectionGone = { ...answer, attempts: attempt + 1 };
					}
					if (kind === 'associations') concurrency.observe(answerSignal(answer.statusCode), clock.now() - sentAt);
					throttle.observe(answer.headers, answer.statusCode);
					if (answer.statusCode !== undefined && answer.statusCode !== 429) throttle.notRateLimited();
					// The answer itself, not a copy: a body taken from it (takeBody) is gone from every holder.
					if (answer.ok) return Object.assign(answer, { attempts: attempt + 1 });
					if (answer.statusCode === 429) stats.rateLimited++;
					const decision = retryDecision(answer, attempt, Math.random());
					if (isDailyLimit(answer)) dailySpent = { ...answer, attempts: attempt + 1 };
					if (!decision.retry) return { ...answer, attempts: attempt + 1 };
					if (request.retryApplied === false && mayHaveBeenApplied(answer)) {
						return { ...answer, attempts: attempt + 1, gaveUpReason: `${decision.reason}; not sent again before checking what HubSpot holds` };
					}
					// A 429 holds every request of the account back (the throttle), only until its window has room again.
					const waitMs = decision.untilRoom ? throttle.holdUntilRoom(Math.random()) : decision.waitMs;
					if (attempt >= settings.maxRetries || waited + waitMs > settings.maxWaitMs) {
						// The wait HubSpot asked for is the account's, even when this request gives up on it.
						if (answer.statusCode === 429 && !decision.untilRoom) throttle.pause(waitMs);
						return { ...answer, attempts: attempt + 1, gaveUpReason: `${decision.reason}; gave up after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}` };
					}
					stats.retries++;
					waited += waitMs;
					toRetry = { ...answer, attempts: attempt + 1, gaveUpReason: `${decision.reason}; not sent again: the execution was cancelled` };
					if (answer.statusCode !== 429) await sleepUnlessCancelled(clock, waitMs, signal);
					else if (!decision.untilRoom) throttle.pause(waitMs);
				} finally {
					done();
				}
			}
		},
	};
}
