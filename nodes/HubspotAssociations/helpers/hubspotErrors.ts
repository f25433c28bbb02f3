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
	/** The node sent nothing: why (a Base URL that is not HubSpot's). */
	refused?: string;
	/** HubSpot would not renew the OAuth2 access token: the connection must be made again. */
	refreshRefused?: RefreshRefusal;
	/** The credential's name in n8n, for a message asking the user to act on it. */
	credentialName?: string;
	/** HubSpot said one or more of the scopes it named will do, not all of them. */
	scopesAnyOf?: boolean;
	/** Not sent (again): the execution was cancelled. */
	cancelled?: boolean;
	/** Not sent: HubSpot asked the account (Retry-After on a 429) to wait this many ms more, beyond what a request may wait. */
	heldBack?: number;
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
	// ESTATUS is n8n's OAuth2 client reporting an HTTP answer of the token URL, not a network failure.
	const networkCode = candidates.map((candidate) => candidate?.code).find((code): code is string => typeof code === 'string' && /^E[A-Z]+/.test(code) && code !== 'ESTATUS');
	const rawMessage = candidates.map((candidate) => candidate?.message).find((message) => typeof message === 'string');
	const refreshRefused = refreshRefusal(candidates);
	if (refreshRefused) return { headers: {}, refreshRefused, rawMessage };
	const hubspot = body ? errorInfo(body as HubSpotErrorInfo) : undefined;
	const demand = scopeDemand(body);
	if (hubspot && demand.scopes.length > 0) hubspot.context = { ...hubspot.context, missingScopes: demand.scopes };
	return {
		statusCode: response ? statusCode : statusCode && !networkCode ? statusCode : undefined,
		headers: lowerCaseHeaders(response?.headers),
		hubspot,
		networkCode,
		rawMessage,
		...(demand.anyOf && demand.scopes.length > 0 ? { scopesAnyOf: true } : {}),
	};
}

/** The scopes a 403 says are missing, wherever HubSpot put them. */
export function missingScopes(hubspot: HubSpotErrorInfo | undefined, body?: unknown): string[] {
	const scopes = new Set<string>(scopeNames(hubspot?.context?.missingScopes));
	for (const scope of scopeDemand(body).scopes) scopes.add(scope);
	return [...scopes];
}

/** Keys under which HubSpot's 403 bodies name scopes: its OpenAPI example, live answers, older ones. */
const SCOPE_KEYS = ['missingScopes', 'requiredGranularScopes', 'requiredScopes'];

function scopeNames(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((scope): scope is string => typeof scope === 'string' && scope.trim() !== '').map((scope) => scope.trim()) : [];
}

/**
 * The scopes a 403 body names, in `context` or in each of `errors[].context` (or the message
 * "…scopes are required: a, b"), and whether HubSpot said one or more of them will do.
 */
export function scopeDemand(body: unknown): { scopes: string[]; anyOf: boolean } {
	const scopes = new Set<string>();
	// Each entry that names scopes is one demand; "one of" holds only when they all ask for the same choice.
	const demands = new Set<string>();
	let allOneOf = true;
	const read = (entry: unknown) => {
		if (!entry || typeof entry !== 'object') return;
		const { context, message } = entry as { context?: unknown; message?: unknown };
		const named = new Set<string>();
		if (context && typeof context === 'object') for (const key of SCOPE_KEYS) for (const scope of scopeNames((context as Record<string, unknown>)[key])) named.add(scope);
		// The list ends with its sentence: a dot inside a scope name is never followed by a space.
		const listed = typeof message === 'string' ? /scopes? (?:are|is) required:\s*(.*?)(?:\.(?:\s|$)|\n|$)/i.exec(message)?.[1] : undefined;
		for (const scope of listed?.split(/[\s,]+/) ?? []) if (scope.replace(/\.$/, '')) named.add(scope.replace(/\.$/, ''));
		if (named.size === 0) return;
		for (const scope of named) scopes.add(scope);
		demands.add([...named].sort().join(' '));
		if (!(typeof message === 'string' && /one or more of/i.test(message))) allOneOf = false;
	};
	read(body);
	const nested = (body as { errors?: unknown } | undefined)?.errors;
	if (Array.isArray(nested)) for (const entry of nested) read(entry);
	return { scopes: [...scopes], anyOf: demands.size === 1 && allOneOf };
}

