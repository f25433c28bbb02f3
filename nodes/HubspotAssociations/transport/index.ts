import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestMethods, type ILoadOptionsFunctions, type IWebhookFunctions } from 'n8n-workflow';
import { readFailedExchange, type FailedExchange } from '../helpers/hubspotErrors';
import { retryDecision } from '../helpers/retryPolicy';
import { answerSignal, ConcurrencyLimit, type ConcurrencySetting } from './concurrency';
import { accountThrottle } from './accountThrottles';
import { searchThrottle } from './searchThrottle';
import { isByteStream, readText } from './responseText';
import { RequestThrottle, type Clock } from './throttle';

export type { ConcurrencySetting } from './concurrency';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

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

const systemClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/** The credential type name the node's authentication setting names. */
function credentialType(context: HubSpotContext): string {
	return authenticationOf(context) === 'appToken' ? 'hubspotAssociationsAppTokenApi' : 'hubspotAssociationsOAuth2Api';
}

async function baseUrl(context: HubSpotContext, type: string): Promise<string> {
	const credentials = await context.getCredentials(type);
	const url = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() !== '' ? credentials.baseUrl : DEFAULT_BASE_URL;
	return url.trim().replace(/\/+$/, '');
}

function lowerCaseKeys(headers: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = String(value);
	return out;
}

/** A failed request's answer comes as a stream too: its text is put in its place, for HubSpot's message to be read. */
async function readErrorBodies(error: unknown, read: { text?: string }): Promise<void> {
	for (let current = error as ThrownResponse | undefined, depth = 0; current && depth < 4; current = current.cause as ThrownResponse | undefined, depth++) {
		const response = current.response;
		if (!response || !isByteStream(response.data)) continue;
		await readText(response.data, read).catch(() => undefined);
		response.data = read.text;
		read.text = undefined;
	}
}

type ThrownResponse = { response?: { data?: unknown }; cause?: unknown };

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
		await readErrorBodies(error, read);
		return { ok: false, ...readFailedExchange(error) };
	}
}

/** The one place that talks to HubSpot: every operation and dropdown goes through a client. */
export function createHubSpotClient(context: HubSpotContext, settings: ClientSettings = DEFAULT_CLIENT_SETTINGS, clock: Clock = systemClock): HubSpotClient {
	const configured = { max: settings.requestsPerTenSeconds, intervalMs: 10_000 };
	// Until the credential is read (first request), a throttle of its own; then the account's.
	let associationsThrottle = new RequestThrottle(configured, clock);
	const searchesThrottle = searchThrottle(clock);
	const stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };
	// Batches in flight follow the association endpoints' window: searches have their own, per second.
	const concurrency = new ConcurrencyLimit(settings.concurrency, () => associationsThrottle.pace(), clock);
	let target: Promise<{ type: string; baseUrl: string }> | undefined;
	const resolveTarget = async () => {
		const type = credentialType(context);
		const url = await baseUrl(context, type);
		// Virtual clocks (tests) keep their own; real runs of one account in this process share one.
		if (clock === systemClock) {
			const credentialId = context.getNode().credentials?.[type]?.id ?? undefined;
			associationsThrottle = accountThrottle({ credentialType: type, credentialId, baseUrl: url }, configured, clock);
		}
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
			const { type, baseUrl: base } = await target;
			const throttle = request.rateLimit === 'search' ? searchesThrottle : associationsThrottle;
			let waited = 0;
			for (let attempt = 0; ; attempt++) {
				const answered = await throttle.acquire();
				stats.requests++;
				const sentAt = clock.now();
				const onItsWay = throttle === associationsThrottle ? concurrency.sending() : undefined;
				const answer = await send(context, type, `${base}${request.path}`, request);
				onItsWay?.();
				answered();
				// Searches (record lookups) keep to their own window and do not steer the batches in flight.
				if (throttle === associationsThrottle) concurrency.observe(answerSignal(answer.statusCode), clock.now() - sentAt);
				throttle.observe(answer.headers);
				// The answer itself, not a copy: a body taken from it (takeBody) is gone from every holder.
				if (answer.ok) return Object.assign(answer, { attempts: attempt + 1 });
				if (answer.statusCode === 429) stats.rateLimited++;
				const decision = retryDecision(answer, attempt, Math.random());
				if (!decision.retry) return { ...answer, attempts: attempt + 1 };
				if (attempt >= settings.maxRetries || waited + decision.waitMs > settings.maxWaitMs) {
					return { ...answer, attempts: attempt + 1, gaveUpReason: `${decision.reason}; gave up after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}` };
				}
				stats.retries++;
				waited += decision.waitMs;
				if (answer.statusCode === 429) throttle.pause(decision.waitMs);
				else await clock.sleep(decision.waitMs);
			}
		},
	};
}
