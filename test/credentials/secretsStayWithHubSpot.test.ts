import nock from 'nock';
import { ClientOAuth2 } from '@n8n/client-oauth2';
import { NodeConnectionTypes, type ICredentialDataDecryptedObject, type IHttpRequestOptions, type IExecuteFunctions, type INodeType } from 'n8n-workflow';
import { HubspotAssociationsAppTokenApi } from '../../credentials/HubspotAssociationsAppTokenApi.credentials';
import { HubspotAssociationsOAuth2Api } from '../../credentials/HubspotAssociationsOAuth2Api.credentials';
import { executeWorkflow, prepareWorkflow } from '../harness/engine';
import { createdReply, mockBatchCreate } from '../harness/hubspotMock';
import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';
import { batchCreateParameters, loadOptions, NODE_TYPE, oauthCredential, runNode } from '../harness/runWorkflow';

const FOREIGN = 'https://collector.example';
const SECRETS = ['test-access-token', 'test-refresh-token', 'test-client-secret', 'pat-na1-secret-app-token'];
const foreignOAuth = { hubspotAssociationsOAuth2Api: oauthCredential({ baseUrl: `${FOREIGN}/` }) };
const foreignAppToken = { hubspotAssociationsAppTokenApi: { appToken: 'pat-na1-secret-app-token', baseUrl: FOREIGN } };
const credentialTypes = { hubspotAssociationsOAuth2Api: new HubspotAssociationsOAuth2Api(), hubspotAssociationsAppTokenApi: new HubspotAssociationsAppTokenApi() };

/** Every request that reaches the foreign host, whatever its path. */
function watchForeignHost(): string[] {
	const seen: string[] = [];
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		nock(FOREIGN)
			.persist()
			.intercept(/.*/, method)
			.reply(function (uri) {
				seen.push(`${method} ${uri} ${JSON.stringify(this.req.headers)}`);
				return [200, '{}'];
			});
	}
	return seen;
}

/** The credential data n8n hands the engine and its Connect / refresh: hidden fields from their defaults, expressions resolved. */
async function resolved(type: keyof typeof credentialTypes, stored: ICredentialDataDecryptedObject) {
	const { credentialsHelper, additionalData } = prepareWorkflow(
		{ nodes: [{ id: 'n', name: 'n', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} }], connections: {} },
		{ nodeTypes: { [NODE_TYPE]: new HubspotAssociations() }, credentialTypes, credentials: { [type]: stored } },
	);
	return await credentialsHelper.getDecrypted(additionalData, { id: '1', name: 'HubSpot account' }, type);
}

afterEach(() => nock.cleanAll());

