import nock from 'nock';
import { forgetKeptReads } from '../../nodes/HubspotAssociationsTrigger/pairTypes';
import { forgetProcessLogs } from '../../nodes/HubspotAssociationsTrigger/receiveDelivery';
import { oauthCredential, TEST_BASE_URL } from '../harness/runWorkflow';
import { signedHeaders, TriggerHarness } from '../harness/webhookTrigger';
import { genericEvent } from '../nodes/HubspotAssociationsTrigger/helpers/events';

const SECRET = 'test-client-secret';
const LABELS_PATH = '/crm/associations/2026-03/contacts/companies/labels';

beforeEach(() => {
	forgetKeptReads();
	forgetProcessLogs();
	nock.cleanAll();
});

describe('attack on issue 21: a failed labels read with a filter by label text', () => {
	it('emits a labelled change reported from the from-side (label null) instead of dropping it when the labels cannot be read', async () => {
		nock(TEST_BASE_URL).get(LABELS_PATH).reply(500, { message: 'down' });
		const trigger = new TriggerHarness({ fromObjectType: 'contacts', toObjectType: 'companies', associationTypes: ['Decision maker'] } as never, { hubspotAssociationsOAuth2Api: oauthCredential() });
		const body = JSON.stringify([genericEvent({ associationCategory: 'USER_DEFINED', associationTypeId: 36 })]);
		const answer = await trigger.deliver({ body, headers: signedHeaders(body, SECRET) });
		expect(answer.items).toEqual([expect.objectContaining({ associationTypeId: 36, label: null })]);
	});
});
