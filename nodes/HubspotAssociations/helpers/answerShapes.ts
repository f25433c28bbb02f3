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
