import nock from 'nock';
import { createdReply, errorReply, mockBatchCreate, partialReply } from '../../harness/hubspotMock';
import { batchCreateParameters, runNode } from '../../harness/runWorkflow';

const items = [
	{ contactId: '101', companyId: '201' },
	{ contactId: '102', companyId: '999' },
];

const parameters = batchCreateParameters;

const appToken = {
	hubspotAssociationsAppTokenApi: { appToken: 'pat-na1-test-app-token', baseUrl: 'https://api.hubapi.com/' },
};

afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});

describe('the private-app token credential', () => {
	it('sends the app token as a Bearer token to HubSpot', async () => {
		const scope = nock('https://api.hubapi.com', { reqheaders: { authorization: 'Bearer pat-na1-test-app-token' } })
			.post('/crm/associations/2026-03/contacts/companies/batch/create')
			.reply(200, (_uri, body) => createdReply(body as never).body as nock.Body);

		const { output, error } = await runNode({ items: items.slice(0, 1), parameters: parameters({ authentication: 'appToken' }), credentials: appToken });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output[0].json.status).toBe('created');
	});

	it('on a 403 says to add the scopes to the private app and replace its token', async () => {
		nock('https://api.hubapi.com')
			.post('/crm/associations/2026-03/contacts/companies/batch/create')
			.reply(403, errorReply(403, { category: 'MISSING_SCOPES', context: { missingScopes: ['crm.objects.contacts.write'] } }).body as nock.Body);

		const { output } = await runNode({
			items: items.slice(0, 1),
			parameters: parameters({ authentication: 'appToken' }),
			credentials: appToken,
			onError: 'continueRegularOutput',
		});

		expect(output[0].json.error).toContain(
			"lacks the scopes crm.objects.contacts.write (403): add them where the token comes from (service key: Development → Keys → Service keys; static-auth project app: its requiredScopes, then hs project upload; legacy private app: its scopes), then put the token into the credential's Service Key or App Token field",
		);
		expect(JSON.stringify(output)).not.toContain('pat-na1-test-app-token');
	});
});

describe('API versions', () => {
	it('calls the 2026-09 endpoints when chosen, and reads errors from its 200 answers', async () => {
		const sent = mockBatchCreate(
			{ from: 'contacts', to: 'companies' },
			(body) => partialReply(body, (input) => input.to.id === '999', () => ({ message: 'COMPANY=999 is not valid', context: { objectId: ['999'] } }), 200),
			1,
			'2026-09',
		);

		const { output } = await runNode({ items, parameters: parameters({ options: { apiVersion: '2026-09' } }), onError: 'continueRegularOutput' });

		expect(sent).toHaveLength(1);
		expect(output[0].json.status).toBe('created');
		expect(output[1].json.error).toBe('Item 1: HubSpot did not accept contacts 102 → companies 999: COMPANY=999 is not valid');
	});

	it('stays on 2026-03 by default', async () => {
		const sent = mockBatchCreate({ from: 'contacts', to: 'companies' }, (body) => createdReply(body));

		await runNode({ items: items.slice(0, 1), parameters: parameters() });

		expect(sent[0].path).toBe('/crm/associations/2026-03/contacts/companies/batch/create');
	});

	it('refuses an unknown API version before sending anything', async () => {
		const { error } = await runNode({ items, parameters: parameters({ options: { apiVersion: '=2025-01' } }) });

		expect(error?.message).toMatch(/API Version \(options.apiVersion\) must be one of 2026-03, 2026-09, got "2025-01"/);
	});
});
