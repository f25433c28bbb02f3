import { checkN8nUrl, checkTriggerUrl, redirectUrl } from '../../../tools/hubspotApp/urls';

const redirectFor = (text: string) => {
	const checked = checkN8nUrl(text);
	if (!checked.ok) throw new Error(checked.error);
	return redirectUrl(checked.value);
};
const errorOf = (checked: { ok: boolean; error?: string }) => (checked.ok ? undefined : checked.error);

describe("n8n's address for the OAuth redirect URL", () => {
	it.each([
		['https://n8n.example.com', 'https://n8n.example.com/rest/oauth2-credential/callback'],
		['https://n8n.example.com/', 'https://n8n.example.com/rest/oauth2-credential/callback'],
		['  https://N8N.Example.com:8443 ', 'https://n8n.example.com:8443/rest/oauth2-credential/callback'],
		['https://example.com/n8n', 'https://example.com/n8n/rest/oauth2-credential/callback'],
		['http://localhost:5678', 'http://localhost:5678/rest/oauth2-credential/callback'],
	])('%s gives %s', (n8n, expected) => {
		expect(redirectFor(n8n)).toBe(expected);
	});

	it.each([
		['http://n8n.example.com', /uses http: HubSpot accepts http only for localhost; use https:\/\/n8n\.example\.com/],
		['https://203.0.113.7', /uses an IP address \(203\.0\.113\.7\): HubSpot refuses them/],
		['http://127.0.0.1:5678', /uses an IP address/],
		['https://[2001:db8::1]', /uses an IP address/],
		['https://n8n.example.com/#/home', /has a fragment \(#…\): HubSpot refuses URLs with one/],
		['https://n8n.example.com/?x=1', /has a query/],
		['n8n.example.com', /is not a URL: write it whole, with https:\/\//],
		['ftp://n8n.example.com', /must start with https:\/\//],
		['', /is empty/],
		['https://user:pw@n8n.example.com', /user name or password/],
		['https://n8n.example.com/rest/oauth2-credential/callback', /points inside n8n/],
	])('refuses %s', (n8n, message) => {
		expect(errorOf(checkN8nUrl(n8n))).toMatch(message);
	});
});

describe("the trigger's Production URL for the webhooks component", () => {
	it.each(['https://n8n.example.com/webhook/4f1c2b9e-1234-4cde-8f00-aa11bb22cc33/associations', 'https://example.com/n8n/webhook/abc/associations'])(
		'accepts %s',
		(url) => {
			expect(checkTriggerUrl(url)).toEqual({ ok: true, value: url });
		},
	);

	it.each([
		['http://n8n.example.com/webhook/abc/associations', /must be public https.*cannot reach http/],
		['https://localhost/webhook/abc/associations', /must be public https.*cannot reach localhost/],
		['http://localhost:5678/webhook/abc/associations', /must be public https/],
		['https://10.1.2.3/webhook/abc/associations', /uses an IP address/],
		['https://n8n.example.com/webhook-test/abc/associations', /test URL, which listens only while you test in the editor: copy its Production URL/],
		['https://n8n.example.com/webhook/abc/other', /is not a HubSpot Associations Trigger URL: it ends in \/webhook\/<id>\/associations/],
		['https://n8n.example.com', /is not a HubSpot Associations Trigger URL/],
		['https://n8n.example.com/webhook/abc/associations#x', /fragment/],
		['https://n8n.example.com/webhook/abc/associations?x=1', /has a query/],
	])('refuses %s', (url, message) => {
		expect(errorOf(checkTriggerUrl(url))).toMatch(message);
	});
});
