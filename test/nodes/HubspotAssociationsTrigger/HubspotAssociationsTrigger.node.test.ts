import { readFileSync } from 'fs';
import { join } from 'path';
import nock from 'nock';
import { forgetKeptReads, LABELS_WAIT_MS } from '../../../nodes/HubspotAssociationsTrigger/pairTypes';
import { forgetProcessLogs, keptSecretCount } from '../../../nodes/HubspotAssociationsTrigger/receiveDelivery';
import { signatureV1 } from '../../../nodes/HubspotAssociationsTrigger/helpers/signature';
import { TestCredentialsHelper } from '../../harness/credentialsHelper';
import { oauthCredential, TEST_BASE_URL } from '../../harness/runWorkflow';
import { PRODUCTION_URL, signedHeaders, TriggerHarness } from '../../harness/webhookTrigger';
import { COMPANY_TO_CONTACT_LABELS, DECISION_MAKER_ITEM, CONTACT_TO_COMPANY_LABELS, genericEvent, otherSide } from './helpers/events';

const SECRET = 'test-client-secret';
const PARAMETERS = { fromObjectType: 'contacts', toObjectType: 'companies' };
const LABELS_PATH = '/crm/associations/2026-03/contacts/companies/labels';
const BACK_LABELS_PATH = '/crm/associations/2026-03/companies/contacts/labels';

function oauthTrigger(parameters: Record<string, unknown> = PARAMETERS) {
	return new TriggerHarness(parameters as never, { hubspotAssociationsOAuth2Api: oauthCredential() });
}
function signed(events: unknown[], secret = SECRET) {
	const body = JSON.stringify(events);
	return { body, headers: signedHeaders(body, secret) };
}
function labelReads(times = 1) {
	return nock(TEST_BASE_URL).get(LABELS_PATH).times(times).reply(200, { results: CONTACT_TO_COMPANY_LABELS }).get(BACK_LABELS_PATH).times(times).reply(200, { results: COMPANY_TO_CONTACT_LABELS });
}

beforeEach(() => {
	forgetKeptReads();
	forgetProcessLogs();
	nock.cleanAll();
});

