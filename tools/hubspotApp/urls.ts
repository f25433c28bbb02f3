/**
 * The URLs a HubSpot project app is given, checked against HubSpot's rules before anything is
 * written: a URL HubSpot refuses only shows up at `hs project upload`, far from its cause.
 * Redirect URLs: https, or http on localhost; no IP address (HubSpot's app configuration docs).
 * Webhook target: a public https endpoint (HubSpot's webhooks guide), so no localhost either.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** n8n's OAuth2 callback, relative to the instance's base URL (n8n's `/rest` API). */
export const OAUTH_CALLBACK_PATH = 'rest/oauth2-credential/callback';

/** The HubSpot Associations Trigger's webhook path (issue 21): `<n8n>/webhook/<webhookId>/associations`. */
export const TRIGGER_PATH = /^\/(?:.+\/)?webhook\/([^/]+)\/associations$/;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function parse(text: string, what: string): Checked<URL> {
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, error: `${what} is empty: give the address you open n8n at, e.g. https://n8n.example.com` };
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return { ok: false, error: `${what} "${trimmed}" is not a URL: write it whole, with https://, e.g. https://n8n.example.com` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, error: `${what} "${trimmed}" must start with https:// (HubSpot accepts no ${url.protocol} URL)` };
	}
	if (url.hash || trimmed.includes('#')) return { ok: false, error: `${what} "${trimmed}" has a fragment (#…): HubSpot refuses URLs with one; remove it` };
	if (url.username || url.password) return { ok: false, error: `${what} must not carry a user name or password` };
	if (IPV4.test(url.hostname) || url.hostname.startsWith('[')) {
		return {
			ok: false,
			error: `${what} "${trimmed}" uses an IP address (${url.hostname}): HubSpot refuses them. Use the host name n8n is reached by (or http://localhost:<port> for an n8n on this computer)`,
		};
	}
	return { ok: true, value: url };
}

const isLocalhost = (url: URL) => url.hostname === 'localhost';

/** The base URL of an n8n instance (`N8N_EDITOR_BASE_URL`): https, or http://localhost; no query. */
export function checkN8nUrl(text: string): Checked<URL> {
	const parsed = parse(text, '--n8n-url');
	if (!parsed.ok) return parsed;
	const url = parsed.value;
	if (url.protocol === 'http:' && !isLocalhost(url)) {
		return { ok: false, error: `--n8n-url "${text.trim()}" uses http: HubSpot accepts http only for localhost; use https://${url.host}${url.pathname === '/' ? '' : url.pathname}` };
	}
	if (url.search) return { ok: false, error: `--n8n-url "${text.trim()}" has a query (?…): give n8n's base address only` };
	if (/\/(rest|webhook|webhook-test)(\/|$)/.test(url.pathname)) {
		return { ok: false, error: `--n8n-url "${text.trim()}" points inside n8n (${url.pathname}): give the address n8n's editor opens at, e.g. ${url.origin}` };
	}
	return { ok: true, value: url };
}

/** `<n8n>/rest/oauth2-credential/callback`, keeping a path n8n is served under (`N8N_PATH`). */
export function redirectUrl(n8nUrl: URL): string {
	const base = n8nUrl.pathname.endsWith('/') ? n8nUrl.pathname : `${n8nUrl.pathname}/`;
	return `${n8nUrl.origin}${base}${OAUTH_CALLBACK_PATH}`;
}

/** The trigger's production URL, as n8n shows it on the trigger node (its `WEBHOOK_URL` form). */
export function checkTriggerUrl(text: string): Checked<string> {
	const parsed = parse(text, '--trigger-url');
	if (!parsed.ok) return parsed;
	const url = parsed.value;
	if (url.protocol !== 'https:' || isLocalhost(url)) {
		return {
			ok: false,
			error: `--trigger-url "${text.trim()}" must be public https: HubSpot delivers events over the internet, so it cannot reach ${url.protocol === 'http:' ? 'http' : 'localhost'}. Expose n8n over https (WEBHOOK_URL) first`,
		};
	}
	if (/\/webhook-test\//.test(url.pathname)) {
		return { ok: false, error: `--trigger-url "${text.trim()}" is the trigger's test URL, which listens only while you test in the editor: copy its Production URL (…/webhook/…/associations)` };
	}
	if (url.search) return { ok: false, error: `--trigger-url "${text.trim()}" has a query (?…): copy the trigger's Production URL as n8n shows it` };
	if (!TRIGGER_PATH.test(url.pathname)) {
		return { ok: false, error: `--trigger-url "${text.trim()}" is not a HubSpot Associations Trigger URL: it ends in /webhook/<id>/associations (copy the trigger's Production URL)` };
	}
	return { ok: true, value: url.href };
}
