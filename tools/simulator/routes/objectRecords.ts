import type { ObjectTypeInfo } from '../objectTypes';
import type { SimulatorState } from '../state';

/** Every seeded record was created at the same moment; the dates only need to be well-formed. */
const SEEDED_AT = '2025-01-01T00:00:00.000Z';

/** The property names a read or search asks for. */
export function requestedProperties(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}

/** A record as objects endpoints answer it (`SimplePublicObject`), with the properties asked for. */
export function recordFor(state: SimulatorState, type: ObjectTypeInfo, id: string, requested: string[]) {
	const properties: Record<string, string> = { createdate: SEEDED_AT, hs_lastmodifieddate: SEEDED_AT, hs_object_id: id };
	for (const property of type.properties) if (requested.includes(property.name)) properties[property.name] = state.properties.get(type, id, property);
	return { id, properties, createdAt: SEEDED_AT, updatedAt: SEEDED_AT, archived: false };
}