describe('a Base URL changed to another host never receives a token or a secret', () => {
	it('node calls with the OAuth2 credential: nothing is sent, every item says why', async () => {
		const seen = watchForeignHost();
		const { output } = await runNode({ items: [{ contactId: '1', companyId: '2' }, { contactId: '3', companyId: '4' }], parameters: batchCreateParameters(), credentials: foreignOAuth, onError: 'continueRegularOutput' });

		expect(seen).toEqual([]);
		expect(output).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of output) expect(item.json.error).toContain("The credential's Base URL (collector.example) is not HubSpot's API");
		for (const secret of SECRETS) expect(JSON.stringify(output)).not.toContain(secret);
	});

	it('node calls with the app token, and the dropdowns: nothing is sent', async () => {
		const seen = watchForeignHost();
		const { output } = await runNode({ items: [{ contactId: '1', companyId: '2' }], parameters: batchCreateParameters({ authentication: 'appToken' }), credentials: foreignAppToken, onError: 'continueRegularOutput' });
		const types = await loadOptions('getObjectTypes', batchCreateParameters(), foreignOAuth);

		expect(seen).toEqual([]);
		expect(output[0].json.error).toContain("is not HubSpot's API");
		expect(types.at(-1)?.description).toContain("is not HubSpot's API");
	});

	it("a token refresh (any node using the credential) posts the refresh token and client secret only to HubSpot's token URL", async () => {
		const seen = watchForeignHost();
		nock('https://api.hubapi.com').get('/crm/associations/2026-03/contacts/companies/labels').reply(401, { status: 'error', message: 'expired', category: 'EXPIRED_AUTHENTICATION' });
		const refresh = nock('https://api.hubapi.com')
			.post('/oauth/2026-03/token', (body) => body.refresh_token === 'test-refresh-token' && body.client_secret === 'test-client-secret')
			.reply(200, { access_token: 'fresh-access-token', refresh_token: 'test-refresh-token', token_type: 'bearer', expires_in: 1800 });
		nock('https://api.hubapi.com', { reqheaders: { authorization: 'Bearer fresh-access-token' } }).get('/crm/associations/2026-03/contacts/companies/labels').reply(200, { results: [] });

		const caller: INodeType = {
			description: { displayName: 'Caller', name: 'caller', group: ['input'], version: 1, description: '', defaults: { name: 'Caller' }, inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [], credentials: [{ name: 'hubspotAssociationsOAuth2Api', required: true }] },
			async execute(this: IExecuteFunctions) {
				const body = await this.helpers.httpRequestWithAuthentication.call(this, 'hubspotAssociationsOAuth2Api', { url: 'https://api.hubapi.com/crm/associations/2026-03/contacts/companies/labels', json: true });
				return [[{ json: body }]];
			},
		};
		const { run } = await executeWorkflow(
			{ nodes: [{ id: 'c', name: 'Caller', type: 'test.caller', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { hubspotAssociationsOAuth2Api: { id: 'cred-1', name: 'HubSpot account' } } }], connections: {} },
			{ nodeTypes: { 'test.caller': caller }, credentialTypes, credentials: foreignOAuth },
			'Caller',
		);

		expect(run.data.resultData.error).toBeUndefined();
		expect(refresh.isDone()).toBe(true);
		expect(seen).toEqual([]);
	});

	it("Connect exchanges the authorization code at HubSpot's token URL, a trailing space in Base URL included", async () => {
		const seen = watchForeignHost();
		for (const baseUrl of [`${FOREIGN}/`, 'https://api.hubapi.com ']) {
			const data = await resolved('hubspotAssociationsOAuth2Api', { ...oauthCredential({ baseUrl }), oauthTokenData: undefined } as never);
			expect(data.accessTokenUrl).toBe('https://api.hubapi.com/oauth/2026-03/token');
			// What n8n's OAuth2 callback does with the resolved credential.
			const exchange = nock('https://api.hubapi.com')
				.post('/oauth/2026-03/token', (body) => body.code === 'the-code')
				.reply(200, { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 1800 });
			const client = new ClientOAuth2({ clientId: String(data.clientId), clientSecret: String(data.clientSecret), accessTokenUri: String(data.accessTokenUrl), authorizationUri: String(data.authUrl), redirectUri: 'http://localhost:5678/rest/oauth2-credential/callback', authentication: 'body' });
			await client.code.getToken('http://localhost:5678/rest/oauth2-credential/callback?code=the-code');
			expect(exchange.isDone()).toBe(true);
		}
		expect(seen).toEqual([]);
	});

	it("the app token's Test: refused before sending, with the reason; a trailing space does not break it", async () => {
		const seen = watchForeignHost();
		const credential = new HubspotAssociationsAppTokenApi();
		const testRequest = async (baseUrl: string) => {
			const data = await resolved('hubspotAssociationsAppTokenApi', { appToken: 'pat-na1-secret-app-token', baseUrl });
			const baseURL = String(evaluateTestBaseUrl(credential, data));
			return await credential.authenticate(data, { ...credential.test.request, baseURL, url: String(credential.test.request.url) } as IHttpRequestOptions);
		};

		await expect(testRequest(FOREIGN)).rejects.toThrow("The credential's Base URL (collector.example) is not HubSpot's API");
		await expect(testRequest('https://api.hubapi.com/ ')).resolves.toMatchObject({ baseURL: 'https://api.hubapi.com', headers: { Authorization: 'Bearer pat-na1-secret-app-token' } });
		expect(seen).toEqual([]);
	});

	it('a HubSpot Base URL keeps working (nothing refused by mistake)', async () => {
		const sent = mockBatchCreate({ from: 'contacts', to: 'companies' }, (body) => createdReply(body));
		const { output } = await runNode({ items: [{ contactId: '1', companyId: '2' }], parameters: batchCreateParameters(), credentials: { hubspotAssociationsOAuth2Api: oauthCredential({ baseUrl: ' https://API.hubapi.com/ ' }) } });

		expect(sent).toHaveLength(1);
		expect(output[0].json.status).toBe('created');
	});
});

describe("a 30x answer is not followed to another host: n8n would send the Authorization header along", () => {
	it('a batch: the access token and the batch body stay with HubSpot, the item says what HubSpot answered', async () => {
		const seen = watchForeignHost();
		nock('https://api.hubapi.com').post('/crm/associations/2026-03/contacts/companies/batch/create').reply(307, '', { Location: `${FOREIGN}/collect` });
		const { output } = await runNode({ items: [{ contactId: '1', companyId: '2' }], parameters: batchCreateParameters(), onError: 'continueRegularOutput' });

		expect(seen).toEqual([]);
		expect(output[0].json.error).toContain('HubSpot answered 307');
	});

	it('a dropdown with the app token', async () => {
		const seen = watchForeignHost();
		nock('https://api.hubapi.com').get('/crm/associations/2026-03/contacts/companies/labels').reply(302, '', { Location: `${FOREIGN}/collect` });
		const types = loadOptions('getAssociationTypes', batchCreateParameters({ authentication: 'appToken' }), {
			hubspotAssociationsAppTokenApi: { appToken: 'pat-na1-secret-app-token', baseUrl: 'https://api.hubapi.com' },
		});

		await expect(types).rejects.toThrow(/HubSpot answered 302/);
		expect(seen).toEqual([]);
	});
});

/** n8n resolves the Test request's expressions with `$credentials`; the harness evaluator names it `$self`. */
function evaluateTestBaseUrl(credential: HubspotAssociationsAppTokenApi, data: ICredentialDataDecryptedObject): unknown {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { evaluateExpression } = require('../harness/expressions') as typeof import('../harness/expressions');
	return evaluateExpression(String(credential.test.request.baseURL).replace('$credentials', '$self'), { self: data });
}
