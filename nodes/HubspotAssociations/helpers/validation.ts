import { toPathObjectType } from './objectTypes';
import { ASSOCIATION_CATEGORIES, type AssociationCategory, type AssociationSpec } from './interfaces';

/** A parameter value of one item that cannot be sent to HubSpot. Pure: the caller adds the item. */
export class InvalidInputError extends Error {
	/** The item's from-record, when it was read before this field failed: a sync keeps that record's unlisted pairs. */
	fromRecordId?: string;

	constructor(
		readonly field: string,
		readonly reason: string,
	) {
		super(`${field} ${reason}`);
	}
}

const MAX_SHOWN = 60;

/** The value as it should appear in an error message: quoted, short, never an object dump. */
export function showValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (value === '') return 'an empty value';
	const text = typeof value === 'string' ? value : toText(value);
	const short = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
	return typeof value === 'string' ? `"${short}"` : short;
}

// JSON shows NaN as null and throws on bigints and circular objects: none of that may hide the real error.
function toText(value: unknown): string {
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

const RECORD_ID = /^\d{1,20}$/;
// No HubSpot record has id 0: sent anyway, it fails only once HubSpot answers.
const ZERO = /^0+$/;
const LEADING_ZEROS = /^0+/;

/**
 * A HubSpot record id: digits, not zero, given as a string or a safe integer. Returned in the form
 * HubSpot answers it (no leading zeros), so matching, merging and sync see one id per record.
 */
export function parseRecordId(field: string, value: unknown): string {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (RECORD_ID.test(trimmed) && !ZERO.test(trimmed)) return trimmed.replace(LEADING_ZEROS, '');
	}
	const hint =
		typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)
			? ' (numbers this large lose digits: pass the ID as a string)'
			: ZERO.test(String(value).trim())
				? ' (no HubSpot record has ID 0)'
				: '';
	throw new InvalidInputError(field, `must be a HubSpot record ID made of digits, got ${showValue(value)}${hint}`);
}

/** An object type: returns the value as given (trimmed) and its URL path form. */
export function parseObjectType(field: string, value: unknown): { given: string; pathType: string } {
	if (typeof value === 'string') {
		const given = value.trim();
		const pathType = toPathObjectType(given);
		if (pathType) return { given, pathType };
	}
	throw new InvalidInputError(
		field,
		`must be an object type such as "contacts", "0-1" or "2-123456" (a custom object's type ID), got ${showValue(value)}`,
	);
}

function isCategory(value: unknown): value is AssociationCategory {
	return typeof value === 'string' && (ASSOCIATION_CATEGORIES as readonly string[]).includes(value);
}

function parseTypeId(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
	return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** One association type as "CATEGORY:typeId" or an object, or undefined when it is neither. */
function readOneType(value: unknown): AssociationSpec | undefined {
	let category: unknown;
	let typeId: unknown;
	if (typeof value === 'string') {
		const parts = value.trim().split(':');
		// "USER_DEFINED:36:5" must not pass as type 36.
		if (parts.length === 2) [category, typeId] = [parts[0].trim().toUpperCase(), parts[1]];
	} else if (value && typeof value === 'object' && !Array.isArray(value)) {
		const spec = value as Record<string, unknown>;
		category = spec.associationCategory ?? spec.category;
		if (typeof category === 'string') category = category.trim().toUpperCase();
		typeId = spec.associationTypeId ?? spec.typeId;
	}
	const associationTypeId = parseTypeId(typeId);
	return isCategory(category) && associationTypeId !== undefined ? { associationCategory: category, associationTypeId } : undefined;
}

function parseOneType(field: string, value: unknown): AssociationSpec {
	const spec = readOneType(value);
	if (spec) return spec;
	throw new InvalidInputError(
		field,
		`has an association type that is not "CATEGORY:typeId" (category one of ${ASSOCIATION_CATEGORIES.join(', ')}, ` +
			`type ID a positive whole number, e.g. "USER_DEFINED:36") or {associationCategory, associationTypeId}: got ${showValue(value)}`,
	);
}

// A string written as a type code ("LABELED:36", "USER_DEFINED", "user_defined:x", "36") is a
// mistyped code, not a label's text: it must fail as such instead of being looked up.
const UPPER_CASE_CODE = /^(?:[A-Z]+(?:_[A-Z]+)+(?:\s*:.*)?|[A-Z_]+\s*:\s*[-\d.:]*)$/;
const CATEGORY_PREFIX = /^(?:hubspot|user|integrator)_defined\s*:/i;

function isLabelName(entry: unknown): entry is string {
	if (typeof entry !== 'string') return false;
	const text = entry.trim();
	return text !== '' && !UPPER_CASE_CODE.test(text) && !CATEGORY_PREFIX.test(text) && !/^\d+$/.test(text);
}

/** Association types, and label texts to look up by name (only where `labelNames` is asked for). */
export interface ParsedAssociationTypes {
	types: AssociationSpec[];
	labelNames: string[];
}

function parseTypeEntries(field: string, value: unknown, allowNames: boolean): ParsedAssociationTypes {
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(',').filter((part) => part.trim() !== '');
	else if (value === undefined || value === null) entries = [];
	else entries = [value];
	if (entries.length === 0) {
		throw new InvalidInputError(field, `needs at least one association type, got ${showValue(value)}`);
	}
	const seen = new Set<string>();
	const parsed: ParsedAssociationTypes = { types: [], labelNames: [] };
	for (const entry of entries) {
		if (allowNames && !readOneType(entry) && isLabelName(entry)) {
			const name = entry.trim();
			if (!seen.has(`name:${name.toLowerCase()}`)) parsed.labelNames.push(name);
			seen.add(`name:${name.toLowerCase()}`);
			continue;
		}
		const spec = parseOneType(field, entry);
		const key = `${spec.associationCategory}:${spec.associationTypeId}`;
		if (!seen.has(key)) {
			seen.add(key);
			parsed.types.push(spec);
		}
	}
	return parsed;
}

/**
 * Association types from the dropdown (strings "CATEGORY:typeId") or from an expression
 * (a string, comma-separated strings, an array of strings or of spec objects, or one object).
 * Returns them without duplicates, in the order given.
 */
export function parseAssociationTypes(field: string, value: unknown): AssociationSpec[] {
	return parseTypeEntries(field, value, false).types;
}

/** Like parseAssociationTypes, and a label's text ("Decision maker") is kept as a name to look up. */
export function parseAssociationTypesOrNames(field: string, value: unknown): ParsedAssociationTypes {
	return parseTypeEntries(field, value, true);
}

/** The batch size option: a whole number from 1 to `max`. */
export function parseBatchSize(field: string, value: unknown, max: number): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
	throw new InvalidInputError(field, `must be a whole number from 1 to ${max}, got ${showValue(value)}`);
}
