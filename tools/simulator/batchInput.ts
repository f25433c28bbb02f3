import type { AssociationCategory } from './associationDefinitions';
import { badRequest } from './hubspotErrors';

/**
 * Reads batch request bodies the way HubSpot's deserializer does: a missing required
 * attribute rejects the whole request with "Cannot build X, some of required attributes are not set".
 */

const CATEGORIES: readonly string[] = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK'];

export interface RequestedType {
	associationCategory: AssociationCategory;
	associationTypeId: number;
}

function missing(component: string, attribute: string): Error {
	return badRequest(`Invalid input JSON: Cannot build ${component}, some of required attributes are not set [${attribute}]`);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `inputs` array of a batch body, rejected above `maxInputs` as HubSpot does. */
export function batchInputs(body: unknown, component: string, maxInputs?: number): unknown[] {
	if (!isObject(body) || !Array.isArray(body.inputs)) throw missing(component, 'inputs');
	if (maxInputs !== undefined && body.inputs.length > maxInputs) {
		throw badRequest(`Too many inputs: ${body.inputs.length}. At most ${maxInputs} inputs are allowed per request.`, {
			maxInputs: [String(maxInputs)],
			numInputs: [String(body.inputs.length)],
		});
	}
	return body.inputs;
}

export function field(input: unknown, component: string, attribute: string): unknown {
	if (!isObject(input) || input[attribute] === undefined || input[attribute] === null) throw missing(component, attribute);
	return input[attribute];
}

/** `{id}` objects; HubSpot coerces numeric ids to strings. */
export function objectId(value: unknown, component = 'PublicObjectId'): string {
	const id = field(value, component, 'id');
	if (typeof id !== 'string' && typeof id !== 'number') throw badRequest(`Invalid input JSON: ${component}.id must be a string`);
	return String(id);
}

export function requestedTypes(input: unknown, component: string): RequestedType[] {
	const types = field(input, component, 'types');
	if (!Array.isArray(types)) throw badRequest(`Invalid input JSON: ${component}.types must be an array`);
	return types.map((type) => {
		const category = field(type, 'AssociationSpec', 'associationCategory');
		const typeId = field(type, 'AssociationSpec', 'associationTypeId');
		if (typeof category !== 'string' || !CATEGORIES.includes(category)) {
			throw badRequest(`Invalid input JSON: associationCategory must be one of ${CATEGORIES.join(', ')}`);
		}
		if (typeof typeId !== 'number' || !Number.isInteger(typeId)) throw badRequest('Invalid input JSON: associationTypeId must be an integer');
		return { associationCategory: category as AssociationCategory, associationTypeId: typeId };
	});
}
