import nock from 'nock';
import { forgetKeptReads } from '../../nodes/HubspotAssociationsTrigger/pairTypes';
import { forgetProcessLogs } from '../../nodes/HubspotAssociationsTrigger/receiveDelivery';
import { oauthCredential, TEST_BASE_URL } from '../harness/runWorkflow';
import { signedHeaders, TriggerHarness } from '../harness/webhookTrigger';
import { CONTACT_TO_COMPANY_LABELS, genericEvent } from '../nodes/HubspotAssociationsTrigger/helpers/events';

const T = 1765000000000;
beforeEach(() => {
	forgetKeptReads();
	forgetProcessLogs();
	nock.cleanAll();
});

describe('attack on issue 21: order within a delivery', () => {
	it('emits the changes of one delivery in the order they happened: a link removed after it was made does not end on "added"', async () => {
		nock(TEST_BASE_URL).get('/crm/associations/2026-03/contacts/companies/labels').reply(200, { results: CONTACT_TO_COMPANY_LABELS });
		const trigger = new TriggerHarness({ fromObjectType: 'contacts', toObjectType: 'companies' } as never, { hubspotAssociationsOAuth2Api: oauthCredential() });
		const body = JSON.stringify([genericEvent({ occurredAt: T + 60_000, associationRemoved: true }), genericEvent({ occurredAt: T })]);
		const answer = await trigger.deliver({ body, headers: signedHeaders(body, 'test-client-secret') });
		expect(answer.items?.map((item) => item.change)).toEqual(['added', 'removed']);
	});
});
