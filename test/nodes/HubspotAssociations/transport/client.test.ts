import { Readable } from 'node:stream';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type HubSpotRequest } from '../../../../nodes/HubspotAssociations/transport';
import { describeFailedExchange } from '../../../../nodes/HubspotAssociations/helpers/hubspotErrors';
import { fakeAccount, type FakeAnswer } from '../../../harness/fakeAccount';
import { FakeClock } from '../../../harness/fakeClock';
import { fastForward } from '../../../harness/fastForward';
import { createdReply, errorReply, mockBatchCreate, type Reply } from '../../../harness/hubspotMock';
import { batchCreateParameters, oauthCredential, runNode, TEST_BASE_URL, type RunOptions } from '../../../harness/runWorkflow';

// Retry waits are real seconds; these specs are about which requests are sent, not when.
jest.mock('n8n-workflow', () => require('../../../harness/fastForward').fastForwardN8nWorkflow());

const contactsToCompanies = { from: 'contacts', to: 'companies' };

const parameters = (options: INodeParameters = {}) => batchCreateParameters({ options });

const items = [
	{ contactId: '101', companyId: '201' },
	{ contactId: '102', companyId: '202' },
];

async function run(options: Partial<RunOptions> = {}) {
	return await runNode({ items, parameters: parameters(), onError: 'continueRegularOutput', ...options });
}

function rateLimitReply(policyName: string, headers: Record<string, string> = {}): Reply {
	const message = policyName === 'DAILY' ? 'You have reached your daily limit.' : 'You have reached your ten_secondly_rolling limit.';
	return { ...errorReply(429, { category: 'RATE_LIMITS', message, errorType: 'RATE_LIMIT', policyName }), headers };
}

/** Answers with `replies` in turn, then with success; `times` bounds how many requests are mocked. */
function answerInTurn(replies: Reply[], times = replies.length + 3) {
	return mockBatchCreate(contactsToCompanies, (body, call) => replies[call] ?? createdReply(body), times);
}

afterEach(() => {
	nock.cleanAll();
});

describe('HubSpot client retries, through the n8n engine', () => {
	it('retries a 429 once after its Retry-After and the items succeed', async () => {
		const sent = answerInTurn([rateLimitReply('TEN_SECONDLY_ROLLING', { 'Retry-After': '1' })]);
		const sleepsBefore = fastForward.sleeps;

		const { output, error } = await run();

		expect(error).toBeUndefined();
		expect(sent).toHaveLength(2);
		expect(sent[1].body).toEqual(sent[0].body);
		// Written as JSON once, before it went out: the same bytes, said to be JSON, on every attempt.
		expect(sent.map((request) => request.headers['content-type'])).toEqual(['application/json', 'application/json']);
		expect(output.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['created', { item: 0 }],
			['created', { item: 1 }],
		]);
		// The wait went through n8n-workflow's sleep, which this file fast-forwards.
		expect(fastForward.sleeps).toBeGreaterThan(sleepsBefore);
	});

	it('tells the user in an execution hint that HubSpot made the node wait', async () => {
		answerInTurn([rateLimitReply('TEN_SECONDLY_ROLLING', { 'Retry-After': '1' })]);

		const { run: execution } = await run();

		expect(execution.data.resultData.runData['HubSpot Associations'][0].hints).toEqual([
			expect.objectContaining({
				message: expect.stringMatching(/^HubSpot made the node wait: 1 of 2 requests were retries \(1 answered 429\)/),
				type: 'info',
			}),
		]);
	});

	it('waits through fast-forwarded sleeps: three 503s cost milliseconds, not the 7 s of backoff', async () => {
		const sent = answerInTurn([errorReply(503), errorReply(503), errorReply(503)]);
		const skippedBefore = fastForward.skippedMs;
		const started = performance.now();

		const { output } = await run();

		expect(sent).toHaveLength(4);
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
		expect(fastForward.skippedMs - skippedBefore).toBeGreaterThanOrEqual(1000 + 2000 + 4000 - 15);
		// performance.now jumps with the skipped time too: what is left is the real time taken.
		expect(performance.now() - started - (fastForward.skippedMs - skippedBefore)).toBeLessThan(3000);
	});

	it.each([
		['a DAILY 429', rateLimitReply('DAILY'), /daily request limit is used up \(429\)/],
		['a 400', errorReply(400, { message: 'Invalid input JSON' }), /HubSpot answered 400: Invalid input JSON/],
		['a 403', errorReply(403, { category: 'MISSING_SCOPES', message: 'This app lacks scopes' }), /refused the request \(403\)/],
		['a 404', errorReply(404, { category: 'OBJECT_NOT_FOUND', message: 'Not found' }), /no such endpoint or object type \(404\)/],
	])('sends a batch answered with %s exactly once and fails its items with that cause', async (_name, reply, message) => {
		const sent = answerInTurn([reply, reply, reply]);

		const { output, error } = await run();

		expect(error).toBeUndefined();
		expect(sent).toHaveLength(1);
		expect(output).toHaveLength(2);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.error).toMatch(message);
			expect(item.json.error).not.toMatch(/gave up/);
		});
	});

	it('stops after Max Retries and names the cause and the attempts in each item error', async () => {
		const sent = answerInTurn(Array(10).fill(errorReply(503, { message: 'Service unavailable' })), 10);

		const { output, error } = await run({ parameters: parameters({ maxRetries: 2 }) });

		expect(error).toBeUndefined();
		expect(sent).toHaveLength(3);
		expect(output.map((item) => item.json.error)).toEqual([
			'Item 0: HubSpot did not accept contacts 101 → companies 201: HubSpot answered 503: Service unavailable (HubSpot answered 503; gave up after 3 attempts)',
			'Item 1: HubSpot did not accept contacts 102 → companies 202: HubSpot answered 503: Service unavailable (HubSpot answered 503; gave up after 3 attempts)',
		]);
	});

	it('with Max Retries 0 sends a rate-limited batch once, and without continue-on-fail the node fails naming the cause', async () => {
		const sent = answerInTurn(Array(3).fill(rateLimitReply('TEN_SECONDLY_ROLLING')), 3);

		const { error } = await runNode({ items, parameters: parameters({ maxRetries: 0 }) });

		expect(sent).toHaveLength(1);
		expect(error?.message).toMatch(/rate limit was reached \(429\).*rate limited; gave up after 1 attempt\)/);
	});

	it('retries 423, 477 and a dropped connection, and the items succeed', async () => {
		const path = '/crm/associations/2026-03/contacts/companies/batch/create';
		const sent = answerInTurn([errorReply(423, { category: 'LOCKED' }), { ...errorReply(477, { category: 'MIGRATION_IN_PROGRESS' }), headers: { 'Retry-After': '1' } }]);
		nock(TEST_BASE_URL).post(path).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });

		const { output } = await run();

		expect(sent).toHaveLength(3);
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
	});
});

