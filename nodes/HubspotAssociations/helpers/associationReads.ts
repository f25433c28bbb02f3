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
	return typeof error.message === 'string' && NO_ASSOCIATIONS.test(error.message);
}

const RECORD_KEYS = ['toObjectId', 'associationTypes'];
const TYPE_KEYS = ['category', 'typeId'];
const LABELLED_TYPE_KEYS = ['category', 'typeId', 'label'];

/** Whether `object`'s own keys are exactly `keys`, in that order (no array is built per object). */
function hasKeys(object: object, keys: readonly string[]): boolean {
	let at = 0;
	for (const key in object) if (key !== keys[at++]) return false;
	return at === keys.length;
}

type AssociationType = NonNullable<AssociatedRecord['associationTypes']>[number];

function outputType(type: AssociationType): AssociationType {
	const { category, typeId, label } = type;
	return label ? { category, typeId, label } : { category, typeId };
}

const inOutputForm = (type: AssociationType) => hasKeys(type, TYPE_KEYS) || (hasKeys(type, LABELLED_TYPE_KEYS) && typeof type.label === 'string' && type.label !== '');

/**
 * A from-record's associations as an item's output gives them: `toObjectId` a string, a type's
 * label only where it has one, keys in that order. `owned`: the records were parsed for this item
 * alone, so what is already in that form is handed over instead of copied (and the rest fixed in
 * place): on a large read they are most of the output, and copying them doubled what a run
 * allocated. Records shared with another item are copied, as later nodes may change them.
 */
export function outputAssociations(records: AssociatedRecord[], owned: boolean): AssociatedRecord[] {
	if (!owned) return records.map((record) => ({ toObjectId: String(record.toObjectId), associationTypes: (record.associationTypes ?? []).map(outputType) }));
	for (let at = 0; at < records.length; at++) {
		const record = records[at];
		const types = record.associationTypes;
		if (!hasKeys(record, RECORD_KEYS) || !Array.isArray(types)) {
			records[at] = { toObjectId: String(record.toObjectId), associationTypes: (types ?? []).map(outputType) };
			continue;
		}
		if (typeof record.toObjectId !== 'string') record.toObjectId = String(record.toObjectId);
		if (!types.every(inOutputForm)) record.associationTypes = types.map((type) => (inOutputForm(type) ? type : outputType(type)));
	}
	return records;
}