describe('HubSpot Associations Trigger, run in n8n-core', () => {
	it('emits a link reported from both sides once, oriented from → to, with its label read once per direction', async () => {
		const reads = labelReads();
		const contactSide = genericEvent({ eventId: 1, associationCategory: 'USER_DEFINED', associationTypeId: 36 });
		const answer = await oauthTrigger().deliver(signed([otherSide(contactSide, 37, 2), contactSide]));
		expect(answer.items).toEqual([DECISION_MAKER_ITEM]);
		expect(reads.isDone()).toBe(true);
	});

	it('answers a delivery with changes itself, before n8n stores the execution (n8n 2.x answers "onReceived" only after that)', async () => {
		labelReads();
		const answer = await oauthTrigger().deliver(signed([genericEvent({ eventId: 1 }), genericEvent({ eventId: 2, toObjectId: 202 }), { ...genericEvent({ eventId: 3 }), subscriptionType: 'contact.creation' }]));
		expect(answer).toMatchObject({ status: 200, answeredByNode: true, body: { received: 3, emitted: 2 } });
		expect(answer.items).toHaveLength(2);
	});

	it('checks a delivery with the client secret read in the last minute, without waiting on the credential store; a rotated secret is read again', async () => {
		labelReads();
		expect((await oauthTrigger().deliver(signed([genericEvent({ eventId: 1 })]))).status).toBe(200);
		// The credential now holds another secret: a delivery signed with the one read before is checked without reading it.
		const rotated = new TriggerHarness(PARAMETERS as never, { hubspotAssociationsOAuth2Api: { ...oauthCredential(), clientSecret: 'rotated-secret' } });
		expect((await rotated.deliver(signed([genericEvent({ eventId: 2, toObjectId: 202 })]))).status).toBe(200);
		// HubSpot signs with the new secret: that delivery reads the credential again, and the old secret is refused from then on.
		expect((await rotated.deliver(signed([genericEvent({ eventId: 3, toObjectId: 203 })], 'rotated-secret'))).status).toBe(200);
		expect((await rotated.deliver(signed([genericEvent({ eventId: 4, toObjectId: 204 })]))).status).toBe(401);
	});

	it('keeps the secret read last: a read that started earlier and ends later does not bring back the secret it replaced', async () => {
		labelReads();
		// Each credential read gives the secret the store held when it started, and ends when the spec lets it.
		const reads: Array<() => void> = [];
		const original = TestCredentialsHelper.prototype.getDecrypted;
		const spy = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted').mockImplementation(async function (this: TestCredentialsHelper, ...args) {
			const data = await original.apply(this, args);
			await new Promise<void>((resolve) => reads.push(resolve));
			return data;
		});
		try {
			const credential = oauthCredential();
			const trigger = new TriggerHarness(PARAMETERS as never, { hubspotAssociationsOAuth2Api: credential });
			const until = async (count: number) => { while (reads.length < count) await new Promise((resolve) => setImmediate(resolve)); };
			// A forged delivery reads the old secret; its read is slow (queued behind the store's writes).
			const forged = trigger.deliver(signed([genericEvent({ eventId: 1 })], 'not-the-secret'));
			await until(1);
			// Meanwhile the secret is rotated and HubSpot signs with the new one: that read ends first.
			credential.clientSecret = 'rotated-secret';
			const current = trigger.deliver(signed([genericEvent({ eventId: 2, toObjectId: 202 })], 'rotated-secret'));
			await until(2);
			reads[1]();
			expect((await current).status).toBe(200);
			reads[0]();
			expect((await forged).status).toBe(401);
			// The rotated secret has been read and has verified a delivery: the old one is refused from then on.
			const old = trigger.deliver(signed([genericEvent({ eventId: 3, toObjectId: 203 })]));
			await new Promise((resolve) => setImmediate(resolve));
			reads.forEach((release) => release());
			expect((await old).status).toBe(401);
		} finally {
			spy.mockRestore();
		}
	});

	it('keeps no secret past its minute, even one whose credential is never read again (deleted): the secrets kept do not grow with the credentials once used', async () => {
		const start = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
		try {
			const withCredential = (id: string, clientSecret: string) => {
				const trigger = new TriggerHarness(PARAMETERS as never, { hubspotAssociationsOAuth2Api: { ...oauthCredential(), clientSecret } });
				trigger.node.credentials!.hubspotAssociationsOAuth2Api = { id, name: id };
				return trigger;
			};
			const forged = (at: number) => ({ body: '[]', headers: signedHeaders('[]', 'not-the-secret', at) });
			// Each forged delivery reads its credential's secret, which is then kept.
			for (let index = 0; index < 20; index += 1) expect((await withCredential(`cred-${index}`, `secret-${index}`).deliver(forged(start))).status).toBe(401);
			expect(keptSecretCount()).toBe(20);
			clock.mockReturnValue(start + 61_000);
			expect((await withCredential('cred-last', 'secret-last').deliver(forged(start + 61_000))).status).toBe(401);
			expect(keptSecretCount()).toBe(1);
		} finally {
			clock.mockRestore();
		}
	});

	it("checks a delivery with its own credential's secret only: another credential's, kept a moment ago, is refused", async () => {
		labelReads();
		const ours = oauthTrigger();
		const theirs = new TriggerHarness(PARAMETERS as never, { hubspotAssociationsOAuth2Api: { ...oauthCredential(), clientSecret: 'their-secret' } });
		theirs.node.credentials!.hubspotAssociationsOAuth2Api = { id: 'cred-theirs', name: 'Their HubSpot account' };
		expect((await ours.deliver(signed([genericEvent({ eventId: 1 })]))).status).toBe(200);
		expect((await theirs.deliver(signed([genericEvent({ eventId: 2, toObjectId: 202 })], 'their-secret'))).status).toBe(200);
		expect((await ours.deliver(signed([genericEvent({ eventId: 3, toObjectId: 203 })], 'their-secret'))).status).toBe(401);
		expect((await theirs.deliver(signed([genericEvent({ eventId: 4, toObjectId: 204 })]))).status).toBe(401);
	});

	it('accepts a rotated-out secret at most a minute after it was read, however often it is sent meanwhile; a failed read accepts nothing', async () => {
		labelReads();
		const start = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
		const credential = oauthCredential();
		const trigger = new TriggerHarness(PARAMETERS as never, { hubspotAssociationsOAuth2Api: credential });
		const old = (eventId: number, at: number) => {
			const body = JSON.stringify([genericEvent({ eventId, toObjectId: 200 + eventId })]);
			return { body, headers: signedHeaders(body, SECRET, at) };
		};
		try {
			expect((await trigger.deliver(old(1, start))).status).toBe(200);
			credential.clientSecret = 'rotated-secret';
			for (const [eventId, at] of [[2, start + 20_000], [3, start + 40_000], [4, start + 59_000]]) {
				clock.mockReturnValue(at);
				expect((await trigger.deliver(old(eventId, at))).status).toBe(200);
			}
			clock.mockReturnValue(start + 60_000);
			expect((await trigger.deliver(old(5, start + 60_000))).status).toBe(401);
			// The store fails: a delivery the kept secret does not verify is not accepted.
			credential.clientSecret = SECRET;
			clock.mockReturnValue(start + 61_000);
			expect((await trigger.deliver(old(6, start + 61_000))).status).toBe(200);
			const failing = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted').mockRejectedValue(new Error('credential store unavailable'));
			try {
				const forged = { body: '[]', headers: signedHeaders('[]', 'rotated-secret', start + 61_000) };
				await expect(trigger.deliver(forged)).rejects.toThrow('credential store unavailable');
			} finally {
				failing.mockRestore();
			}
		} finally {
			clock.mockRestore();
		}
	});

	it('keeps the label texts a few minutes: the next delivery sends no request', async () => {
		labelReads();
		const trigger = oauthTrigger();
		await trigger.deliver(signed([otherSide(genericEvent(), 280)]));
		const next = await trigger.deliver(signed([otherSide(genericEvent({ toObjectId: 202, associationCategory: 'USER_DEFINED' }), 39)]));
		expect(next.items).toEqual([expect.objectContaining({ toObjectId: '202', associationTypeId: 38, label: 'Billing contact' })]);
	});

	it('does not emit a redelivered change again, nor after a restart (static data)', async () => {
		labelReads();
		const trigger = oauthTrigger();
		const event = genericEvent();
		expect((await trigger.deliver(signed([event]))).items).toHaveLength(1);
		const again = await trigger.deliver(signed([{ ...event, attemptNumber: 1 }]));
		expect(again).toMatchObject({ status: 200, body: { received: 1, emitted: 0 }, items: undefined });
		forgetProcessLogs();
		expect((await trigger.deliver(signed([{ ...event, attemptNumber: 2 }]))).items).toBeUndefined();
		expect(Object.keys(trigger.staticData.emittedChanges as object)).toEqual(['62515 added 101 201 plain']);
	});

	it('starts one execution for two deliveries of the same change at the same moment', async () => {
		labelReads();
		const trigger = oauthTrigger();
		const contactSide = genericEvent();
		const answers = await Promise.all([trigger.deliver(signed([contactSide])), trigger.deliver(signed([otherSide(contactSide, 280)]))]);
		expect(answers.filter((answer) => answer.items !== undefined)).toHaveLength(1);
	});

	it('keeps the event when the labels cannot be read: label null', async () => {
		nock(TEST_BASE_URL).get(LABELS_PATH).reply(500, { message: 'down' });
		const answer = await oauthTrigger().deliver(signed([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })]));
		expect(answer.items).toEqual([expect.objectContaining({ associationTypeId: 36, label: null })]);
	});

	it('keeps a change of a filtered label when the labels cannot be read: emitted with label null, not dropped', async () => {
		nock(TEST_BASE_URL).get(LABELS_PATH).reply(500, { message: 'down' });
		const trigger = oauthTrigger({ ...PARAMETERS, associationTypes: ['Decision maker'] });
		const answer = await trigger.deliver(signed([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })]));
		expect(answer.items).toEqual([expect.objectContaining({ associationTypeId: 36, label: null })]);
	});

	it.each([
		['a wrong signature', () => ({ ...signed([genericEvent()], 'someone-else') })],
		['no signature', () => ({ body: JSON.stringify([genericEvent()]), headers: {} })],
		['a stale timestamp', () => ({ body: '[]', headers: signedHeaders('[]', SECRET, Date.now() - 6 * 60_000) })],
		['a signature over another URL', () => ({ body: '[]', headers: signedHeaders('[]', SECRET, Date.now(), PRODUCTION_URL.replace('localhost', 'evil.example')) })],
	])('refuses %s with 401, starts nothing and logs one line without the secret', async (_case, request) => {
		const answer = await oauthTrigger().deliver(request());
		expect(answer).toMatchObject({ status: 401, body: { message: 'Invalid or missing HubSpot signature' }, items: undefined });
		expect(answer.warnings).toHaveLength(1);
		expect(answer.warnings[0]).toMatch(/^HubSpot Associations Trigger "HubSpot Associations Trigger": refused a delivery \(401\): /);
		expect(answer.warnings[0]).not.toContain(SECRET);
	});

	it('refuses a signed body that is not a JSON array of events with 400', async () => {
		const body = '{"eventId":1}';
		const answer = await oauthTrigger().deliver({ body, headers: signedHeaders(body, SECRET) });
		expect(answer).toMatchObject({ status: 400, body: { message: 'Not a HubSpot delivery: the body is not a JSON array of events' }, items: undefined });
	});

	it('checks the signature over the URL with the query HubSpot called', async () => {
		nock(TEST_BASE_URL).get(LABELS_PATH).reply(200, { results: CONTACT_TO_COMPANY_LABELS });
		const body = JSON.stringify([genericEvent()]);
		const answer = await oauthTrigger().deliver({ body, headers: signedHeaders(body, SECRET, Date.now(), `${PRODUCTION_URL}?portal=62515`), query: '?portal=62515' });
		expect(answer.items).toHaveLength(1);
	});

	it('accepts a v1 signature only with Accept Legacy Signatures on', async () => {
		const body = JSON.stringify([genericEvent()]);
		const headers = { 'X-HubSpot-Signature': signatureV1(SECRET, Buffer.from(body)), 'X-HubSpot-Signature-Version': 'v1' };
		expect((await oauthTrigger().deliver({ body, headers })).status).toBe(401);
		const legacy = oauthTrigger({ ...PARAMETERS, options: { legacySignatures: true, labelNames: false } });
		expect((await legacy.deliver({ body, headers })).items).toHaveLength(1);
	});

	it('reads the secret of the app-token credential, and refuses to activate without one', async () => {
		const parameters = { ...PARAMETERS, authentication: 'appToken', options: { labelNames: false } };
		const withSecret = new TriggerHarness(parameters, { hubspotAssociationsAppTokenApi: { appToken: 'pat-token', clientSecret: 'app-secret', baseUrl: TEST_BASE_URL } });
		expect((await withSecret.deliver(signed([genericEvent()], 'app-secret'))).items).toHaveLength(1);
		expect(await withSecret.activate()).toBe(true);
		const without = new TriggerHarness(parameters, { hubspotAssociationsAppTokenApi: { appToken: 'pat-token', baseUrl: TEST_BASE_URL } });
		await expect(without.activate()).rejects.toThrow('The credential has no client secret');
		expect((await without.deliver(signed([genericEvent()], ''))).status).toBe(401);
	});

	it('starts nothing for events of other pairs or kinds, and answers what it received', async () => {
		const trigger = oauthTrigger({ ...PARAMETERS, events: ['removed'] });
		const answer = await trigger.deliver(signed([genericEvent(), genericEvent({ toObjectTypeId: '0-3' }), { subscriptionType: 'contact.creation' }]));
		expect(answer).toMatchObject({ status: 200, body: { received: 3, emitted: 0 }, items: undefined });
	});

	it('refuses to activate with object types it cannot read', async () => {
		const trigger = new TriggerHarness({ fromObjectType: 'spaceships', toObjectType: 'companies' }, { hubspotAssociationsOAuth2Api: oauthCredential() });
		await expect(trigger.activate()).rejects.toThrow('From Object Type (fromObjectType) must be an object type');
	});
});

