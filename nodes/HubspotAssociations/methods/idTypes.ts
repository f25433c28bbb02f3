import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { listIn } from '../helpers/answerShapes';
import { describeFailedExchange } from '../helpers/hubspotErrors';
import { objectTypeName } from '../helpers/objectTypes';
import { RECORD_ID } from '../helpers/recordLookups';
import { parseObjectType } from '../helpers/validation';
import { authenticationOf } from '../transport';
import { clientFor } from './loadOptions';

interface PropertyDefinition {
	name?: string;
	label?: string;
	hasUniqueValue?: boolean;
	archived?: boolean;
}

const RECORD_ID_OPTION: INodePropertyOptions = { name: 'Record ID', value: RECORD_ID, description: "The record's HubSpot ID (hs_object_id)" };

/** The properties that identify a record of the type on one side: documented keys first, then the account's unique ones. */
async function idTypeOptions(context: ILoadOptionsFunctions, side: 'from' | 'to'): Promise<INodePropertyOptions[]> {
	let type: { given: string; pathType: string };
	try {
		type = parseObjectType('Object Type', context.getCurrentNodeParameter(`${side}ObjectType`));
	} catch {
		return [RECORD_ID_OPTION];
	}
	const name = objectTypeName(type.pathType);
	const documented: INodePropertyOptions[] = [];
	if (name === 'contacts') documented.push({ name: 'Email', value: 'email', description: "The contact's primary email, looked up in batches of 100" });
	if (name === 'companies') {
		documented.push({ name: 'Domain', value: 'domain', description: 'Company domain name, searched (several companies may share one: such items fail)' });
	}

	const client = clientFor(context);
	const answer = await client.request({ method: 'GET', path: `/crm/properties/${client.settings.apiVersion}/${encodeURIComponent(type.pathType)}` });
	if (!answer.ok) {
		return [
			RECORD_ID_OPTION,
			...documented,
			{
				name: '(Unique Properties Could Not Be Loaded)',
				value: RECORD_ID,
				description: `${describeFailedExchange(answer, authenticationOf(context))}. Name a property by expression instead.`,
			},
		];
	}
	const listed = new Set(documented.map((option) => option.value));
	const unique = listIn<PropertyDefinition>((answer.body as { results?: unknown } | undefined)?.results)
		.filter((property) => property?.hasUniqueValue === true && !property.archived && typeof property.name === 'string' && !listed.has(property.name))
		.filter((property) => property.name !== 'hs_object_id')
		.map((property) => ({
			name: property.label ? `${property.label} (${property.name})` : property.name!,
			value: property.name!,
			description: `A unique property of ${type.given}, looked up in batches of 100`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [RECORD_ID_OPTION, ...documented, ...unique];
}

export async function getFromIdTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await idTypeOptions(this, 'from');
}

export async function getToIdTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await idTypeOptions(this, 'to');
}
