import { PORTAL_ID } from '../../../tools/simulator/objectTypes';
import { itAnsweredEverythingPerContract, startTestSimulator, V3, type TestSimulator } from './simulatorHarness';

describe('simulator authentication', () => {
	let t: TestSimulator;
	const labelsPath = `${V3}/contacts/companies/labels`;

	beforeAll(async () => {
		t = await startTestSimulator({ tokenLifetimeSeconds: 1800 });
	});
	afterAll(() => t.sim.close());

	it('answers 401 INVALID_AUTHENTICATION without a bearer token', async () => {
		const answer = await t.call('GET', labelsPath, undefined, { token: null });
		expect(answer.status).toBe(401);
		expect(answer.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', message: expect.stringMatching(/^Authentication credentials not found/) });
		expect(answer.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('answers 401 for a token it never issued', async () => {
		const answer = await t.call('GET', labelsPath, undefined, { token: 'not-a-token' });
		expect(answer.status).toBe(401);
		expect(answer.body.category).toBe('INVALID_AUTHENTICATION');
	});

	it('answers 401 EXPIRED_AUTHENTICATION once a token is expired on demand', async () => {
		const { accessToken } = t.sim.issueToken();
		expect((await t.call('GET', labelsPath, undefined, { token: accessToken })).status).toBe(200);
		t.sim.state.expireToken(accessToken);
		const answer = await t.call('GET', labelsPath, undefined, { token: accessToken });
		expect(answer.status).toBe(401);
		expect(answer.body).toMatchObject({ category: 'EXPIRED_AUTHENTICATION', message: expect.stringMatching(/expired \d+ second\(s\) ago/) });
	});

	it('answers 401 for a token issued already expired', async () => {
		const { accessToken } = t.sim.issueToken({ expiresInSeconds: 0 });
		expect((await t.call('GET', labelsPath, undefined, { token: accessToken })).status).toBe(401);
	});

	it('accepts a configured private-app token', async () => {
		t.sim.state.addPrivateAppToken('pat-na1-test');
		expect((await t.call('GET', labelsPath, undefined, { token: 'pat-na1-test' })).status).toBe(200);
	});

	it('sends rate-limit headers with a 401 too', async () => {
		const answer = await t.call('GET', labelsPath, undefined, { token: null });
		expect(answer.headers.get('x-hubspot-ratelimit-daily')).toBe('500000');
	});

	it('exchanges an authorization code for tokens with the client credentials in the body', async () => {
		const answer = await t.call('POST', '/oauth/2026-03/token', undefined, {
			token: null,
			form: { grant_type: 'authorization_code', code: 'any-code', redirect_uri: 'http://localhost/cb', ...clientForm() },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ token_type: 'bearer', expires_in: 1800, access_token: expect.any(String), refresh_token: expect.any(String) });
		expect((await t.call('GET', labelsPath, undefined, { token: answer.body.access_token })).status).toBe(200);
	});

	it('issues a new working access token for a refresh token after the old one expired', async () => {
		const { accessToken, refreshToken } = t.sim.issueToken();
		t.sim.state.expireToken(accessToken);
		const answer = await t.call('POST', '/oauth/v3/token', undefined, {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: refreshToken, ...clientForm() },
		});
		expect(answer.status).toBe(200);
		expect(answer.body.access_token).not.toBe(accessToken);
		expect(answer.body.refresh_token).toBe(refreshToken);
		expect((await t.call('GET', labelsPath, undefined, { token: answer.body.access_token })).status).toBe(200);
	});

	it('answers 400 BAD_CLIENT_ID for a wrong client id and BAD_CLIENT_SECRET for a wrong secret', async () => {
		const badId = await t.call('POST', '/oauth/2026-03/token', undefined, {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'nope', client_secret: t.sim.oauthClient.clientSecret },
		});
		expect(badId.status).toBe(400);
		expect(badId.body).toMatchObject({ status: 'BAD_CLIENT_ID', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
		const badSecret = await t.call('POST', '/oauth/2026-03/token', undefined, {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: 'x', client_id: t.sim.oauthClient.clientId, client_secret: 'nope' },
		});
		expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');
	});

	it('answers 400 BAD_REFRESH_TOKEN for a refresh token it never issued', async () => {
		const answer = await t.call('POST', '/oauth/2026-03/token', undefined, {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: 'unknown', ...clientForm() },
		});
		expect(answer.status).toBe(400);
		expect(answer.body.status).toBe('BAD_REFRESH_TOKEN');
	});

	it("answers a revoked refresh token in OAuth's invalid_grant shape when told to", async () => {
		const { refreshToken } = t.sim.issueToken();
		t.sim.state.revokeRefreshToken(refreshToken);
		t.sim.state.refreshRefusal = 'invalid_grant';
		try {
			const answer = await t.call('POST', '/oauth/2026-03/token', undefined, { token: null, form: { grant_type: 'refresh_token', refresh_token: refreshToken, ...clientForm() } });
			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });
		} finally {
			t.sim.state.refreshRefusal = 'BAD_REFRESH_TOKEN';
		}
	});

	it('rejects client credentials sent as JSON instead of a form', async () => {
		const answer = await t.call('POST', '/oauth/2026-03/token', { grant_type: 'refresh_token', ...clientForm() }, { token: null });
		expect(answer.status).toBe(400);
	});

	it('redirects the authorize URL straight back with a code and the state', async () => {
		const query = new URLSearchParams({ client_id: t.sim.oauthClient.clientId, redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback', state: 'abc' });
		const answer = await t.call('GET', `/oauth/authorize?${query}`, undefined, { token: null });
		expect(answer.status).toBe(302);
		const location = new URL(answer.headers.get('location')!);
		expect(location.searchParams.get('state')).toBe('abc');
		expect(location.searchParams.get('code')).toMatch(/^sim-code-/);
	});

	it("takes the per-account install URL a project app's CLI prints (/oauth/{accountId}/authorize) for its own account only", async () => {
		const query = new URLSearchParams({ client_id: t.sim.oauthClient.clientId, redirect_uri: 'https://n8n.example.com/rest/oauth2-credential/callback', state: 'xyz' });
		const answer = await t.call('GET', `/oauth/${PORTAL_ID}/authorize?${query}`, undefined, { token: null });
		expect(answer.status).toBe(302);
		const location = new URL(answer.headers.get('location')!);
		expect(`${location.origin}${location.pathname}`).toBe('https://n8n.example.com/rest/oauth2-credential/callback');
		expect(location.searchParams.get('state')).toBe('xyz');
		expect((await t.call('GET', `/oauth/${PORTAL_ID + 1}/authorize?${query}`, undefined, { token: null })).status).toBe(404);
	});

	it('never keeps secrets or tokens in its request log', async () => {
		const logged = JSON.stringify(t.sim.requests);
		expect(logged).not.toContain(t.sim.oauthClient.clientSecret);
		expect(logged).not.toMatch(/sim-(at|rt)-/);
	});

	function clientForm() {
		return { client_id: t.sim.oauthClient.clientId, client_secret: t.sim.oauthClient.clientSecret };
	}

	itAnsweredEverythingPerContract(() => t);
});
