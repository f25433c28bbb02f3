import nock from 'nock';
import { accountThrottlesOf } from '../../../../nodes/HubspotAssociations/transport/accountThrottles';
import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS, systemClock } from '../../../../nodes/HubspotAssociations/transport';
import { describeFailedExchange } from '../../../../nodes/HubspotAssociations/helpers/hubspotErrors';
import { fakeAccount } from '../../../harness/fakeAccount';
import { FakeClock } from '../../../harness/fakeClock';
import { fastForward } from '../../../harness/fastForward';
import { createdReply, type BatchInput } from '../../../harness/hubspotMock';
import { batchCreateParameters, runNode, TEST_BASE_URL } from '../../../harness/runWorkflow';

// Waits are fast-forwarded: the spec counts requests and virtual time, not real time.
jest.mock('n8n-workflow', () => require('../../../harness/fastForward').fastForwardN8nWorkflow());

const PATH = '/crm/associations/2026-03/contacts/companies/batch/create';
const items = Array.from({ length: 60 }, (_, i) => ({ contactId: String(101 + i), companyId: String(201 + i) }));
// One pair a batch, one batch at a time, 10 requests per 10 s: each batch waits a second for its slot.
const parameters = batchCreateParameters({ options: { batchSize: 1, concurrency: 1, requestsPerTenSeconds: 10 } });

afterEach(() => nock.cleanAll());

describe('"Stop execution" during a run', () => {
	it.each([
		['answered', (body: unknown) => [200, createdReply(body as { inputs: BatchInput[] }).body]],
		['failing with 503 (continue-on-fail)', () => [503, { status: 'error', message: 'Service unavailable' }]],
	])('takes no further throttle slot once cancelled while batches are %s, and the run ends promptly', async (_how, reply) => {
		let cancel: () => void = () => {};
		let sent = 0;
		let cancelledAt = 0;
		nock(TEST_BASE_URL)
			.post(PATH)
			.times(items.length * 6)
			.reply((_uri, body) => {
				if (++sent === 3) {
					cancel();
					cancelledAt = fastForward.skippedMs;
				}
				return reply(body) as [number, nock.Body];
			});

		await runNode({ items, parameters, onError: 'continueRegularOutput', onStarted: (stop) => (cancel = stop) });

		// The request answered when the stop came was the last one sent.
		expect(sent).toBe(3);
		// At 10 requests per 10 s, each further batch would have waited a second for its slot; a 503's retry waits longer.
		expect(fastForward.skippedMs - cancelledAt).toBeLessThan(1_000);
		for (const throttle of accountThrottlesOf(systemClock).values()) expect(throttle.holds).toEqual({ inFlight: 0, waiting: 0, users: 0 });
	});
});

describe('A request cancelled between its attempts', () => {
	it('answers what HubSpot said to the attempt it made, not "not sent": a 503 sleeping out its backoff', async () => {
		const clock = new FakeClock();
		const stop = new AbortController();
		const { context, requests } = fakeAccount(clock, () => ({ statusCode: 503, body: { status: 'error', message: 'Service unavailable' } }), { credentialId: 'cred-cancel-503' });
		const answer = createHubSpotClient(context(stop.signal), DEFAULT_CLIENT_SETTINGS, clock).request({ method: 'POST', path: PATH, body: { inputs: [] } });
		void clock.sleep(500).then(() => stop.abort());
		await clock.run();
		const answered = await answer;

		expect(requests).toHaveLength(1);
		expect(answered).toMatchObject({ ok: false, statusCode: 503, attempts: 1 });
		if (answered.ok) return;
		expect(describeFailedExchange(answered)).toBe('HubSpot answered 503: Service unavailable (HubSpot answered 503; not sent again: the execution was cancelled)');
	});
});
