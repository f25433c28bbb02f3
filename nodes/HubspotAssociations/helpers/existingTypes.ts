import type { AssociatedRecord } from './associationReads';
import { ASSOCIATION_CATEGORIES, type AssociationCategory, type AssociationSpec } from './interfaces';

const isCategory = (value: unknown): value is AssociationCategory => (ASSOCIATION_CATEGORIES as readonly unknown[]).includes(value);

/**
 * The asked types followed by the types the pair already has (as `batch/read` reported them for
 * the from-record), without duplicates: sent together, HubSpot's replace keeps every label.
 */
export function withExistingTypes(asked: AssociationSpec[], associated: AssociatedRecord[] | undefined, toObjectId: string): AssociationSpec[] {
	const types = [...asked];
	const known = new Set(asked.map((spec) => `${spec.associationCategory}:${spec.associationTypeId}`));
	const pair = associated?.find((record) => String(record.toObjectId) === toObjectId);
	for (const { category, typeId } of pair?.associationTypes ?? []) {
		const key = `${category}:${typeId}`;
		if (!isCategory(category) || !Number.isSafeInteger(typeId) || known.has(key)) continue;
		known.add(key);
		types.push({ associationCategory: category, associationTypeId: typeId });
	}
	return types;
}
