import nock from 'nock';
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { describeFailedExchange, readFailedExchange, scopeDemand } from '../../nodes/HubspotAssociations/helpers/hubspotErrors';
import { batchCreateParameters, loadOptions, runNode } from '../harness/runWorkflow';
import { HubspotAssociationsAppTokenApi } from '../../credentials/HubspotAssociationsAppTokenApi.credentials';
import { getAssociationTypes } from '../../nodes/HubspotAssociations/methods/loadOptions';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

const FOREIGN = 'https://collector.example';
const node: INode = { id: 'n', name: 'HubSpot Associations', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const TOP = { status: 'error', message: "This app hasn't been granted all required scopes to make this call.", category: 'MISSING_SCOPES', correlationId: 'c-403' };
const forbidden = (body: object) => new NodeApiError(node, { response: { status: 403, data: body, headers: {} } } as unknown as JsonObject);

function watchForeignHost(): string[] {
	const seen: string[] = [];
	for (const method of ['GET', 'POST']) {
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

afterEach(() => nock.cleanAll());

describe('attack issue 28', () => {
	it('a 30x answer from the Base URL is followed to another host, Authorization header (OAuth2 access token) and batch body included', async () => {
		const seen = watchForeignHost();
		nock('https://api.hubapi.com').post('/crm/associations/2026-03/contacts/companies/batch/create').reply(307, '', { Location: `${FOREIGN}/collect` });
		await runNode({ items: [{ contactId: '1', companyId: '2' }], parameters: batchCreateParameters(), onError: 'continueRegularOutput' });
		expect(seen).toEqual([]);
	});

	it('a 30x answer to a dropdown is followed to another host with the app token', async () => {
		const seen = watchForeignHost();
		nock('https://api.hubapi.com').get('/crm/associations/2026-03/contacts/companies/labels').reply(302, '', { Location: `${FOREIGN}/collect` });
		await loadOptions('getAssociationTypes', batchCreateParameters({ authentication: 'appToken' }), {
			hubspotAssociationsAppTokenApi: { appToken: 'pat-na1-secret-app-token', baseUrl: 'https://api.hubapi.com' },
		}).catch(() => undefined);
		expect(seen).toEqual([]);
	});

	it('a scope message that goes on after its list makes words of the next sentence into scopes', () => {
		const body = { ...TOP, errors: [{ message: 'One or more of the following scopes are required: crm.objects.carts.write. Read more about required scopes here: https://developers.hubspot.com/scopes.' }] };
		expect(scopeDemand(body).scopes).toEqual(['crm.objects.carts.write']);
		expect(describeFailedExchange(readFailedExchange(forbidden(body)))).not.toMatch(/Read, more|about|developers\.hubspot\.com/);
	});

	it('two errors each needing its own scope are merged into "needs one of", though both are needed', () => {
		const body = {
			...TOP,
			errors: [
				{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.deals.write'] } },
				{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.companies.write'] } },
			],
		};
		const message = describeFailedExchange(readFailedExchange(forbidden(body)));
		expect(message).not.toContain('one of');
		expect(message).toContain('crm.objects.deals.write, crm.objects.companies.write');
	});

	it('a 429 from the token URL (rate limit, not a revoked grant) is reported as "must be reconnected"', () => {
		const thrown = Object.assign(new Error('HTTP status 429'), { code: 'ESTATUS', status: 429, body: JSON.stringify({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' }) });
		const message = describeFailedExchange(readFailedExchange(new NodeApiError(node, thrown as unknown as JsonObject)));
		expect(message).not.toContain('must be reconnected');
	});

	it("the app token goes to any loopback listener, n8n's own webhooks included, though its Base URL is HubSpot's (HTTP Request node with this credential)", async () => {
		const credential = new HubspotAssociationsAppTokenApi();
		const data = { appToken: 'pat-na1-secret-app-token', baseUrl: 'https://api.hubapi.com' };
		await expect(credential.authenticate(data, { url: 'http://127.0.0.1:5678/webhook/collect' })).rejects.toThrow();
		await expect(credential.authenticate({ ...data, baseUrl: 'http://localhost:5678' }, { url: 'http://localhost:5678/webhook/collect' })).rejects.toThrow();
		await expect(credential.authenticate({ ...data, baseUrl: 'http://localhost:5678' }, { url: 'http://localhost:5678/crm/../webhook/collect' })).rejects.toThrow();
	});

	it('an object type given by expression, which n8n\'s editor resolves before asking for the list (null when it cannot), is called invalid instead of "needs a fixed type"', async () => {
		for (const unresolved of [null, '']) {
			const parameters: Record<string, unknown> = { resource: 'association', operation: 'batchCreate', fromObjectType: unresolved, toObjectType: 'companies' };
			const context = { getCurrentNodeParameter: (name: string) => parameters[name], getNode: () => node, getNodeParameter: () => 'oAuth2' } as unknown as ILoadOptionsFunctions;
			await expect(getAssociationTypes.call(context)).rejects.toThrow('only for a fixed From Object Type');
		}
	});
});
