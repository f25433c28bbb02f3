import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, Icon, INodeProperties } from 'n8n-workflow';
import { BASE_URL_EXPRESSION, BASE_URL_DESCRIPTION, mayCarryToken } from '../nodes/HubspotAssociations/helpers/baseUrl';

export class HubspotAssociationsAppTokenApi implements ICredentialType {
	name = 'hubspotAssociationsAppTokenApi';

	// n8n names a new credential from this minus "API": "HubSpot CRM Service Key or App Token account".
	displayName = 'HubSpot CRM Service Key or App Token API';

	icon: Icon = { light: 'file:../icons/hubspotAssociations.svg', dark: 'file:../icons/hubspotAssociations.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-associations/n8n-nodes-hubspot-associations#set-up';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Key or App Token',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"A HubSpot service key (Development → Keys → Service keys), the access token of a static-auth project app (its Distribution tab) or of a legacy private app. Give it the read and write scopes of the object types you associate.",
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
			description: BASE_URL_DESCRIPTION,
		},
	];

	/** n8n signs every request with this, the Test included: the token goes only where the Base URL may point. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const allowed = mayCarryToken(requestOptions);
		if (!allowed.ok) throw new Error(allowed.message);
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.appToken ?? '')}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/crm/associations/2026-03/contacts/companies/labels',
		},
	};
}
