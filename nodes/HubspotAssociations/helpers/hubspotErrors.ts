import type { HubSpotErrorInfo } from './interfaces';
import { errorInfo } from './matching';

/** What a failed HTTP exchange with HubSpot left behind, whatever layer threw it. */
export interface FailedExchange {
	/** The HTTP status, or undefined when no answer arrived (reset, timeout, DNS). */
	statusCode?: number;
	headers: Record<string, string>;
	hubspot?: HubSpotErrorInfo;
	/** A network error code such as ECONNRESET when no answer arrived. */
	networkCode?: string;
	/** The low-level error message, for when HubSpot said nothing. */
	rawMessage?: string;
	/** A 2xx whose body was not the JSON HubSpot promises. */
	malformed?: boolean;
	/** Not sent (again): the execution was cancelled. */
	cancelled?: boolean;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	const entries =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? Object.entries((headers as { toJSON: () => Record<string, unknown> }).toJSON())
			: Object.entries(headers as Record<string, unknown>);
	for (const [name, value] of entries) {
		if (value !== undefined && value !== null) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

function parseBody(data: unknown): Record<string, unknown> | undefined {
	// A Buffer's toString() is its UTF-8 text.
	const binary = ArrayBuffer.isView(data);
	if (data && typeof data === 'object' && !binary) return data as Record<string, unknown>;
	const text = binary ? String(data) : data;
	if (typeof text !== 'string' || text === '') return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** The fields of an error in the thrown chain that can carry HubSpot's answer; any may be absent. */
interface ThrownError {
	cause?: unknown;
	code?: unknown;
	message?: unknown;
	httpCode?: unknown;
	context?: { data?: unknown };
	response?: { status?: unknown; statusCode?: unknown; data?: unknown; body?: unknown; headers?: unknown };
}

/**
 * Reads status, headers and HubSpot's error body out of whatever n8n's request helper threw
 * (a NodeApiError wrapping an axios error, or the axios error itself).
 */
export function readFailedExchange(error: unknown): FailedExchange {
	const candidates: ThrownError[] = [];
	for (let current = error as ThrownError | undefined, depth = 0; current && depth < 4; current = current.cause as ThrownError | undefined, depth++) {
		candidates.push(current);
	}
	const withResponse = candidates.find((candidate) => candidate?.response && typeof candidate.response === 'object');
	const response = withResponse?.response;
	const statusCode = Number(response?.status ?? response?.statusCode ?? candidates[0]?.httpCode) || undefined;
	const body = parseBody(response?.data ?? response?.body) ?? parseBody(candidates[0]?.context?.data);
	const networkCode = candidates.map((candidate) => candidate?.code).find((code): code is string => typeof code === 'string' && /^E[A-Z]+/.test(code));
	const rawMessage = candidates.map((candidate) => candidate?.message).find((message) => typeof message === 'string');
	const hubspot = body ? errorInfo(body as HubSpotErrorInfo) : undefined;
	const scopes = missingScopes(hubspot, body as Parameters<typeof missingScopes>[1]);
	if (hubspot && scopes.length > 0) hubspot.context = { ...hubspot.context, missingScopes: scopes };
	return {
		statusCode: response ? statusCode : statusCode && !networkCode ? statusCode : undefined,
		headers: lowerCaseHeaders(response?.headers),
		hubspot,
		networkCode,
		rawMessage,
	};
}

/** The entries of what should be a list: anything else (an object, null, text from a proxy) holds none. */
function entriesOf(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** The scope names of what should be a `missingScopes` list, whatever else it holds. */
function scopeNames(context: unknown): string[] {
	if (!context || typeof context !== 'object') return [];
	return entriesOf((context as { missingScopes?: unknown }).missingScopes).filter((scope): scope is string => typeof scope === 'string');
}

/** The scopes a 403 says are missing, wherever HubSpot put them; a body of another shape names none. */
export function missingScopes(hubspot: HubSpotErrorInfo | undefined, body?: { errors?: unknown }): string[] {
	const scopes = new Set<string>(scopeNames(hubspot?.context));
	for (const nested of entriesOf(body?.errors)) {
		if (nested && typeof nested === 'object') for (const scope of scopeNames((nested as { context?: unknown }).context)) scopes.add(scope);
	}
	return [...scopes];
}

/** One line a user can act on, built from HubSpot's own words. */
export function describeFailedExchange(
	exchange: FailedExchange & { gaveUpReason?: string },
	authentication: 'oAuth2' | 'appToken' = 'oAuth2',
): string {
	const described = describeOnce(exchange, authentication);
	return exchange.gaveUpReason ? `${described} (${exchange.gaveUpReason})` : described;
}

function describeOnce(exchange: FailedExchange, authentication: 'oAuth2' | 'appToken'): string {
	const { statusCode, hubspot, networkCode, rawMessage } = exchange;
	if (exchange.cancelled) return 'Not sent to HubSpot: the execution was cancelled';
	if (exchange.malformed) return `HubSpot answered ${statusCode} with a body that is not valid JSON`;
	if (statusCode === undefined) {
		return `HubSpot could not be reached (${networkCode ?? rawMessage ?? 'no answer'})`;
	}
	const said = hubspot?.message ? `: ${hubspot.message}` : '';
	switch (statusCode) {
		case 401:
			return `HubSpot did not accept the credentials (401)${said}`;
		case 403: {
			const scopes = missingScopes(hubspot);
			return scopes.length > 0
				? `The HubSpot credential lacks the scopes ${scopes.join(', ')} (403): ${
						authentication === 'appToken'
							? "add them to the private app's scopes in HubSpot, then put its new token in the credential's App Token field"
							: "add them to your HubSpot app and to the credential's Scope or Optional Scope field, then reconnect the credential (HubSpot grants an optional scope only where the portal's tier has the feature)"
					}`
				: `HubSpot refused the request (403)${said}`;
		}
		case 404:
			return `HubSpot found no such endpoint or object type (404)${said}`;
		case 429:
			return hubspot?.policyName === 'DAILY'
				? `HubSpot's daily request limit is used up (429)${said}: it resets at midnight in the account's time zone`
				: `HubSpot's rate limit was reached (429)${said}`;
		default:
			return `HubSpot answered ${statusCode}${said}`;
	}
}
