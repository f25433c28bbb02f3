import type { HubSpotBatchError } from './interfaces';

/**
 * The list a field of HubSpot's answer should hold. A value of another shape (an object, a string:
 * a proxy's rewrite, a truncated body) holds none, so nothing is read as a result from it.
 */
export function listIn<T>(value: unknown): T[] {
	return Array.isArray(value) ? (value as T[]) : [];
}

/**
 * An answer's `errors`, each an object: a value that is not a list is one error, and an entry that
 * is not an object (`null`) an error that says nothing. Neither is dropped: an error that names no
 * record still fails the pairs no result answers for.
 */
export function errorsIn(value: unknown): HubSpotBatchError[] {
	if (value === undefined || value === null) return [];
	return (Array.isArray(value) ? value : [value]).map((entry) => (typeof entry === 'object' && entry !== null ? (entry as HubSpotBatchError) : {}));
}

/** A text field of an error, when it is one. */
export function textIn(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** Whether a field is there but not the list it should be (absent or `null` is no list either, but says nothing odd). */
export function notAList(value: unknown): boolean {
	return value !== undefined && value !== null && !Array.isArray(value);
}

/** A record id as HubSpot gives it: text, or a whole number some answers carry. */
export function recordIdIn(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}

/**
 * The values an error's `context` names, as text: each key's value or list of values that are text
 * or numbers. A context that is not an object (text, a number) names nothing: read key by key,
 * "101" would name records 1, 0 and 1.
 */
export function contextValues(context: unknown): string[] {
	if (typeof context !== 'object' || context === null) return [];
	const values: string[] = [];
	for (const named of Object.values(context)) {
		for (const value of Array.isArray(named) ? named : [named]) {
			if (typeof value === 'string') values.push(value);
			else if (typeof value === 'number' && Number.isFinite(value)) values.push(String(value));
		}
	}
	return values;
}
