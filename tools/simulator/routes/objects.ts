import { batchInputs, objectId } from '../batchInput';
import { badRequest, standardError } from '../hubspotErrors';
import { idFromPropertyValue, propertyValue, type ObjectTypeInfo } from '../objectTypes';
import { batchTimes, json, type Route } from '../routing';
import type { SimulatorState } from '../state';
import { objectTypeOrReject } from './associationPath';

const MAX_INPUTS = 100;
/** Every seeded record was created at the same moment; the dates only need to be well-formed. */
const SEEDED_AT = '2025-01-01T00:00:00.000Z';

/**
 * `POST /crm/objects/{version}/{objectType}/batch/read`: records by id or by a unique property
 * (`idProperty`). Values that name no record are grouped into one OBJECT_NOT_FOUND error.
 */
export const objectsBatchReadRoute: Route = {
	method: 'POST',
	pattern: /^\/crm\/objects\/(2026-03|2026-09)\/([^/]+)\/batch\/read$/,
	kind: 'objects/batch/read',
	crm: true,
	handle(request, [, objectType], { state, random }) {
		const startedAt = new Date();
		const type = objectTypeOrReject(objectType);
		const body = request.body as { idProperty?: unknown; properties?: unknown };
		const values = batchInputs(body, 'BatchReadInputSimplePublicObjectId', MAX_INPUTS).map((input) => objectId(input, 'SimplePublicObjectId'));
		const lookup = lookupProperty(type, body.idProperty);
		const requested = Array.isArray(body.properties) ? body.properties.filter((name): name is string => typeof name === 'string') : [];

		const results = [];
		const missing: string[] = [];
		for (const value of values) {
			const id = idFor(state, type, lookup, value);
			if (id === undefined) missing.push(value);
			else results.push(recordFor(type, id, requested));
		}
		const errors = missing.length === 0 ? [] : [notFoundError(type, missing)];
		return json(errors.length > 0 ? 207 : 200, {
			status: 'COMPLETE',
			results: random.shuffle(results),
			...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
			...batchTimes(startedAt),
		});
	},
};

function lookupProperty(type: ObjectTypeInfo, idProperty: unknown) {
	if (idProperty === undefined || idProperty === null || idProperty === '' || idProperty === 'hs_object_id') return undefined;
	const property = type.properties.find((candidate) => candidate.name === idProperty);
	if (!property?.hasUniqueValue) {
		throw badRequest(`${String(idProperty)} is not a unique property of ${type.errorName}`, { idProperty: [String(idProperty)] });
	}
	return property;
}

function idFor(state: SimulatorState, type: ObjectTypeInfo, lookup: ReturnType<typeof lookupProperty>, value: string): string | undefined {
	const id = lookup ? idFromPropertyValue(lookup, value) : value;
	return id !== undefined && state.records.exists(type, id) ? id : undefined;
}

function recordFor(type: ObjectTypeInfo, id: string, requested: string[]) {
	const properties: Record<string, string> = { createdate: SEEDED_AT, hs_lastmodifieddate: SEEDED_AT, hs_object_id: id };
	for (const property of type.properties) if (requested.includes(property.name)) properties[property.name] = propertyValue(property, id);
	return { id, properties, createdAt: SEEDED_AT, updatedAt: SEEDED_AT, archived: false };
}

function notFoundError(type: ObjectTypeInfo, missing: string[]) {
	return standardError('OBJECT_NOT_FOUND', `Could not get some ${type.errorName} objects, they may be deleted or not exist. Check that ids are valid.`, {
		ids: missing,
	});
}
