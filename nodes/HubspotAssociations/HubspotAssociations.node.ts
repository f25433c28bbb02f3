import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as association from './actions/association';
import * as label from './actions/label';
import { hubspotCredentials } from './actions/authenticationFields';
import { router } from './actions/router';
import { NODE_SUBTITLE } from './actions/subtitle';
import { toolDescriptionFields } from './actions/toolDescription';
import { getFromIdTypes, getToIdTypes } from './methods/idTypes';
import { getAssociationTypes, getObjectTypes, getUserDefinedLabels } from './methods/loadOptions';

export class HubspotAssociations implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Associations',
		name: 'hubspotAssociations',
		icon: { light: 'file:../../icons/hubspotAssociations.svg', dark: 'file:../../icons/hubspotAssociations.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: NODE_SUBTITLE,
		description: 'Create, read, sync and remove HubSpot CRM associations and their labels in bulk, records given by ID, email or domain; one result per input item',
		defaults: { name: 'HubSpot Associations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: hubspotCredentials,
		properties: [
			...toolDescriptionFields,
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'OAuth2', value: 'oAuth2' },
					{ name: 'Service Key or App Token', value: 'appToken' },
				],
				default: 'oAuth2',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Association', value: 'association' },
					{ name: 'Association Label', value: 'label' },
				],
				default: 'association',
			},
			...association.description,
			...label.description,
		],
	};

	methods = { loadOptions: { getAssociationTypes, getObjectTypes, getUserDefinedLabels, getFromIdTypes, getToIdTypes } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
