import nock from 'nock';
import { forgetKeptReads } from '../../nodes/HubspotAssociationsTrigger/pairTypes';
import { forgetProcessLogs } from '../../nodes/HubspotAssociationsTrigger/receiveDelivery';
import { oauthCredential, TEST_BASE_URL } from '../harness/runWorkflow';
import { signedHeaders, TriggerHarness } from '../harness/webhookTrigger';
import { COMPANY_TO_CONTACT_LABELS, CONTACT_TO_COMPANY_LABELS, genericEvent, otherSide } from '../nodes/HubspotAssociationsTrigger/helpers/events';

const SECRET = 'test-client-secret';
const PARAMETERS = { fromObjectType: 'contacts', toObjectType: 'companies' };
const LABELS_PATH = '/crm/associations/2026-03/contacts/companies/labels';
const BACK_LABELS_PATH = '/crm/associations/2026-03/companies/contacts/labels';
const T = 1765000000000;

function trigger(parameters: Record<string, unknown> = PARAMETERS) {
	return new TriggerHarness(parameters as never, { hubspotAssociationsOAuth2Api: oauthCredential() });
}
function signed(events: unknown[], timestamp = Date.now()) {
	const body = JSON.stringify(events);
	return { body, headers: signedHeaders(body, SECRET, timestamp) };
}
function labelReads() {
	return nock(TEST_BASE_URL).persist().get(LABELS_PATH).reply(200, { results: CONTACT_TO_COMPANY_LABELS }).get(BACK_LABELS_PATH).reply(200, { results: COMPANY_TO_CONTACT_LABELS });
}
/** One change as HubSpot reports it: from the contact and from the company, at one moment. */
function bothSides(overrides: Record<string, unknown>) {
	const contactSide = genericEvent(overrides);
	return [contactSide, otherSide(contactSide, 280)];
}
const summary = (items: Record<string, unknown>[] | undefined) => (items ?? []).map((item) => `${item.change} ${item.fromObjectId} ${item.toObjectId}`);

beforeEach(() => {
	forgetKeptReads();
	forgetProcessLogs();
	nock.cleanAll();
});

describe('attack on issue 21', () => {
	it('emits a link re-added within a second of its removal (one delivery): the last item must not say removed while HubSpot holds the link', async () => {
		labelReads();
		const answer = await trigger().deliver(signed([...bothSides({ occurredAt: T }), ...bothSides({ occurredAt: T + 200, associationRemoved: true }), ...bothSides({ occurredAt: T + 400 })]));
		expect(summary(answer.items)).toEqual(['added 101 201', 'removed 101 201', 'added 101 201']);
	});

	it('emits a link re-added within a second of its removal (separate deliveries)', async () => {
		labelReads();
		const t = trigger();
		expect(summary((await t.deliver(signed(bothSides({ occurredAt: T })))).items)).toEqual(['added 101 201']);
		expect(summary((await t.deliver(signed(bothSides({ occurredAt: T + 200, associationRemoved: true })))).items)).toEqual(['removed 101 201']);
		expect(summary((await t.deliver(signed(bothSides({ occurredAt: T + 400 })))).items)).toEqual(['added 101 201']);
		// ... and still drops the redelivery of either add
		expect((await t.deliver(signed(bothSides({ occurredAt: T + 400 })))).items).toBeUndefined();
		expect((await t.deliver(signed(bothSides({ occurredAt: T })))).items).toBeUndefined();
	});

	it('keeps in static data what two concurrent deliveries emitted: a redelivery after a restart starts nothing', async () => {
		labelReads();
		const t = trigger();
		const first = bothSides({ toObjectId: 201 });
		const second = bothSides({ toObjectId: 202 });
		const answers = await Promise.all([t.deliver(signed(first)), t.deliver(signed(second))]);
		expect(answers.map((answer) => answer.items?.length)).toEqual([1, 1]);
		forgetProcessLogs(); // n8n restarted: only what was saved with the executions is known
		expect((await t.deliver(signed(first))).items).toBeUndefined();
		expect((await t.deliver(signed(second))).items).toBeUndefined();
	});

	it('answers within HubSpot\'s 5 s when the labels endpoint is slow, keeping the event with label null', async () => {
		nock(TEST_BASE_URL).get(LABELS_PATH).delay(8_000).reply(200, { results: CONTACT_TO_COMPANY_LABELS });
		const started = Date.now();
		const answer = await trigger().deliver(signed([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })]));
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(answer.items).toEqual([expect.objectContaining({ associationTypeId: 36, label: null })]);
	}, 20_000);

	it('starts no second execution for the same signed delivery replayed within 5 minutes (One Item per Change off)', async () => {
		const t = trigger({ ...PARAMETERS, options: { onePerChange: false, labelNames: false } });
		const captured = signed([genericEvent()]);
		expect((await t.deliver(captured)).items).toHaveLength(1);
		const replay = await t.deliver(captured);
		expect(replay.items).toBeUndefined();
	});
});
