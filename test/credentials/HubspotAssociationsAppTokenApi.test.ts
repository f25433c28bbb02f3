import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { HubspotAssociationsAppTokenApi } from '../../credentials/HubspotAssociationsAppTokenApi.credentials';
import { HubspotAssociations } from '../../nodes/HubspotAssociations/HubspotAssociations.node';

const credential = new HubspotAssociationsAppTokenApi();
const field = (name: string) => credential.properties.find((p) => p.name === name) as INodeProperties;

describe('the app-token credential', () => {
	it('keeps its type name and field names: saved credentials and workflows go on working', () => {
		expect(credential.name).toBe('hubspotAssociationsAppTokenApi');
		expect(credential.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['appToken', 'baseUrl']));
	});

	it("says in its name it takes a service key as well as an app's token", () => {
		expect(credential.displayName).toBe('HubSpot CRM Service Key or App Token API');
	});

	it("tells where each kind of token comes from: a service key, a static-auth project app's token, a legacy private app's token", () => {
		const description = String(field('appToken').description);
		expect(description).toMatch(/service key.*Development → Keys → Service keys/);
		expect(description).toMatch(/static.*Distribution tab/);
		expect(description).toMatch(/legacy private app/);
		expect(description).toMatch(/scopes/);
		expect(field('appToken').displayName).toBe('Service Key or App Token');
		expect(field('appToken').typeOptions).toEqual({ password: true });
	});

	it('links its documentation to the README section on that path', () => {
		expect(credential.documentationUrl).toMatch(/#set-up$/);
	});

	it('still checks the token with a read of the contacts→companies labels when Test is clicked, signed as a Bearer token', async () => {
		expect(credential.test.request.url).toBe('/crm/associations/2026-03/contacts/companies/labels');
		const signed = await credential.authenticate({ appToken: 'token-value' }, { url: 'https://api.hubapi.com/crm/associations/2026-03/contacts/companies/labels', headers: {} });
		expect(signed.headers).toEqual({ Authorization: 'Bearer token-value' });
	});

	it("sends the token to a loopback address only on HubSpot's API paths: n8n's own webhooks there would show it (HTTP Request node with this credential)", async () => {
		const data = { appToken: 'pat-na1-secret-app-token', baseUrl: 'https://api.hubapi.com' };
		await expect(credential.authenticate(data, { url: 'http://127.0.0.1:5678/webhook/collect' })).rejects.toThrow(
			"The credential's token goes to a loopback address (http://127.0.0.1:5678) only on HubSpot's API paths (/crm/…), not to /webhook/collect",
		);
		const simulator = { ...data, baseUrl: 'http://localhost:5678' };
		await expect(credential.authenticate(simulator, { url: 'http://localhost:5678/webhook/collect' })).rejects.toThrow(/only on HubSpot's API paths/);
		await expect(credential.authenticate(simulator, { url: 'http://localhost:5678/crm/../webhook/collect' })).rejects.toThrow(/only on HubSpot's API paths/);
		await expect(credential.authenticate(simulator, { url: 'http://localhost:5678/crm/%2E%2e/webhook/collect' })).rejects.toThrow(/only on HubSpot's API paths/);
		await expect(credential.authenticate(simulator, { baseURL: 'http://localhost:5678', url: 'webhook/collect' })).rejects.toThrow(/only on HubSpot's API paths/);
		await expect(credential.authenticate(simulator, { baseURL: 'http://localhost:5678', url: '/crm/associations/2026-03/contacts/companies/labels' })).resolves.toMatchObject({
			headers: { Authorization: 'Bearer pat-na1-secret-app-token' },
		});
		await expect(credential.authenticate(data, { url: 'https://api.hubapi.com/crm-object-schemas/2026-03/schemas' })).resolves.toMatchObject({ headers: { Authorization: 'Bearer pat-na1-secret-app-token' } });
	});

	it("is offered in the node as 'Service Key or App Token', the value saved in workflows unchanged", () => {
		const authentication = new HubspotAssociations().description.properties.find((p) => p.name === 'authentication') as INodeProperties;
		expect(authentication.options).toContainEqual({ name: 'Service Key or App Token', value: 'appToken' } as INodePropertyOptions);
	});
});
