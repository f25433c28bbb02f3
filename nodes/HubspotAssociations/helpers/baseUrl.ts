/**
 * Where the credentials' tokens and secrets may go. Anyone who may edit a shared credential can
 * change its Base URL without seeing its secrets, so the URL is held to HubSpot's API and to
 * loopback addresses (the simulator, tests): n8n's allowed-domains setting does not cover the
 * requests a node signs or the token refresh.
 *
 * One definition for every use: the node's requests (`allowedBaseUrl`), the app token's
 * `authenticate`, and the expressions n8n evaluates for the token URL and the Test button
 * (`BASE_URL_EXPRESSION`, `TOKEN_URL_EXPRESSION`), built from the same pattern and steps.
 */
export const HUBSPOT_API_URL = 'https://api.hubapi.com';

/** HubSpot documents no regional API host; loopback may carry any port. Origins only: no user, path or query. */
const ALLOWED_ORIGIN = /^(?:https:\/\/api\.hubapi\.com|https?:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?)$/;

/** Trimmed, without trailing slashes, lower case; HubSpot's when empty. */
export function normaliseBaseUrl(value: unknown): string {
	return (typeof value === 'string' ? value : '').trim().replace(/\/+$/, '').toLowerCase() || HUBSPOT_API_URL;
}

export function isAllowedBaseUrl(normalised: string): boolean {
	return ALLOWED_ORIGIN.test(normalised);
}

/** The host part of a URL as a message may show it: never a user name or password before an `@`. */
function shownHost(url: string): string {
	const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)/i.exec(url)?.[1] ?? url.slice(0, 60);
	return host.replace(/^.*@/, '');
}

export function refusedBaseUrlMessage(url: string): string {
	return (
		`The credential's Base URL (${shownHost(url)}) is not HubSpot's API: its token and secrets go only to ${HUBSPOT_API_URL} ` +
		'(or a loopback address such as http://127.0.0.1 for a local simulator). Set Base URL back to https://api.hubapi.com; ' +
		"to reach HubSpot through a proxy, use n8n's own proxy settings (HTTPS_PROXY)"
	);
}

/** The normalised base URL of a credential, or the message refusing it. */
export function allowedBaseUrl(value: unknown): { ok: true; url: string } | { ok: false; message: string } {
	const url = normaliseBaseUrl(value);
	return isAllowedBaseUrl(url) ? { ok: true, url } : { ok: false, message: refusedBaseUrlMessage(url) };
}

type RequestTarget = { url?: string; uri?: string; baseURL?: string };

/** Where a request goes: its URL when absolute, else its base URL. */
export function requestOrigin(options: RequestTarget): string {
	const url = String(options.url ?? options.uri ?? '');
	const target = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : String(options.baseURL ?? '');
	return (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target.trim())?.[0] ?? target).toLowerCase();
}

/** The path a request asks for, below its origin. */
function requestPath(options: RequestTarget): string {
	const url = String(options.url ?? options.uri ?? '');
	if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return `/${url.replace(/^\/+/, '')}`;
	return url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
}

/**
 * Whether a request may carry the credential's token. Other programs listen on loopback too (n8n's
 * own webhooks among them, whose output shows a request's headers): there only HubSpot's API paths,
 * as the simulator serves them, without `..` or backslashes that would leave them.
 */
export function mayCarryToken(options: RequestTarget): { ok: true } | { ok: false; message: string } {
	const origin = requestOrigin(options);
	if (!isAllowedBaseUrl(origin)) return { ok: false, message: refusedBaseUrlMessage(origin) };
	if (origin === HUBSPOT_API_URL) return { ok: true };
	const path = requestPath(options);
	const apiPath = /^\/crm(?:-object-schemas)?\//.test(path) && !/\\|(?:^|\/)(?:\.|%2e){1,2}(?:[/?#]|$)/i.test(path);
	return apiPath
		? { ok: true }
		: { ok: false, message: `The credential's token goes to a loopback address (${origin}) only on HubSpot's API paths (/crm/…), not to ${path.slice(0, 60)}` };
}

const NORMALISED = (value: string) => `(String(${value} || '').trim().replace(/\\/+$/, '').toLowerCase() || '${HUBSPOT_API_URL}')`;

/** n8n expression: the credential's Base URL normalised (n8n resolves `$credentials` in a Test request). */
export const BASE_URL_EXPRESSION = `={{ ${NORMALISED('$credentials.baseUrl')} }}`;

/**
 * n8n expression for the hidden token URL: it follows an allowed Base URL and is HubSpot's
 * otherwise, so a refresh or Connect never sends the refresh token or client secret elsewhere.
 */
export const TOKEN_URL_EXPRESSION = `={{ (url => (/${ALLOWED_ORIGIN.source}/.test(url) ? url : '${HUBSPOT_API_URL}') + '/oauth/2026-03/token')(${NORMALISED('$self.baseUrl')}) }}`;

export const BASE_URL_DESCRIPTION =
	"HubSpot's API address, where the credential's token and secrets go: https://api.hubapi.com. Any other address is refused, except a loopback one (http://127.0.0.1:…, http://localhost:…, on HubSpot's API paths only) for a local simulator or tests; for a proxy, use n8n's proxy settings (HTTPS_PROXY).";