describe('OAuth2 token refresh', () => {
	const tokenPath = '/oauth/2026-03/token';

	it('refreshes the token once on a 401 and sends the batch again with the new token', async () => {
		const sent = answerInTurn([errorReply(401, { category: 'EXPIRED_AUTHENTICATION', message: 'The OAuth token used to make this call expired.' })]);
		const tokenRequests: string[] = [];
		nock(TEST_BASE_URL)
			.post(tokenPath)
			.reply(200, (_uri, body) => {
				tokenRequests.push(String(body));
				return { token_type: 'bearer', access_token: 'new-access-token', refresh_token: 'new-refresh-token', expires_in: 1800 };
			});

		const { output, error, credentialsHelper } = await run({ onError: undefined });

		expect(error).toBeUndefined();
		expect(tokenRequests).toHaveLength(1);
		const form = new URLSearchParams(tokenRequests[0]);
		expect(form.get('grant_type')).toBe('refresh_token');
		expect(form.get('refresh_token')).toBe('test-refresh-token');
		expect(form.get('client_id')).toBe('test-client-id');
		expect(form.get('client_secret')).toBe('test-client-secret');
		expect(sent.map((request) => request.headers.authorization)).toEqual(['Bearer test-access-token', 'Bearer new-access-token']);
		expect(credentialsHelper.tokenUpdates).toHaveLength(1);
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
	});

	it('fails the items without retrying when the refresh is refused, and shows no token or secret', async () => {
		const sent = answerInTurn(Array(3).fill(errorReply(401, { category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' })), 3);
		const refused = nock(TEST_BASE_URL).post(tokenPath).reply(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });
		const credential = oauthCredential({
			clientSecret: 'very-secret-client-secret',
			oauthTokenData: { access_token: 'stale-access-token-123', refresh_token: 'revoked-refresh-token-456', token_type: 'bearer' },
		});

		const { output, error } = await run({ credentials: { hubspotAssociationsOAuth2Api: credential } });

		expect(error).toBeUndefined();
		expect(refused.isDone()).toBe(true);
		expect(sent).toHaveLength(1);
		expect(output).toHaveLength(2);
		const shown = JSON.stringify(output);
		expect(output[0].json.error).toBeDefined();
		for (const secret of ['very-secret-client-secret', 'stale-access-token-123', 'revoked-refresh-token-456']) expect(shown).not.toContain(secret);
	});
});

describe('Answers read as they stream in', () => {
	const path = '/crm/associations/2026-03/contacts/companies/batch/create';
	const label = 'Entscheidungsträger';
	const answer = JSON.stringify({
		status: 'COMPLETE',
		startedAt: '2026-12-02T05:00:00.000Z',
		completedAt: '2026-12-02T05:00:00.100Z',
		results: items.map(({ contactId, companyId }) => ({ fromObjectId: contactId, fromObjectTypeId: '0-1', toObjectId: companyId, toObjectTypeId: '0-2', labels: [label] })),
	});
	/** The answer's bytes in chunks of `size`: most cuts fall inside a value, one inside the two bytes of 'ä'. */
	const inChunks = (text: string, size: number) => {
		const bytes = Buffer.from(text);
		return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, at) => bytes.subarray(at * size, (at + 1) * size)));
	};

	it('parses an answer that arrives in small chunks, a character cut between two of them', async () => {
		const cut = Buffer.from(answer).indexOf(0xa4);
		nock(TEST_BASE_URL).post(path).reply(200, () => inChunks(answer, cut), { 'Content-Type': 'application/json' });

		const { output, error } = await run();

		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.status, item.json.labels, item.pairedItem])).toEqual([
			['created', [label], { item: 0 }],
			['created', [label], { item: 1 }],
		]);
	});

	it("keeps HubSpot's message and correlation id from an error answer that arrives in chunks", async () => {
		const refused = JSON.stringify({ status: 'error', message: 'Töken is missing a scope', correlationId: 'corr-chunked', category: 'MISSING_SCOPES' });
		nock(TEST_BASE_URL).post(path).reply(403, () => inChunks(refused, 7), { 'Content-Type': 'application/json' });

		const { output } = await run();

		expect(output).toHaveLength(2);
		for (const item of output) {
			expect(String(item.json.error)).toContain('Töken is missing a scope');
			expect(JSON.stringify(item.json)).toContain('corr-chunked');
		}
	});

	it('sends a batch again when its answer is cut off midway, and the items succeed', async () => {
		const cutOff = new Readable({
			read() {
				this.push(answer.slice(0, 40));
				this.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
			},
		});
		nock(TEST_BASE_URL).post(path).reply(200, () => cutOff, { 'Content-Type': 'application/json' });
		const sent = answerInTurn([]);

		const { output } = await run();

		expect(sent).toHaveLength(1);
		expect(output.map((item) => item.json.status)).toEqual(['created', 'created']);
	});
});

