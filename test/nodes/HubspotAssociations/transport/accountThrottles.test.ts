import { accountThrottlesOf } from '../../../../nodes/HubspotAssociations/transport/accountThrottles';
import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type HubSpotClient, type HubSpotRequest } from '../../../../nodes/HubspotAssociations/transport';
import { fakeAccount, mostInOneWindow, type FakeAnswer } from '../../../harness/fakeAccount';
import { FakeClock } from '../../../harness/fakeClock';

const create = { method: 'POST' as const, path: '/crm/associations/2026-03/contacts/companies/batch/create', body: { inputs: [] } };
const search = { method: 'POST' as const, path: '/crm/objects/2026-03/companies/search', body: { filterGroups: [] }, rateLimit: 'search' as const };
const ok: FakeAnswer = { statusCode: 200, body: { status: 'COMPLETE', results: [] } };

async function sendInTurn(client: HubSpotClient, count: number, request: HubSpotRequest = create): Promise<void> {
	for (let i = 0; i < count; i++) await client.request(request);
}

/** Every throttle of the clock's process holds no slot and has nobody waiting. */
function expectNothingHeld(clock: FakeClock): void {
	for (const throttle of accountThrottlesOf(clock).values()) expect(throttle.holds).toEqual({ inFlight: 0, waiting: 0, users: 0 });
}

describe('one throttle per HubSpot account in a process', () => {
	it('gives a slot back when a failed answer cannot even be read, and later runs on the account still send', async () => {
		const clock = new FakeClock();
		const unreadable = Object.defineProperty(new Error('proxy error'), 'response', { get: () => { throw new TypeError('object is not iterable'); } });
		const { context, requests } = fakeAccount(clock, (_request, index) => (index < 3 ? { throws: unreadable } : ok));
		const settings = { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 3 };

		const failing = Promise.allSettled([0, 1, 2].map(async () => await createHubSpotClient(context(), settings, clock).request(create)));
		await clock.run();
		await failing;
		expectNothingHeld(clock);

		const later = createHubSpotClient(context(), settings, clock).request(create);
		await clock.run();
		await expect(later).resolves.toMatchObject({ ok: true });
		expect(requests).toHaveLength(4);
	});

	it('keeps one throttle while a run sleeps out a 503 backoff: a run starting meanwhile shares its window', async () => {
		const clock = new FakeClock();
		let second: Promise<void> | undefined;
		const { context, requests } = fakeAccount(clock, (_request, index) => {
			if (index !== 50 && index !== 51) return ok;
			// The second run starts well after the first's last answer, while it sleeps out its second backoff (2–2.5 s).
			if (index === 51) second = clock.sleep(1_100).then(async () => await sendInTurn(createHubSpotClient(context(), settings, clock), 100));
			return { statusCode: 503, body: { status: 'error', message: 'Service unavailable' } };
		});
		const settings = { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 100 };

		const first = sendInTurn(createHubSpotClient(context(), settings, clock), 100);
		await clock.run();
		await Promise.all([first, second]);

		expect(requests).toHaveLength(202);
		expect(mostInOneWindow(requests.map((request) => request.arrivedAt), 10_000)).toBeLessThanOrEqual(100);
		expectNothingHeld(clock);
	});

	it('paces the searches of concurrent runs on one account together: 4 runs, 96 searches, no 429', async () => {
		const clock = new FakeClock();
		const searchedAt: number[] = [];
		// HubSpot's search limit: 5 a second for the account, answered 429 SECONDLY beyond it.
		const { context, requests } = fakeAccount(clock, (request) => {
			const inLastSecond = searchedAt.filter((at) => at > request.arrivedAt - 1_000).length;
			if (inLastSecond >= 5) return { statusCode: 429, body: { status: 'error', message: 'You have reached your secondly limit.', policyName: 'SECONDLY' } };
			searchedAt.push(request.arrivedAt);
			return { statusCode: 200, body: { total: 0, results: [] } };
		});

		const runs = Promise.all([0, 1, 2, 3].map(async () => await sendInTurn(createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock), 24, search)));
		await clock.run();
		await runs;

		expect(searchedAt).toHaveLength(96);
		expect(requests).toHaveLength(96);
		expectNothingHeld(clock);
	});

	it('gives two workflows of one credential set to different Requests per 10 Seconds one throttle, at the lower rate', async () => {
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(clock, () => ok, { credentialId: 'cred-two-rates' });
		const runs = Promise.all([
			sendInTurn(createHubSpotClient(context(), { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 100 }, clock), 150),
			sendInTurn(createHubSpotClient(context(), { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 150 }, clock), 150),
		]);
		await clock.run();
		await runs;

		expect(requests).toHaveLength(300);
		// Requests per 10 Seconds is the account's limit: neither workflow's setting is exceeded on the account (two throttles let 200 through).
		expect(mostInOneWindow(requests.map((request) => request.arrivedAt), 10_000)).toBeLessThanOrEqual(100);
		expectNothingHeld(clock);
	});

	it("keeps HubSpot's Retry-After hold for the account after the run that met it was stopped: the next run waits it out", async () => {
		const clock = new FakeClock();
		const stop = new AbortController();
		const rateLimited: FakeAnswer = { statusCode: 429, headers: { 'retry-after': '60' }, body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' } };
		const { context, requests } = fakeAccount(clock, (_request, index) => (index === 0 ? rateLimited : ok), { credentialId: 'cred-held' });

		const first = createHubSpotClient(context(stop.signal), DEFAULT_CLIENT_SETTINGS, clock).request(create);
		void clock.sleep(1_000).then(() => stop.abort());
		// Past the window of the first run's only request, long before the hold ends.
		const second = clock.sleep(15_000).then(async () => await createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock).request(create));
		await clock.run();
		await Promise.all([first, second]);

		expect(requests).toHaveLength(2);
		expect(requests[1].arrivedAt).toBeGreaterThanOrEqual(60_000);
		expectNothingHeld(clock);
	});

	it('keeps runs of different credentials apart', async () => {
		const clock = new FakeClock();
		const one = fakeAccount(clock, () => ok, { credentialId: 'cred-a' });
		const other = fakeAccount(clock, () => ok, { credentialId: 'cred-b' });
		const settings = { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 10 };

		const runs = Promise.all([sendInTurn(createHubSpotClient(one.context(), settings, clock), 10), sendInTurn(createHubSpotClient(other.context(), settings, clock), 10)]);
		await clock.run();
		await runs;

		// Each account's ten fit its own window: both are done within one spacing of each other.
		expect(Math.max(...one.requests.map((request) => request.arrivedAt))).toBeLessThan(10_000);
		expect(Math.max(...other.requests.map((request) => request.arrivedAt))).toBeLessThan(10_000);
	});
});
