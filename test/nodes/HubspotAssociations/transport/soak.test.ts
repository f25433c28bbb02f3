import { accountThrottlesOf } from '../../../../nodes/HubspotAssociations/transport/accountThrottles';
import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type HubSpotRequest } from '../../../../nodes/HubspotAssociations/transport';
import { SeededRandom } from '../../../../tools/simulator/random';
import { fakeAccount, mostInOneWindow, type FakeAnswer } from '../../../harness/fakeAccount';
import { FakeClock } from '../../../harness/fakeClock';

// A window larger than HubSpot's smallest keeps virtual time, and the throttle's naps in it, short; the bound is what is checked.
const WINDOW = { max: 400, intervalMs: 10_000 };
const create: HubSpotRequest = { method: 'POST', path: '/crm/associations/2026-03/contacts/companies/batch/create', body: { inputs: [] } };
const search: HubSpotRequest = { method: 'POST', path: '/crm/objects/2026-03/companies/search', body: { filterGroups: [] }, rateLimit: 'search' };

const error = (message: string, fields: object = {}) => ({ status: 'error', message, ...fields });
const unreadable = Object.defineProperty(new Error('proxy'), 'response', { get: () => { throw new TypeError('object is not iterable'); } });

/**
 * HubSpot on a bad day, and whatever stands between it and n8n: each answer drawn from this mix, by weight.
 * No DAILY 429: it ends its run's sending (client.test.ts), so it is no answer among thousands.
 */
const ODD_ANSWERS: Array<[weight: number, answer: (random: SeededRandom) => FakeAnswer]> = [
	[55, () => ({ statusCode: 200, body: { status: 'COMPLETE', results: [] } })],
	[4, () => ({ statusCode: 200, body: '{"status":"COMPL' })],
	[3, () => ({ statusCode: 200, body: '' })],
	[3, (random) => ({ statusCode: 200, headers: { 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': String(random.below(100)) }, body: {} })],
	[5, () => ({ throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })],
	[5, (random) => ({ statusCode: 429, headers: random.below(2) ? { 'retry-after': '1' } : ({} as Record<string, string>), body: error('You have reached your ten_secondly_rolling limit.', { policyName: 'TEN_SECONDLY_ROLLING' }) })],
	[4, () => ({ statusCode: 423, body: error('Locked') })],
	[3, () => ({ statusCode: 502, body: error('Bad gateway', { errors: { upstream: 'down' } }) })],
	[3, () => ({ statusCode: 503, headers: { 'retry-after': '2' }, body: error('Unavailable', { errors: [null] }) })],
	[3, () => ({ statusCode: 504, body: '<html>Gateway Timeout</html>' })],
	[2, () => ({ statusCode: 403, body: error('Missing scopes', { context: { missingScopes: 'crm' } }) })],
	[2, () => ({ statusCode: 400, body: ['not', 'an', 'object'] })],
	[2, () => ({ throws: unreadable })],
	[2, () => ({ throws: 'a string thrown by a proxy agent' })],
	[3, () => ({ statusCode: 500, body: null })],
];
const TOTAL_WEIGHT = ODD_ANSWERS.reduce((sum, [weight]) => sum + weight, 0);

function oddAnswer(random: SeededRandom): FakeAnswer {
	let pick = random.below(TOTAL_WEIGHT);
	for (const [weight, answer] of ODD_ANSWERS) {
		if (pick < weight) return answer(random);
		pick -= weight;
	}
	throw new Error('unreachable');
}

describe('the request path under a soak of odd answers (virtual time)', () => {
	it('after 10,000 requests from concurrent runs on one account, some cancelled: no slot held, nobody waiting, no window exceeded', async () => {
		const random = new SeededRandom(26);
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(clock, () => oddAnswer(random), { latencyMs: 300, credentialId: 'cred-soak' });

		/** One execution: `count` requests from a pool of workers under its Parallel Requests limit, a search every tenth. */
		const run = async (index: number, count: number, stop: AbortController) => {
			const settings = { ...DEFAULT_CLIENT_SETTINGS, requestsPerTenSeconds: WINDOW.max, concurrency: index === 0 ? ('auto' as const) : 1 + (index % 4) };
			const client = createHubSpotClient(context(stop.signal), settings, clock);
			let next = 0;
			const answers: boolean[] = [];
			const worker = async () => {
				while (next < count) {
					const request = next++ % 10 === 9 ? search : create;
					const release = await client.concurrency.acquire();
					try {
						answers.push((await client.request(request)).ok);
					} finally {
						release();
					}
				}
			};
			await Promise.all(Array.from({ length: client.concurrency.ceiling }, worker));
			return answers.length;
		};
		const runs = Array.from({ length: 10 }, (_, index) => {
			const stop = new AbortController();
			// Three runs are stopped part way, at a moment the seed picks.
			if (index % 3 === 2) void clock.sleep(60_000 + random.below(300_000)).then(() => stop.abort());
			return clock.sleep(index * 7_000).then(async () => await run(index, 1_200, stop));
		});
		const settled = Promise.all(runs);

		await clock.run();
		const done = await Promise.race([settled, Promise.resolve('still waiting' as const)]);

		expect(done).not.toBe('still waiting');
		expect(requests.length).toBeGreaterThanOrEqual(10_000);
		expect((done as number[]).every((answered) => answered === 1_200)).toBe(true);
		const throttles = [...accountThrottlesOf(clock).values()];
		for (const throttle of throttles) expect(throttle.holds).toEqual({ inFlight: 0, waiting: 0, users: 0 });
		const arrivals = (kind: string) => requests.filter((request) => request.url.includes(kind)).map((request) => request.arrivedAt);
		expect(mostInOneWindow(arrivals('/crm/associations/'), WINDOW.intervalMs)).toBeLessThanOrEqual(WINDOW.max);
		expect(mostInOneWindow(arrivals('/search'), 1_000)).toBeLessThanOrEqual(5);
	});
});
