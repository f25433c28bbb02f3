import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { listIn } from '../helpers/answerShapes';
import { associationTypeOptions, type AssociationLabel } from '../helpers/associationLabels';
import { describeFailedExchange } from '../helpers/hubspotErrors';
import { STANDARD_OBJECT_TYPES } from '../helpers/objectTypes';
import { parseObjectType } from '../helpers/validation';
import { API_VERSIONS, authenticationOf, createHubSpotClient, DEFAULT_CLIENT_SETTINGS, type ApiVersion } from '../transport';

export function clientFor(context: ILoadOptionsFunctions) {
	const chosen = (context.getCurrentNodeParameter('options') as { apiVersion?: string } | undefined)?.apiVersion;
	const apiVersion = (API_VERSIONS as readonly string[]).includes(chosen ?? '') ? (chosen as ApiVersion) : DEFAULT_CLIENT_SETTINGS.apiVersion;
	return createHubSpotClient(context, { ...DEFAULT_CLIENT_SETTINGS, apiVersion, maxRetries: 1 });
}

interface ObjectSchema {
	objectTypeId: string;
	fullyQualifiedName?: string;
	labels?: { singular?: string; plural?: string };
	archived?: boolean;
}

/** The standard object types, then the account's custom objects (when the credential may read them). */
export async function getObjectTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const standard = STANDARD_OBJECT_TYPES.map((type) => ({
		name: type.label,
		value: type.pathName ?? type.objectTypeId,
		description: `Object type ID ${type.objectTypeId}`,
	}));
	const client = clientFor(this);
	const answer = await client.request({ method: 'GET', path: `/crm-object-schemas/${client.settings.apiVersion}/schemas` });
	if (!answer.ok) {
		// The standard types still work; say why the custom ones are missing instead of failing the list.
		return [
			...standard,
			{
				name: '(Custom Objects Could Not Be Loaded)',
				value: '',
				description: `${describeFailedExchange(answer, authenticationOf(this))}. Use an expression with the type ID (e.g. 2-123456).`,
			},
		];
	}
	const schemas = listIn<ObjectSchema>((answer.body as { results?: unknown } | undefined)?.results).filter((schema) => schema?.objectTypeId && !schema.archived);
	const custom = schemas
		.map((schema) => ({
			name: `${schema.labels?.plural ?? schema.labels?.singular ?? schema.fullyQualifiedName ?? schema.objectTypeId} (Custom)`,
			value: schema.objectTypeId,
			description: `Custom object type ID ${schema.objectTypeId}${schema.fullyQualifiedName ? `, ${schema.fullyQualifiedName}` : ''}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [...standard, ...custom];
}

/**
 * An object type parameter of the dropdown's direction; an expression has no value until the node
 * runs (n8n's editor sends what it could resolve from the input it has seen: nothing, often).
 */
function fixedObjectType(context: ILoadOptionsFunctions, name: 'fromObjectType' | 'toObjectType', label: string) {
	const value = context.getCurrentNodeParameter(name);
	if (value === undefined || value === null || value === '' || (typeof value === 'string' && value.startsWith('='))) {
		throw new NodeOperationError(
			context.getNode(),
			`The association types can be listed only for a fixed ${label}: pick one from the list, or give the association types by expression too`,
		);
	}
	return parseObjectType(label, value);
}

/** The association types of the chosen direction, or an error the editor shows. */
async function directionLabels(context: ILoadOptionsFunctions): Promise<{ labels: AssociationLabel[]; from: string; to: string }> {
	const from = fixedObjectType(context, 'fromObjectType', 'From Object Type');
	const to = fixedObjectType(context, 'toObjectType', 'To Object Type');
	const client = clientFor(context);
	const answer = await client.request({ method: 'GET', path: client.associationsPath(from.pathType, to.pathType, 'labels') });
	if (!answer.ok) {
		const unsupported = answer.statusCode === 400 || answer.statusCode === 404;
		throw new NodeOperationError(
			context.getNode(),
			unsupported
				? `HubSpot does not support associations from ${from.given} to ${to.given}: ${describeFailedExchange(answer, authenticationOf(context))}`
				: `Could not load the association types from ${from.given} to ${to.given}: ${describeFailedExchange(answer, authenticationOf(context))}`,
		);
	}
	// An entry that is not an object names no type; a label that is not text is shown as such, never "[object Object]".
	const labels = listIn<unknown>((answer.body as { results?: unknown } | undefined)?.results)
		.filter((entry): entry is AssociationLabel => typeof entry === 'object' && entry !== null)
		.map((entry) => (entry.label === undefined || entry.label === null || typeof entry.label === 'string' ? entry : { ...entry, label: '(a label HubSpot did not give as text)' }));
	return { labels, from: from.given, to: to.given };
}

/** The association types HubSpot defines for exactly the chosen direction. */
export async function getAssociationTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { labels: results, from, to } = await directionLabels(this);
	if (results.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`HubSpot lists no association types from ${from} to ${to}: check the direction, or set the types with an expression`,
		);
	}
	return associationTypeOptions(results);
}

/** The labels created in the account for the chosen direction: the ones that can be renamed or deleted. */
export async function getUserDefinedLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { labels } = await directionLabels(this);
	return labels
		.filter((label) => label.category === 'USER_DEFINED')
		.sort((a, b) => a.typeId - b.typeId)
		.map((label) => ({ name: `${label.label ?? '(no text)'} (${label.typeId})`, value: label.typeId }));
}