const T = 1765000000000;
/** One change as HubSpot reports it: from the contact and from the company, at one moment. */
function bothSides(overrides: Record<string, unknown>) {
	const contactSide = genericEvent(overrides);
	return [contactSide, otherSide(contactSide, 280)];
}
const summary = (items: Record<string, unknown>[] | undefined) => (items ?? []).map((item) => `${item.change} ${item.fromObjectId} ${item.toObjectId}`);

describe('HubSpot Associations Trigger: every change once, answered in time, replays refused', () => {
	beforeEach(() => {
		nock(TEST_BASE_URL).persist().get(LABELS_PATH).reply(200, { results: CONTACT_TO_COMPANY_LABELS }).get(BACK_LABELS_PATH).reply(200, { results: COMPANY_TO_CONTACT_LABELS });
	});

	it('emits a link made again within a second of its removal, in one delivery: the last item does not say removed while HubSpot holds the link', async () => {
		const answer = await oauthTrigger().deliver(signed([...bothSides({ occurredAt: T }), ...bothSides({ occurredAt: T + 200, associationRemoved: true }), ...bothSides({ occurredAt: T + 400 })]));
		expect(summary(answer.items)).toEqual(['added 101 201', 'removed 101 201', 'added 101 201']);
	});

	it('emits a link made again within a second of its removal over three deliveries, and neither add again when redelivered', async () => {
		const trigger = oauthTrigger();
		expect(summary((await trigger.deliver(signed(bothSides({ occurredAt: T })))).items)).toEqual(['added 101 201']);
		expect(summary((await trigger.deliver(signed(bothSides({ occurredAt: T + 200, associationRemoved: true })))).items)).toEqual(['removed 101 201']);
		expect(summary((await trigger.deliver(signed(bothSides({ occurredAt: T + 400 })))).items)).toEqual(['added 101 201']);
		expect((await trigger.deliver(signed(bothSides({ occurredAt: T + 400 })))).items).toBeUndefined();
		expect((await trigger.deliver(signed(bothSides({ occurredAt: T })))).items).toBeUndefined();
	});

	it('saves with each execution what concurrent deliveries emitted too: a redelivery after a restart starts nothing', async () => {
		const trigger = oauthTrigger();
		const [first, second] = [bothSides({ toObjectId: 201 }), bothSides({ toObjectId: 202 })];
		const answers = await Promise.all([trigger.deliver(signed(first)), trigger.deliver(signed(second))]);
		expect(answers.map((answer) => answer.items?.length)).toEqual([1, 1]);
		forgetProcessLogs();
		expect((await trigger.deliver(signed(first))).items).toBeUndefined();
		expect((await trigger.deliver(signed(second))).items).toBeUndefined();
	});

	it('refuses the same signed delivery sent again within its 5 minutes with 401 (a replay), even with One Item per Change off', async () => {
		const trigger = oauthTrigger({ ...PARAMETERS, options: { onePerChange: false, labelNames: false } });
		const captured = signed([genericEvent()]);
		expect((await trigger.deliver(captured)).items).toHaveLength(1);
		const replay = await trigger.deliver(captured);
		expect(replay).toMatchObject({ status: 401, items: undefined });
		expect(replay.warnings[0]).toContain('the same signed delivery came again');
	});
});