/** What HubSpot answered a token refresh it refused. */
export interface RefreshRefusal {
	statusCode?: number;
	/** HubSpot's code (BAD_REFRESH_TOKEN) or OAuth's (invalid_grant), and its words. */
	code?: string;
	message?: string;
}

const TOKEN_URL_BUSY = [408, 429];

/**
 * A refused token refresh, as n8n's OAuth2 client throws it: a `ResponseError` (code ESTATUS,
 * the status and HubSpot's body, no response), an `AuthError` (code EAUTH, an OAuth error body),
 * or n8n's own "needs to be reconnected" error for `invalid_grant`.
 */
function refreshRefusal(candidates: ThrownError[]): RefreshRefusal | undefined {
	for (const candidate of candidates) {
		const { code, status, body, failure } = candidate as ThrownError & { status?: unknown; body?: unknown; failure?: { cause?: unknown } };
		if (failure?.cause === 'credential-invalid') return { code: 'invalid_grant' };
		if (code !== 'ESTATUS' && code !== 'EAUTH') continue;
		// A redirect or a 2xx that was not JSON (a proxy's page) is no refusal of the grant, nor is a
		// timeout or a rate limit of the token URL: those pass, the grant still holds.
		if (code === 'ESTATUS' && !(Number(status) >= 400 && Number(status) < 500 && !TOKEN_URL_BUSY.includes(Number(status)))) continue;
		const said = parseBody(body) ?? {};
		const text = (key: string) => (typeof said[key] === 'string' && said[key] !== '' ? (said[key] as string) : undefined);
		return {
			statusCode: Number(status) || undefined,
			code: text('error') ?? (text('status') !== 'error' ? text('status') : undefined) ?? text('category'),
			message: text('error_description') ?? text('message'),
		};
	}
	return undefined;
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
	if (exchange.heldBack !== undefined) {
		return `Not sent to HubSpot: it asked for no requests from this account for ${Math.ceil(exchange.heldBack / 1000)} s more (Retry-After on a 429), longer than the node waits`;
	}
	if (exchange.refused) return exchange.refused;
	if (exchange.refreshRefused) return reconnectMessage(exchange.refreshRefused, exchange.credentialName);
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
			if (scopes.length === 0) return `HubSpot refused the request (403)${said}`;
			const anyOf = exchange.scopesAnyOf && scopes.length > 1;
			const add = anyOf ? 'add one of them' : 'add them';
			return `The HubSpot credential ${anyOf ? 'needs one of the scopes' : 'lacks the scopes'} ${scopes.join(', ')} (403): ${
				authentication === 'appToken'
					? `${add} where the token comes from (service key: Development → Keys → Service keys; static-auth project app: its requiredScopes, then hs project upload; legacy private app: its scopes), then put the token into the credential's Service Key or App Token field`
					: `${add} to your HubSpot app and to the credential's Scope or Optional Scope field, then reconnect the credential (HubSpot grants an optional scope only where the portal's tier has the feature)`
			}`;
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

/** Why the connection must be made again, in HubSpot's words when it gave them. */
function reconnectMessage(refusal: RefreshRefusal, credentialName: string | undefined): string {
	const which = credentialName ? `credential "${credentialName}"` : 'this credential';
	const said = [refusal.statusCode, refusal.code].filter(Boolean).join(' ');
	const why = refusal.message ? `${said ? `${said}: ` : ''}${refusal.message}` : said;
	return (
		`The HubSpot connection of ${which} must be reconnected: HubSpot refused to renew its access${why ? ` (${why})` : ''}, ` +
		'as it does once the app is uninstalled, its access revoked or the refresh token expired. Open the credential in n8n and connect it again'
	);
}
