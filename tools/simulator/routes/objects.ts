import { batchInputs, objectId } from '../batchInput';
import { badRequest, standardError } from '../hubspotErrors';
import type { ObjectTypeInfo } from '../objectTypes';
import { batchTimes, json, type Route } from '../routing';
import type { SimulatorState } from '../state';
import { objectTypeOrReject } from './associationPath';
import { recordFor, requestedProperties } from './objectRecords';

const MAX_INPUTS = 100;

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
		const requested = requestedProperties(body.properties);

		const results = [];
		const missing: string[] = [];
		for (const value of values) {
			const id = idFor(state, type, lookup, value);
			if (id === undefined) missing.push(value);
			else results.push(recordFor(state, type, id, requested));
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
	if (!lookup) return state.records.exists(type, value) ? value : undefined;
	// HubSpot finds contacts by email regardless of case.
	return state.properties.find(type, lookup, value, lookup.name === 'email')[0];
}

function notFoundError(type: ObjectTypeInfo, missing: string[]) {
	return standardError('OBJECT_NOT_FOUND', `Could not get some ${type.errorName} objects, they may be deleted or not exist. Check that ids are valid.`, {
		ids: missing,
	});
}