describe('The client in virtual time (one account, fake answers)', () => {
	const create: HubSpotRequest = { method: 'POST', path: '/crm/associations/2026-03/contacts/companies/batch/create', body: { inputs: [] } };
	const ok: FakeAnswer = { statusCode: 200, body: { status: 'COMPLETE', results: [] } };
	const rateLimited = (policyName: string, headers: Record<string, string> = {}): FakeAnswer => ({
		statusCode: 429,
		headers,
		body: { status: 'error', message: `You have reached your ${policyName.toLowerCase()} limit.`, policyName },
	});

	it.each([['-1'], [''], ['5, 5']])('holds a 429 with an invalid Retry-After (%j) until the window has room, not retrying it at once', async (retryAfter) => {
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(clock, () => rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': retryAfter }), { credentialId: `cred-retry-after-${retryAfter}` });
		const answer = createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock).request(create);
		await clock.run();
		await answer;

		const arrivals = requests.map((request) => request.arrivedAt);
		expect(arrivals).toHaveLength(6);
		// Read as "no wait", the six attempts went out at the throttle's spacing, all within 0.5 s.
		expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThan(1_000);
	});

	it('does not send a retry once another request of the run met a refused token refresh', async () => {
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
		const [retried, refusedAnswer] = await Promise.all([first, second]);

		expect(refusedAnswer).toMatchObject({ ok: false, refreshRefused: { code: 'invalid_grant' } });
		// The 503's retry, due a second later, answers the reconnect message too.
		expect(requests).toHaveLength(2);
		expect(retried).toMatchObject({ ok: false, refreshRefused: { code: 'invalid_grant' } });
	});

	it.each([
		['a DAILY 429', rateLimited('DAILY'), /daily request limit is used up \(429\).*not sent: an earlier request of this execution met it/],
		['a 429 whose Retry-After (10 min) is beyond Max Wait', rateLimited('TEN_SECONDLY_ROLLING', { 'retry-after': '600' }), /^Not sent to HubSpot: it asked for no requests from this account for \d+ s more/],
	])('sends no later request of the run after %s, and each says why', async (what, answer, laterMessage) => {
		const clock = new FakeClock();
		const { context, requests } = fakeAccount(clock, () => answer, { credentialId: `cred-not-soon-${what}` });
		const client = createHubSpotClient(context(), DEFAULT_CLIENT_SETTINGS, clock);
		const messages: string[] = [];
		const run = (async () => {
			for (let i = 0; i < 20; i++) {
				const answered = await client.request(create);
				messages.push(answered.ok ? 'ok' : describeFailedExchange(answered));
			}
		})();
		await clock.run();
		await run;

		// HubSpot said the account is out for now: one 429 tells it, twenty would only add errors.
		expect(requests).toHaveLength(1);
		expect(messages[0]).toMatch(/\(429\)/);
		for (const message of messages.slice(1)) expect(message).toMatch(laterMessage);
	});
});
