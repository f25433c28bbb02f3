import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';
import { BASE_URL_DESCRIPTION, TOKEN_URL_EXPRESSION } from '../nodes/HubspotAssociations/helpers/baseUrl';

/** Scopes every run needs; HubSpot refuses to install the app without them. */
export const REQUIRED_SCOPES = [
	'oauth',
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.objects.companies.read',
	'crm.objects.companies.write',
];

/**
 * Scopes of object types some portals lack (custom objects need Enterprise): asked for in HubSpot's
 * `optional_scope`, which grants those the portal has and drops the rest instead of failing.
 */
export const OPTIONAL_SCOPES = [
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

	// n8n's editor derives the app name from this minus "OAuth2 API": its redirect URL hint reads
	// "In HubSpot CRM, use the URL above…" and a new credential is named "HubSpot CRM account".
	displayName = 'HubSpot CRM OAuth2 API';

	icon: Icon = { light: 'file:../icons/hubspotAssociations.svg', dark: 'file:../icons/hubspotAssociations.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-associations/n8n-nodes-hubspot-associations#set-up';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.hubspot.com/oauth/authorize',
		},
		{
			// Hidden fields keep their default in n8n, so the token URL follows the base URL by expression,
			// and only where the base URL may point: the refresh token and client secret go to HubSpot.
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: TOKEN_URL_EXPRESSION,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: REQUIRED_SCOPES.join(' '),
			description:
				'Space-separated scopes the connection cannot work without: mark them Required in your HubSpot app. A portal that lacks one cannot connect.',
		},
		{
			displayName: 'Optional Scope',
			name: 'optionalScope',
			type: 'string',
			default: OPTIONAL_SCOPES.join(' '),
			description:
				"Space-separated scopes to get where the portal has them (deals, tickets, custom objects): mark them Optional in your HubSpot app. HubSpot grants those the portal's tier allows and drops the rest.",
		},
		{
			// n8n adds these to the authorization URL, where HubSpot reads `optional_scope`. Hidden fields
			// keep their default, so it is computed from the field above (minus what Scope already asks).
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default:
				"={{ (optional => optional ? 'optional_scope=' + encodeURIComponent(optional) : '')(String($self.optionalScope || '').split(/\\s+/).filter(scope => scope && !String($self.scope || '').split(/\\s+/).includes(scope)).join(' ')) }}",
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			// The editor lists inherited fields (Client ID, Client Secret, Scope) in oAuth2Api's order first,
			// then the ones only this credential has: Optional Scope, then Base URL.
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: BASE_URL_DESCRIPTION,
		},
	];
}
