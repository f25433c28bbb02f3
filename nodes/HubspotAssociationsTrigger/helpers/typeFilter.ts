import { sameLabelText } from '../../HubspotAssociations/helpers/labelNames';
import { parseAssociationTypesOrNames, type ParsedAssociationTypes } from '../../HubspotAssociations/helpers/validation';
import type { ResolvedType } from './orientation';

/** The Association Types filter: `CATEGORY:id` codes and label texts; undefined lets every type through. */
export type TypeFilter = ParsedAssociationTypes | undefined;

export const ASSOCIATION_TYPES_FIELD = 'Association Types (associationTypes)';

/** Reads the filter in the action node's forms; an empty list means every type. Throws InvalidInputError. */
export function parseTypeFilter(value: unknown): TypeFilter {
	const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
	return empty ? undefined : parseAssociationTypesOrNames(ASSOCIATION_TYPES_FIELD, value);
}

/**
 * Whether an event's type passes. A type that could not be read (the labels endpoint failed) is let
 * through rather than lost: the item then says `label: null` / `associationTypeId: null`; so is any type
 * when label texts are asked for and the labels could not be read (`labelsRead` false).
 */
export function passesTypeFilter(type: ResolvedType, filter: TypeFilter, labelsRead = true): boolean {
	if (!filter) return true;
	if (type.associationTypeId === null) return true;
	if (!labelsRead && filter.labelNames.length > 0) return true;
	if (filter.types.some((spec) => spec.associationCategory === type.associationCategory && spec.associationTypeId === type.associationTypeId)) return true;
	return type.label !== null && filter.labelNames.some((name) => sameLabelText(name, type.label ?? ''));
}
