import { accountThrottlesOf } from '../../nodes/HubspotAssociations/transport/accountThrottles';
import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type HubSpotClient, type HubSpotRequest } from '../../nodes/HubspotAssociations/transport';
import { describeFailedExchange } from '../../nodes/HubspotAssociations/helpers/hubspotErrors';
import { fakeAccount, mostInOneWindow, type FakeAnswer } from '../harness/fakeAccount';
import { FakeClock } from '../harness/fakeClock';

const create: HubSpotRequest = { method: 'POST', path: '/crm/associations/2026-03/contacts/companies/batch/create', body: { inputs: [] } };
const ok: FakeAnswer = { statusCode: 200, body: { status: 'COMPLETE', results: [] } };

async function sendInTurn(client: HubSpotClient, count: number, request: HubSpotRequest = create): Promise<void> {
	for (let i = 0; i < count; i++) await client.request(request);
}

describe('attack: request path (issue 26)', () => {
	it('two workflows of one credential with different Requests per 10 Seconds get two throttles and together exceed either setting', async () => {
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(clock, () => ok, { credentialId: 'cred-two-rates' });
		const runs = Promise.all([
			sendInTurn(createHubSpotClient(context(), { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 100 }, clock), 150),
			sendInTurn(createHubSpotClient(context(), { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 150 }, clock), 150),
		]);
		await clock.run();
		await runs;
		expect(requests).toHaveLength(300);
		// "Requests per 10 Seconds is the account's limit": neither workflow's setting is exceeded on the account.
		expect(mostInOneWindow(requests.map((request) => request.arrivedAt), 10_000)).toBeLessThanOrEqual(100);
	});

	it('rate-limit headers naming a window shorter than the configured spacing let more than Requests per 10 Seconds through', async () => {
		const clock = new FakeClock();
		const headers = { 'x-hubspot-ratelimit-max': '10', 'x-hubspot-ratelimit-remaining': '9', 'x-hubspot-ratelimit-interval-milliseconds': '1000' };
		const { context, requests } = fakeAccount(clock, () => ({ statusCode: 200, headers, body: { results: [] } }), { credentialId: 'cred-short-window' });
		const run = sendInTurn(createHubSpotClient(context(), { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 5 }, clock), 30);
		await clock.run();
		await run;
		expect(mostInOneWindow(requests.map((request) => request.arrivedAt), 10_000)).toBeLessThanOrEqual(5);
	});

	it.each([['-1'], [''], ['5, 5']])('a 429 with an invalid Retry-After (%j) is retried at once, six 429s within a second', async (retryAfter) => {
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(
			clock,
			() => ({ statusCode: 429, headers: { 'retry-after': retryAfter }, body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' } }),
			{ credentialId: `cred-retry-after-${retryAfter}` },
		);
		const answer = createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock).request(create);
		await clock.run();
		await answer;
		const arrivals = requests.map((request) => request.arrivedAt);
		// Without a valid Retry-After the throttle holds the account until its window should have room: a second at least over five retries.
		expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThan(1_000);
	});

	it('a batch answered 503 and then cancelled during its retry wait is reported as "not sent", though HubSpot got it', async () => {
		const clock = new FakeClock();
		const stop = new AbortController();
		const { context, requests } = fakeAccount(clock, () => ({ statusCode: 503, body: { status: 'error', message: 'Service unavailable' } }), { credentialId: 'cred-cancel-503' });
		const answer = createHubSpotClient(context(stop.signal), DEFAULT_CLIENT_SETTINGS, clock).request(create);
		void clock.sleep(500).then(() => stop.abort());
		await clock.run();
		const answered = await answer;
		expect(requests).toHaveLength(1);
		expect(answered.ok).toBe(false);
		if (answered.ok) return;
		expect(describeFailedExchange(answered)).not.toMatch(/Not sent/);
		expect(answered.statusCode).toBe(503);
	});

	it('a retry after another request of the run met a refused token refresh is still sent', async () => {
		const clock = new FakeClock();
		const refused = Object.assign(new Error('invalid_grant'), { code: 'EAUTH', body: { error: 'invalid_grant', error_description: 'refresh token revoked' } });
		const { context, requests } = fakeAccount(
			clock,
			(_request, index) => (index === 0 ? { statusCode: 503, body: { status: 'error', message: 'Service unavailable' } } : index === 1 ? { throws: refused } : ok),
			{ credentialId: 'cred-refused' },
		);
		const client = createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock);
		const first = client.request(create);
		const second = clock.sleep(200).then(async () => await client.request(create));
		await clock.run();
		const [retried, gone] = await Promise.all([first, second]);
		expect(gone).toMatchObject({ ok: false, refreshRefused: { code: 'invalid_grant' } });
		// Nothing is sent once HubSpot refused to renew the token: the 503's retry answers the reconnect message too.
		expect(requests).toHaveLength(2);
		expect(retried).toMatchObject({ ok: false, refreshRefused: { code: 'invalid_grant' } });
	});

	it("a run stopped during HubSpot's Retry-After hold lets the account's throttle go, and the next run sends before the hold ends", async () => {
		const clock = new FakeClock();
		const stop = new AbortController();
		const { context, requests } = fakeAccount(
			clock,
			(_request, index) => (index === 0 ? { statusCode: 429, headers: { 'retry-after': '60' }, body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' } } : ok),
			{ credentialId: 'cred-held' },
		);
		const first = createHubSpotClient(context(stop.signal), DEFAULT_CLIENT_SETTINGS, clock).request(create);
		void clock.sleep(1_000).then(() => stop.abort());
		const second = clock.sleep(15_000).then(async () => await createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock).request(create));
		await clock.run();
		await Promise.all([first, second]);
		expect(requests).toHaveLength(2);
		// HubSpot asked the account to wait 60 s from its 429 (answered at 0.1 s).
		expect(requests[1].arrivedAt).toBeGreaterThanOrEqual(60_000);
		for (const throttle of accountThrottlesOf(clock).values()) expect(throttle.holds).toEqual({ inFlight: 0, waiting: 0, users: 0 });
	});
});

describe('attack: 429s that say "not soon" (issue 23, issue 26)', () => {
	const rateLimited = (policyName: string, headers: Record<string, string> = {}): FakeAnswer => ({
		statusCode: 429,
		headers,
		body: { status: 'error', message: `You have reached your ${policyName.toLowerCase()} limit.`, policyName },
	});

	it.each([
		['a DAILY 429', rateLimited('DAILY')],
		['a 429 whose Retry-After (10 min) is beyond Max Wait', rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '600' })],
	])('after %s, every later batch of the run is still sent and answered 429', async (_what, answer) => {
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(clock, () => answer, { credentialId: `cred-not-soon-${_what}` });
		const client = createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock);
		const answers: boolean[] = [];
		const run = (async () => {
			for (let i = 0; i < 20; i++) answers.push((await client.request(create)).ok);
		})();
		await clock.run();
		await run;
		expect(answers).toEqual(Array.from({ length: 20 }, () => false));
		// HubSpot said the account is out for now: one 429 tells it, twenty only add errors.
		expect(requests).toHaveLength(1);
	});
});
