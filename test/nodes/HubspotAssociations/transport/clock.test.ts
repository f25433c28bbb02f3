import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS } from '../../../../nodes/HubspotAssociations/transport';
import { fakeAccount } from '../../../harness/fakeAccount';

/** Real time, for the answers of the fake account: the client keeps its own clock. */
const realTime = { now: () => performance.now(), sleep: async (ms: number) => await new Promise<void>((wake) => setTimeout(wake, ms)) };

const create = { method: 'POST' as const, path: '/crm/associations/2026-03/contacts/companies/batch/create', body: { inputs: [] } };

afterEach(() => jest.restoreAllMocks());

describe("the client's clock", () => {
	it('does not stall when the wall clock steps back an hour (NTP, a resumed VM)', async () => {
		const { context, requests } = fakeAccount(realTime, () => ({ statusCode: 200, body: { results: [] } }), { latencyMs: 0, credentialId: 'cred-clock-step' });
		const client = createHubSpotClient(context(), { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 100 });
		await client.request(create);

		const wall = Date.now();
		jest.spyOn(Date, 'now').mockImplementation(() => wall - 3_600_000);
		const started = performance.now();
		const sent = (async () => {
			for (let i = 0; i < 3; i++) await client.request(create);
		})();
		const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), 3_000).unref());

		// Three more at the configured spacing (100 ms) take about 0.3 s, whatever the wall clock says.
		await expect(Promise.race([sent.then(() => 'sent'), stalled])).resolves.toBe('sent');
		expect(requests).toHaveLength(4);
		expect(performance.now() - started).toBeLessThan(1_000);
	});
});
