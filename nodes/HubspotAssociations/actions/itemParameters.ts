import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';
import { InvalidInputError } from '../helpers/validation';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

const SIMPLE_JSON_PATH = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*'|\d+)\s*\])+)\s*\}\}$/;
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\s*\]/g;

/** The property path of an expression that only reads the item, e.g. `={{ $json.contact.id }}`. */
export function simpleJsonPath(value: unknown): string[] | undefined {
	if (typeof value !== 'string') return undefined;
	const match = SIMPLE_JSON_PATH.exec(value);
	if (!match) return undefined;
	return [...match[1].matchAll(PATH_SEGMENT)].map(([, dotted, doubleQuoted, singleQuoted, index]) => dotted ?? doubleQuoted ?? singleQuoted ?? index);
}

const NOT_FOUND = Symbol('not found');

/** Follows `path` in `json`; NOT_FOUND where a step meets no object (the engine would throw). */
function readPath(json: IDataObject, path: string[]): unknown {
	let value: unknown = json;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return NOT_FOUND;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** How a parameter is read, worked out once per run instead of once per item. */
interface ReadingOf {
	/** Set when the parameter only reads a field of the item. */
	path?: string[];
	/** Whether its top-level parameter holds an expression anywhere, so it may differ by item. */
	dynamic: boolean;
}

export type ParameterReader = (name: string, itemIndex: number, fallback?: NodeParameterValueType) => unknown;

/**
 * Reads node parameters item by item at the least cost: a parameter without an expression is
 * evaluated once per run, and one that only reads a field of the item (`{{ $json.id }}`) is read
 * from the item directly; everything else goes through n8n's expression engine, whose per-item
 * evaluation dominates large runs. A parameter whose expression fails becomes an
 * InvalidInputError for that item.
 */
export function itemParameterReader(context: IExecuteFunctions): ParameterReader {
	const parameters = context.getNode().parameters;
	const items = context.getInputData();
	const constants = new Map<string, unknown>();
	const readings = new Map<string, ReadingOf>();
	const readingOf = (name: string): ReadingOf => {
		let reading = readings.get(name);
		if (!reading) {
			const path = Object.prototype.hasOwnProperty.call(parameters, name) ? simpleJsonPath(parameters[name]) : undefined;
			reading = { path, dynamic: holdsExpression(parameters[name.split('.')[0]]) };
			readings.set(name, reading);
		}
		return reading;
	};
	return (name, itemIndex, fallback) => {
		const { path, dynamic } = readingOf(name);
		if (path) {
			const value = readPath(items[itemIndex]?.json ?? {}, path);
			if (value !== NOT_FOUND) return value;
		}
		if (!dynamic && constants.has(name)) return constants.get(name);
		let value: unknown;
		let evaluationError: Error | undefined;
		try {
			value = context.getNodeParameter(name, itemIndex, fallback);
		} catch (error) {
			evaluationError = error as Error;
		}
		if (evaluationError) throw new InvalidInputError(name, `could not be evaluated: ${evaluationError.message}`);
		if (!dynamic) constants.set(name, value);
		return value;
	};
}
