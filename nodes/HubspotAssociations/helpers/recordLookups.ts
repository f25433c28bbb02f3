import type { IDataObject } from 'n8n-workflow';
import type { AssociationRequest } from './interfaces';
import { objectTypeName } from './objectTypes';
import { InvalidInputError, showValue } from './validation';

/** The id type of a record given by its HubSpot record id, as every workflow before lookups did. */
export const RECORD_ID = 'id';

/** A record named by one of its property values instead of its id. */
export interface RecordLookup {
	property: string;
	/** The value looked up: trimmed, and for domains normalised (`https://Acme.com/x` → `acme.com`). */
	value: string;
	/** The value as the item gave it, when normalising changed it (for error messages). */
	given?: string;
}

// HubSpot's internal property names: letters, digits and underscores.
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** The id type of a side: `id`, or the internal name of the property its value holds. */
export function parseIdType(field: string, value: unknown): string {
	if (value === undefined || value === null || value === '') return RECORD_ID;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		// HubSpot's own name for the record id is the record id.
		if (trimmed === RECORD_ID || trimmed === 'hs_object_id') return RECORD_ID;
		if (PROPERTY_NAME.test(trimmed)) return trimmed;
	}
	throw new InvalidInputError(field, `must be "id" or a property's internal name such as "email" or "domain", got ${showValue(value)}`);
}

/**
 * A company domain as HubSpot stores it: scheme, credentials, path, query and port dropped,
 * host lower-cased. `www.` stays: HubSpot keeps it when given and so may the account's records.
 */
export function normaliseDomain(value: string): string {
	let host = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
	host = host.split(/[/?#]/)[0];
	host = host.slice(host.lastIndexOf('@') + 1);
	host = host.replace(/:\d*$/, '');
	return host.replace(/\.$/, '').toLowerCase();
}

/** The value of a looked-up side, read from the item's record ID field. */
export function parseLookupValue(field: string, property: string, value: unknown): RecordLookup {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || text === '') {
		throw new InvalidInputError(field, `must hold the record's ${property} (text), got ${showValue(value)}`);
	}
	if (property !== 'domain') return { property, value: text };
	const domain = normaliseDomain(text);
	if (domain === '') throw new InvalidInputError(field, `must hold a company domain such as "acme.com", got ${showValue(value)}`);
	return domain === text ? { property, value: domain } : { property, value: domain, given: text };
}

/** How a value is looked up: by batch read (a unique property) or by search (any other). */
export type LookupMethod = 'batchRead' | 'search';

/**
 * The method HubSpot's documentation settles without asking the account: contacts' email is the
 * unique key batch read takes; companies' domain is not unique. Others follow `hasUniqueValue`.
 */
export function knownLookupMethod(pathType: string, property: string): LookupMethod | undefined {
	const type = objectTypeName(pathType);
	if (type === 'contacts' && property === 'email') return 'batchRead';
	if (type === 'companies' && property === 'domain') return 'search';
	return undefined;
}

/**
 * Two values that name the same record share a key: emails regardless of case, searched values
 * lower-cased (HubSpot matches IN filters on lower-cased strings), other unique values as given.
 */
export function lookupKey(method: LookupMethod, property: string, value: string): string {
	return method === 'search' || property === 'email' ? value.toLowerCase() : value;
}

/** "contact" / "contacts", or "2-123 record(s)" for types without a standard name. */
function nouns(objectType: string, pathType: string): { one: string; many: string } {
	const name = objectTypeName(pathType);
	if (!name) return { one: `${objectType} record`, many: `${objectType} records` };
	const many = name.replace(/_/g, ' ');
	const one = many.endsWith('ies') ? `${many.slice(0, -3)}y` : many.endsWith('s') ? many.slice(0, -1) : many;
	return { one, many };
}

const SHOWN_IDS = 10;

function shownValue(lookup: RecordLookup): string {
	return lookup.given ? `${lookup.value} (from ${showValue(lookup.given)})` : lookup.value;
}

/** `no contact has email x@y.z` */
export function notFoundMessage(objectType: string, pathType: string, lookup: RecordLookup): string {
	return `no ${nouns(objectType, pathType).one} has ${lookup.property} ${shownValue(lookup)}`;
}

/** `2 companies have domain acme.com: 123, 456` */
export function ambiguousMessage(objectType: string, pathType: string, lookup: RecordLookup, ids: string[], total = ids.length): string {
	const shown = ids.slice(0, SHOWN_IDS).join(', ');
	const more = total > SHOWN_IDS ? `, … (${total - SHOWN_IDS} more)` : '';
	return `${total} ${nouns(objectType, pathType).many} have ${lookup.property} ${shownValue(lookup)}: ${shown}${more}`;
}

/** What a looked-up side was found by, e.g. `fromLookup: { property: "email", value: "ada@example.com" }`. */
export function lookupOutput(request: AssociationRequest): IDataObject {
	const shown = (lookup: RecordLookup) => ({ property: lookup.property, value: lookup.value });
	return {
		...(request.fromLookup ? { fromLookup: shown(request.fromLookup) } : {}),
		...(request.toLookup ? { toLookup: shown(request.toLookup) } : {}),
	};
}
