import fc from 'fast-check';
import { allowedBaseUrl, BASE_URL_EXPRESSION, normaliseBaseUrl, requestOrigin, TOKEN_URL_EXPRESSION } from '../../../../nodes/HubspotAssociations/helpers/baseUrl';
import { evaluateExpression } from '../../../harness/expressions';

const tokenUrl = (baseUrl: unknown) => evaluateExpression(TOKEN_URL_EXPRESSION, { self: { baseUrl } });

describe('the Base URL the credentials may send secrets to', () => {
	it.each(['https://api.hubapi.com', ' https://api.hubapi.com/ ', 'HTTPS://API.HUBAPI.COM//', '', undefined, 'http://127.0.0.1:4010', 'http://localhost:5678/', 'https://[::1]:8443'])(
		'accepts %p, normalised',
		(value) => {
			const allowed = allowedBaseUrl(value);
			expect(allowed.ok).toBe(true);
			expect(allowed.ok && allowed.url).toBe(normaliseBaseUrl(value));
			expect(normaliseBaseUrl(value)).not.toMatch(/\s|\/$/);
		},
	);

	it.each([
		'https://evil.example',
		'http://api.hubapi.com',
		'https://api.hubapi.com.evil.example',
		'https://api.hubapi.com@evil.example',
		'http://localhost:80@evil.example',
		'http://127.0.0.1.evil.example',
		'https://api.hubapi.com/../@evil.example',
		'https://api.hubapi.com?x=https://evil.example',
		'https://proxy.example.test/hubspot/',
		'={{ "https://evil.example" }}',
	])('refuses %p, naming the host but never a user or password in it', (value) => {
		const allowed = allowedBaseUrl(value);
		expect(allowed.ok).toBe(false);
		expect(!allowed.ok && allowed.message).toContain("is not HubSpot's API: its token and secrets go only to https://api.hubapi.com");
		expect(allowedBaseUrl('https://user:hunter2@evil.example')).toMatchObject({ ok: false, message: expect.not.stringContaining('hunter2') });
	});

	it('points the OAuth2 token URL (refresh and Connect) at HubSpot unless the Base URL may have the secrets', () => {
		expect(tokenUrl('https://api.hubapi.com/ ')).toBe('https://api.hubapi.com/oauth/2026-03/token');
		expect(tokenUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/oauth/2026-03/token');
		expect(tokenUrl('https://evil.example')).toBe('https://api.hubapi.com/oauth/2026-03/token');
		expect(tokenUrl(undefined)).toBe('https://api.hubapi.com/oauth/2026-03/token');
	});

	it('decides in the expressions n8n evaluates exactly as the node does, for any text', () => {
		const hosts = fc.constantFrom('api.hubapi.com', 'API.hubapi.com', '127.0.0.1', 'localhost', '[::1]', 'evil.example', 'api.hubapi.com.evil', 'a@api.hubapi.com');
		const urls = fc.tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', ''), hosts, fc.constantFrom('', ':4010', ':x', '@evil.example'), fc.constantFrom('', '/', '//', ' ', '/path'));
		fc.assert(
			fc.property(fc.oneof(urls.map((parts) => parts.join('')), fc.string()), fc.constantFrom('', ' ', '\t'), (url, pad) => {
				const value = `${pad}${url}${pad}`;
				const allowed = allowedBaseUrl(value);
				expect(tokenUrl(value)).toBe(`${allowed.ok ? allowed.url : 'https://api.hubapi.com'}/oauth/2026-03/token`);
				expect(evaluateExpression(BASE_URL_EXPRESSION.replace('$credentials', '$self'), { self: { baseUrl: value } })).toBe(normaliseBaseUrl(value));
			}),
			{ seed: 28, numRuns: 300 },
		);
	});

	it('reads where a request goes from its URL when absolute, else from its base URL', () => {
		expect(requestOrigin({ url: 'https://Evil.example/x', baseURL: 'https://api.hubapi.com' })).toBe('https://evil.example');
		expect(requestOrigin({ url: '/crm/x', baseURL: 'https://api.hubapi.com' })).toBe('https://api.hubapi.com');
		expect(requestOrigin({ uri: 'http://127.0.0.1:4010/crm' })).toBe('http://127.0.0.1:4010');
	});
});
