import { createInput, itAnsweredEverythingPerContract, startTestSimulator, V3, type TestSimulator } from './simulatorHarness';

describe('simulator faults and rate limits', () => {
	let t: TestSimulator;
	const createPath = `${V3}/contacts/companies/batch/create`;
	const create = (fromId = '101', toId = '201') => t.call('POST', createPath, { inputs: [createInput(fromId, toId, [['HUBSPOT_DEFINED', 279]])] });
	const labels = () => t.call('GET', `${V3}/contacts/companies/labels`);

	beforeAll(async () => {
		t = await startTestSimulator({ seed: 3 });
	});
	afterEach(() => {
		t.sim.faults.clear();
		t.sim.faults.resetStats();
		t.sim.state.clearAssociations();
	});
	afterAll(() => t.sim.close());

	it('applies queued faults to the next k requests in order, then answers normally', async () => {
		t.sim.faults.next(2, { status: 503 });
		t.sim.faults.next(1, { status: 423 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await labels()).status);
		expect(statuses).toEqual([503, 503, 423, 200]);
	});

	it('leaves state untouched when a request gets a fault answer, so a retry is safe', async () => {
		t.sim.faults.next(1, { status: 502 });
		expect((await create()).status).toBe(502);
		expect(t.sim.state.associationCount).toBe(0);
		expect((await create()).status).toBe(200);
		expect(t.sim.state.associationCount).toBe(1);
	});

	it('applies the change and still answers an error for applied-then-500', async () => {
		t.sim.faults.next(1, { kind: 'applied-then-500' });
		const answer = await create();
		expect(answer.status).toBe(500);
		expect(answer.body.category).toBe('INTERNAL_ERROR');
		expect(t.sim.state.associationCount).toBe(1);
	});

	it('answers a batch write with another status, storing nothing unless told to', async () => {
		t.sim.faults.next(1, { kind: 'batch-status', status: 'CANCELED' });
		const canceled = await create();
		expect(canceled.status).toBe(200);
		expect(canceled.body.status).toBe('CANCELED');
		expect(canceled.body.results).toEqual([expect.objectContaining({ fromObjectId: '101', toObjectId: '201' })]);
		expect(t.sim.state.associationCount).toBe(0);

		t.sim.faults.next(1, { kind: 'batch-status', status: 'PENDING', stored: true });
		expect((await create()).body.status).toBe('PENDING');
		expect(t.sim.state.associationCount).toBe(1);

		// A COMPLETE answer that names only some of the pairs it stored.
		t.sim.faults.next(1, { kind: 'batch-status', status: 'COMPLETE', stored: true, keptResults: 0 });
		const partial = await create('102', '202');
		expect([partial.body.status, partial.body.results]).toEqual(['COMPLETE', []]);
		expect(t.sim.state.associationCount).toBe(2);

		// A removal answered 204 comes back as 200 with the status, its pairs still there.
		t.sim.faults.next(1, { kind: 'batch-status', status: 'PROCESSING' });
		const archive = await t.call('POST', `${V3}/contacts/companies/batch/archive`, { inputs: [{ from: { id: '101' }, to: [{ id: '201' }] }] });
		expect([archive.status, archive.body.status, archive.body.results]).toEqual([200, 'PROCESSING', []]);
		expect(t.sim.state.associationCount).toBe(2);
	});

	it('answers 423 locked with a HubSpot error body', async () => {
		t.sim.faults.next(1, { status: 423 });
		const answer = await create();
		expect(answer.status).toBe(423);
		expect(answer.body).toMatchObject({ status: 'error', category: 'LOCKED', correlationId: expect.any(String) });
	});

	it('answers 403 missing scopes with the scopes in context', async () => {
		t.sim.faults.next(1, { status: 403, missingScopes: ['crm.objects.deals.write'] });
		const answer = await create();
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({ status: 'error', category: 'MISSING_SCOPES', context: { missingScopes: ['crm.objects.deals.write'] } });
		expect(t.sim.state.associationCount).toBe(0);
	});

	it.each(['requiredGranularScopes', 'requiredScopes'] as const)('answers 403 in the live shape: the scopes in errors[].context.%s', async (shape) => {
		t.sim.faults.next(1, { status: 403, shape, missingScopes: ['e-commerce', 'crm.objects.line_items.write'] });
		const answer = await create();
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({
			category: 'MISSING_SCOPES',
			errors: [{ message: 'One or more of the following scopes are required.', context: { [shape]: ['e-commerce', 'crm.objects.line_items.write'] } }],
		});
		expect(answer.body.context).toBeUndefined();
		expect(t.sim.state.associationCount).toBe(0);
	});

	it('answers 477 with Retry-After', async () => {
		t.sim.faults.next(1, { status: 477, retryAfterSeconds: 3 });
		const answer = await create();
		expect(answer.status).toBe(477);
		expect(answer.headers.get('retry-after')).toBe('3');
	});

	it('answers a plain secondly 429, with Retry-After when asked', async () => {
		t.sim.faults.next(1, { status: 429, retryAfterSeconds: 1 });
		t.sim.faults.next(1, { status: 429 });
		const first = await create();
		expect(first.status).toBe(429);
		expect(first.body).toMatchObject({ message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', category: 'RATE_LIMITS' });
		expect(first.headers.get('retry-after')).toBe('1');
		expect((await create()).headers.get('retry-after')).toBeNull();
	});

	it.each([500, 502, 503, 504, 521, 523, 524] as const)('answers a transient %i with a HubSpot error body', async (status) => {
		t.sim.faults.next(1, { status });
		const answer = await labels();
		expect(answer.status).toBe(status);
		expect(answer.body).toMatchObject({ status: 'error', correlationId: expect.any(String), category: expect.any(String) });
	});

	it('answers a gateway HTML page when asked', async () => {
		t.sim.faults.next(1, { status: 524, html: true });
		const answer = await labels();
		expect(answer.status).toBe(524);
		expect(answer.headers.get('content-type')).toMatch(/text\/html/);
		expect(answer.body).toMatch(/^<html>/);
	});

	it('resets the connection without an answer', async () => {
		t.sim.faults.next(1, { kind: 'reset' });
		await expect(create()).rejects.toThrow();
		expect(t.sim.state.associationCount).toBe(0);
		expect(t.sim.requests.at(-1)).toMatchObject({ status: 0, fault: 'reset' });
		expect((await create()).status).toBe(200);
	});

	it('delays a slow answer and then handles the request', async () => {
		t.sim.faults.next(1, { kind: 'slow', ms: 150 });
		const started = Date.now();
		const answer = await create();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(answer.status).toBe(200);
		expect(t.sim.state.associationCount).toBe(1);
	});

	it('answers 200 with a body that is not JSON for malformed, and changes nothing', async () => {
		t.sim.faults.next(1, { kind: 'malformed' });
		const answer = await create();
		expect(answer.status).toBe(200);
		expect(typeof answer.body).toBe('string');
		expect(() => JSON.parse(answer.body)).toThrow();
		expect(t.sim.state.associationCount).toBe(0);
	});

	it('injects the same seeded random mix on every run', async () => {
		const run = async () => {
			t.sim.faults.random({ seed: 11, rate: 0.5, kinds: [{ status: 503 }, { status: 429 }] });
			const statuses = [];
			for (let i = 0; i < 30; i++) statuses.push((await labels()).status);
			return statuses;
		};
		const first = await run();
		const second = await run();
		expect(second).toEqual(first);
		const faulted = first.filter((status) => status !== 200).length;
		expect(faulted).toBeGreaterThan(5);
		expect(faulted).toBeLessThan(25);
		t.sim.faults.random(null);
		expect((await labels()).status).toBe(200);
	});

	it('sends the rate-limit headers on every /crm answer', async () => {
		const answer = await labels();
		for (const name of ['max', 'remaining', 'interval-milliseconds', 'daily', 'daily-remaining']) {
			expect(answer.headers.get(`x-hubspot-ratelimit-${name}`)).toMatch(/^\d+$/);
		}
	});

	it('enforces a rolling window with TEN_SECONDLY_ROLLING 429s and counts them', async () => {
		t.sim.faults.rateWindow({ max: 3, intervalMs: 400 });
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push(await labels());
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
		expect(answers.map((answer) => answer.headers.get('x-hubspot-ratelimit-remaining'))).toEqual(['2', '1', '0', '0', '0']);
		expect(answers[0].headers.get('x-hubspot-ratelimit-max')).toBe('3');
		expect(answers[0].headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('400');
		expect(answers[3].body).toMatchObject({
			status: 'error',
			message: 'You have reached your ten_secondly_rolling limit.',
			errorType: 'RATE_LIMIT',
			policyName: 'TEN_SECONDLY_ROLLING',
			category: 'RATE_LIMITS',
		});

		const stats = t.sim.faults.stats();
		expect(stats.rateLimited).toBe(2);
		expect(stats.share429).toBeCloseTo(2 / 5);
		expect(stats.faultsInjected).toEqual({ TEN_SECONDLY_ROLLING: 2 });
		expect(stats.byKindAndStatus['associations/labels']).toEqual({ 200: 3, 429: 2 });

		await new Promise((resolve) => setTimeout(resolve, 420));
		expect((await labels()).status).toBe(200);
		t.sim.faults.rateWindow(null);
		for (let i = 0; i < 5; i++) expect((await labels()).status).toBe(200);
	});

	it('does not change state for a request refused by the window', async () => {
		t.sim.faults.rateWindow({ max: 1, intervalMs: 10_000 });
		expect((await create('101', '201')).status).toBe(200);
		expect((await create('102', '202')).status).toBe(429);
		expect(t.sim.state.associationCount).toBe(1);
	});

	it('answers DAILY 429s while the daily limit is reached', async () => {
		t.sim.faults.dailyLimitReached(true);
		const answer = await labels();
		expect(answer.status).toBe(429);
		expect(answer.body.policyName).toBe('DAILY');
		expect(answer.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
		t.sim.faults.dailyLimitReached(false);
		expect((await labels()).status).toBe(200);
	});

	it('counts requests by kind and status and faults by name', async () => {
		t.sim.faults.next(1, { status: 503 });
		t.sim.faults.next(1, { kind: 'malformed' });
		await create();
		await create();
		await labels();
		expect(t.sim.faults.stats()).toMatchObject({
			requests: 3,
			byKind: { 'associations/batch/create': 2, 'associations/labels': 1 },
			byStatus: { 200: 2, 503: 1 },
			faultsInjected: { 'status:503': 1, malformed: 1 },
		});
	});

	it('does not apply faults to the OAuth token endpoint', async () => {
		t.sim.faults.next(1, { status: 503 });
		const { refreshToken } = t.sim.issueToken();
		const answer = await t.call('POST', '/oauth/2026-03/token', undefined, {
			token: null,
			form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: t.sim.oauthClient.clientId, client_secret: t.sim.oauthClient.clientSecret },
		});
		expect(answer.status).toBe(200);
		expect((await labels()).status).toBe(503);
	});

	itAnsweredEverythingPerContract(() => t);
});

describe('simulator shutdown', () => {
	it('closes with a slow answer still pending and leaves no timer behind', async () => {
		const t = await startTestSimulator();
		t.sim.faults.next(1, { kind: 'slow', ms: 60_000 });
		const pending = t.call('GET', `${V3}/contacts/companies/labels`).catch(() => 'closed');
		await new Promise((resolve) => setTimeout(resolve, 50));
		await t.sim.close();
		expect(await pending).toBe('closed');
	});
});
