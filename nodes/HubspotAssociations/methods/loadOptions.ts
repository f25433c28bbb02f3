import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { describeFailedExchange } from '../helpers/hubspotErrors';
import { associationTypeOptions, type AssociationLabel } from '../helpers/associationLabels';
import { parseObjectType } from '../helpers/validation';
import { API_VERSIONS, createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type ApiVersion } from '../transport';

function apiVersion(context: ILoadOptionsFunctions): ApiVersion {
	const chosen = (context.getCurrentNodeParameter('options') as { apiVersion?: string } | undefined)?.apiVersion;
	return (API_VERSIONS as readonly string[]).includes(chosen ?? '') ? (chosen as ApiVersion) : DEFAULT_CLIENT_SETTINGS.apiVersion;
}

export async function getAssociationTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const from = parseObjectType('From Object Type', this.getCurrentNodeParameter('fromObjectType'));
	const to = parseObjectType('To Object Type', this.getCurrentNodeParameter('toObjectType'));
	const client = createHubSpotClient(this, { ...DEFAULT_CLIENT_SETTINGS, apiVersion: apiVersion(this) });
	const answer = await client.request({ method: 'GET', path: client.associationsPath(from.pathType, to.pathType, 'labels') });
	if (!answer.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not load the association types from ${from.given} to ${to.given}: ${describeFailedExchange(answer)}`,
		);
	}
	const results = ((answer.body as { results?: AssociationLabel[] })?.results ?? []).filter(Boolean);
	if (results.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`HubSpot lists no association types from ${from.given} to ${to.given}: check the direction, or set the types with an expression`,
		);
	}
	return associationTypeOptions(results);
}
