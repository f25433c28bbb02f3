import type { HubSpotBatchError } from './interfaces';

/** `MultiAssociatedObjectWithLabel`: one associated record and its types. */
export interface AssociatedRecord {
	toObjectId: string | number;
	associationTypes?: Array<{ category: string; typeId: number; label?: string | null }>;
}

/** `PublicAssociationMultiWithLabel`: one page of a from-record's associations. */
export interface AssociationPage {
	from?: { id?: string | number };
	to?: AssociatedRecord[];
	paging?: { next?: { after?: string } };
}

/** All pages of one from-record, gathered. */
export interface AssociationsOfRecord {
	fromObjectId: string;
	toObjectId: '';
	associations: AssociatedRecord[];
}

// HubSpot reports a record without associations of the asked type as an error, not an empty list.
const NO_ASSOCIATIONS = /\bno\b.*\bassociat|\bassociations? not found/i;

export function isNoAssociationsError(error: HubSpotBatchError): boolean {
	return NO_ASSOCIATIONS.test(error.message ?? '');
}

/** Folds pages into the records read so far; returns the cursors still to follow. */
export function gatherPages(
	gathered: Map<string, AssociatedRecord[]>,
	pages: AssociationPage[],
	seenCursors: Set<string>,
): Array<{ id: string; after: string }> {
	const next: Array<{ id: string; after: string }> = [];
	for (const page of pages) {
		if (page?.from?.id === undefined) continue;
		const id = String(page.from.id);
		gathered.set(id, [...(gathered.get(id) ?? []), ...(page.to ?? [])]);
		const after = page.paging?.next?.after;
		// A cursor seen before would loop forever: stop following it.
		if (after && !seenCursors.has(`${id}:${after}`)) {
			seenCursors.add(`${id}:${after}`);
			next.push({ id, after });
		}
	}
	return next;
}
