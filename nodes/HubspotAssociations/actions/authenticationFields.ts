import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * Which of the package's two credentials a node uses. The action node keeps its own copy of the field
 * inline (it shares `hubspotCredentials`): eslint-plugin-n8n-nodes-base's subtitle rule misreads a
 * description whose first properties are spread in.
 */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'OAuth2', value: 'oAuth2' },
		{ name: 'Service Key or App Token', value: 'appToken' },
	],
	default: 'oAuth2',
};

export const hubspotCredentials: INodeCredentialDescription[] = [
	{ name: 'hubspotAssociationsOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'hubspotAssociationsAppTokenApi', required: true, displayOptions: { show: { authentication: ['appToken'] } } },
];
