import type { IExecuteFunctions } from 'n8n-workflow';
import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS } from '../../../../nodes/HubspotAssociations/transport';

/** A clock that jumps to the next sleeper's wake-up once everything else has run. */
function fakeClock() {
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	let scheduled = false;
	const clock = {
		time: 0,
		now: () => clock.time,
		sleep: async (ms: number) => await new Promise<void>((wake) => {
			sleepers.push({ until: clock.time + ms, wake });
			schedule();
		}),
	};
	function schedule() {
		if (scheduled) return;
		scheduled = true;
		setImmediate(() => {
			scheduled = false;
			sleepers.sort((a, b) => a.until - b.until);
			const next = sleepers.shift();
			if (!next) return;
			clock.time = Math.max(clock.time, next.until);
			next.wake();
			if (sleepers.length > 0) schedule();
		});
	}
	return clock;
}

/** An n8n context whose requests HubSpot answers at once (200 unless `answer` says otherwise). */
function fakeRun(answer: (url: string) => { statusCode: number; body: unknown } = () => ({ statusCode: 200, body: {} })) {
	const clock = fakeClock();
	const sentAt: Array<{ url: string; at: number }> = [];
	const context = {
		getNodeParameter: () => 'appToken',
		getCredentials: async () => ({ baseUrl: 'https://api.hubapi.com' }),
		// No credential id: the run keeps throttles of its own.
		getNode: () => ({ credentials: {} }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
				sentAt.push({ url: options.url, at: clock.time });
				const { statusCode, body } = answer(options.url);
				if (statusCode >= 400) throw Object.assign(new Error('HubSpot error'), { response: { status: statusCode, data: body, headers: {} } });
				return { statusCode, headers: {}, body };
			},
		},
	} as unknown as IExecuteFunctions;
	return { clock, sentAt, context };
}

const search = { method: 'POST' as const, path: '/crm/objects/2026-03/companies/search', body: { filterGroups: [] }, rateLimit: 'search' as const };
const read = { method: 'POST' as const, path: '/crm/objects/2026-03/contacts/batch/read', body: { inputs: [] } };

describe('the search throttle', () => {
	it('paces searches at 5 a second, apart from the 10-second budget the other requests share', async () => {
		const { sentAt, context, clock } = fakeRun();
		// One request per 10 seconds for everything else: searches must not wait for it.
		const client = createHubSpotClient(context, { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: 1 }, clock);

		await Promise.all([client.request(read), ...Array.from({ length: 10 }, async () => await client.request(search))]);

		const searches = sentAt.filter((sent) => sent.url.endsWith('/search')).map((sent) => sent.at);
		expect(searches).toHaveLength(10);
		for (const at of searches) expect(searches.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(5);
		expect(Math.max(...searches)).toBeLessThan(2_500);
		expect(client.stats.requests).toBe(11);
	});

	it('retries a search answered with a SECONDLY 429 once a slot of its 1-second window frees (a fifth of a second), not after the 10 s of the other limit', async () => {
		let refused = false;
		const { sentAt, context, clock } = fakeRun((url) => {
			if (url.endsWith('/search') && !refused) {
				refused = true;
				return { statusCode: 429, body: { status: 'error', category: 'RATE_LIMITS', message: 'You have reached your secondly limit.', policyName: 'SECONDLY', correlationId: 'c' } };
			}
			return { statusCode: 200, body: {} };
		});
		const client = createHubSpotClient(context, DEFAULT_CLIENT_SETTINGS, clock);

		const answer = await client.request(search);

		expect(answer).toMatchObject({ ok: true, attempts: 2 });
		expect(sentAt[1].at - sentAt[0].at).toBeGreaterThanOrEqual(200);
		expect(sentAt[1].at - sentAt[0].at).toBeLessThanOrEqual(300);
		expect(client.stats).toEqual({ requests: 2, retries: 1, rateLimited: 1 });
	});
});
