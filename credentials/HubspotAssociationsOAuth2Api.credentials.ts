import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

const DEFAULT_SCOPES = [
	'oauth',
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.objects.companies.read',
	'crm.objects.companies.write',
	'crm.objects.deals.read',
	'crm.objects.deals.write',
	'tickets',
	'crm.objects.custom.read',
	'crm.objects.custom.write',
	'crm.schemas.custom.read',
];

export class HubspotAssociationsOAuth2Api implements ICredentialType {
	name = 'hubspotAssociationsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Associations OAuth2 API';

	icon: Icon = { light: 'file:../icons/hubspotAssociations.svg', dark: 'file:../icons/hubspotAssociations.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-associations/n8n-nodes-hubspot-associations#hubspot-app-set-up';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: "HubSpot's API address. Change it only for a proxy or for testing.",
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.hubspot.com/oauth/authorize',
		},
		{
			// Hidden fields keep their default in n8n, so the token URL follows the base URL by expression.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: "={{ ($self.baseUrl || 'https://api.hubapi.com').replace(/\\/+$/, '') }}/oauth/2026-03/token",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPES.join(' '),
			description:
				'Space-separated HubSpot scopes. Keep the write scope of every object type you associate; they must match the scopes of your HubSpot app.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
