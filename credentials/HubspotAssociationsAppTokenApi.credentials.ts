import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class HubspotAssociationsAppTokenApi implements ICredentialType {
	name = 'hubspotAssociationsAppTokenApi';

	displayName = 'HubSpot CRM App Token API';

	icon: Icon = { light: 'file:../icons/hubspotAssociations.svg', dark: 'file:../icons/hubspotAssociations.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-associations/n8n-nodes-hubspot-associations#private-app-token';

	properties: INodeProperties[] = [
		{
			displayName: 'App Token',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The access token of a HubSpot private app (or a service key), with the write scopes of the object types you associate",
		},
		{
			displayName: 'App Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'App client secret: only for the HubSpot Associations Trigger, which checks with it that each delivery comes from your app',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: "HubSpot's API address. Change it only for a proxy or for testing.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.appToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ ($credentials.baseUrl || 'https://api.hubapi.com').replace(/\\/+$/, '') }}",
			url: '/crm/associations/2026-03/contacts/companies/labels',
		},
	};
}
