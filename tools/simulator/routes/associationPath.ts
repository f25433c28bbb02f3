import type { DirectionalType } from '../associationDefinitions';
import type { RecordRef } from '../associationStore';
import { badRequest, standardError, type StandardError } from '../hubspotErrors';
import { resolveObjectType, type ObjectTypeInfo } from '../objectTypes';
import type { SimulatorState } from '../state';

/** `/crm/associations/{version}/{fromObjectType}/{toObjectType}`; both versions are served. */
export const ASSOCIATIONS_PATH = '^/crm/associations/(2026-03|2026-09)/([^/]+)/([^/]+)';

export type ApiVersion = '2026-03' | '2026-09';

export interface Direction {
	version: ApiVersion;
	from: ObjectTypeInfo;
	to: ObjectTypeInfo;
	unlabeled: DirectionalType;
}

export function objectTypeOrReject(pathName: string): ObjectTypeInfo {
	const type = resolveObjectType(pathName);
	if (!type) throw badRequest(`Unable to infer object type from: ${pathName}`);
	return type;
}

/** Resolves the path's direction; HubSpot rejects a pair of object types that cannot be associated. */
export function direction([version, from, to]: string[], state: SimulatorState): Direction {
	const fromType = objectTypeOrReject(from);
	const toType = objectTypeOrReject(to);
	const unlabeled = state.definitions.unlabeled(fromType.objectTypeId, toType.objectTypeId);
	if (!unlabeled) {
		throw badRequest(`There are no association types from ${fromType.errorName} to ${toType.errorName}.`, {
			fromObjectType: [fromType.objectTypeId],
			toObjectType: [toType.objectTypeId],
		});
	}
	return { version: version as ApiVersion, from: fromType, to: toType, unlabeled };
}

export function fromRef(direction: Direction, id: string): RecordRef {
	return { objectTypeId: direction.from.objectTypeId, id };
}

export function toRef(direction: Direction, id: string): RecordRef {
	return { objectTypeId: direction.to.objectTypeId, id };
}

/** The error HubSpot puts in a batch for ids that name no record (one error per failing input). */
export function invalidIdsError(state: SimulatorState, records: Array<{ type: ObjectTypeInfo; id: string }>): StandardError | undefined {
	const invalid = records.filter(({ type, id }) => !state.records.exists(type, id));
	if (invalid.length === 0) return undefined;
	const named = invalid.map(({ type, id }) => `${type.errorName}=${id} is not valid`);
	return standardError('VALIDATION_ERROR', `One or more object ids are invalid: ${named.join(', ')}`, {
		INVALID_OBJECT_IDS: named,
		objectId: invalid.map(({ id }) => id),
		objectType: invalid.map(({ type }) => type.errorName),
	});
}

/** Types on a pair read from→to, unlabeled first. */
export function typesOnPair(state: SimulatorState, direction: Direction, fromId: string, toId: string): DirectionalType[] {
	const definitions = state.associations.definitionsOn(fromRef(direction, fromId), toRef(direction, toId));
	return [...definitions]
		.map((definition) => state.definitions.directed(definition, direction.from.objectTypeId))
		.sort((x, y) => Number(x.label !== undefined) - Number(y.label !== undefined) || x.typeId - y.typeId);
}

/** Batch answers are `COMPLETE`; errors ride along only when there are some. */
export function withErrors(errors: StandardError[]): { numErrors?: number; errors?: StandardError[] } {
	return errors.length === 0 ? {} : { numErrors: errors.length, errors };
}