describe('HubSpot Associations Trigger with a slow labels endpoint', () => {
	it("answers within HubSpot's 5 s, keeping the event with label null", async () => {
		nock(TEST_BASE_URL).get(LABELS_PATH).delay(8_000).reply(200, { results: CONTACT_TO_COMPANY_LABELS });
		const started = Date.now();
		const answer = await oauthTrigger().deliver(signed([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })]));
		expect(Date.now() - started).toBeLessThan(LABELS_WAIT_MS + 1_000);
		expect(answer.items).toEqual([expect.objectContaining({ associationTypeId: 36, label: null })]);
	}, 20_000);
});

describe('the example workflow', () => {
	it('has a trigger that emits a new contact–company link and ignores removals', async () => {
		const example = JSON.parse(readFileSync(join(__dirname, '../../../examples/when-contact-linked-to-company-link-its-deals.json'), 'utf8')) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
		const node = example.nodes.find((candidate) => candidate.type === 'n8n-nodes-hubspot-associations.hubspotAssociationsTrigger');
		const trigger = oauthTrigger(node?.parameters);
		nock(TEST_BASE_URL).get(LABELS_PATH).reply(200, { results: CONTACT_TO_COMPANY_LABELS });
		const answer = await trigger.deliver(signed([genericEvent({ fromObjectId: 7 }), genericEvent({ fromObjectId: 8, associationRemoved: true })]));
		expect(answer.items).toEqual([expect.objectContaining({ change: 'added', fromObjectId: '7', toObjectId: '201' })]);
	});
});
