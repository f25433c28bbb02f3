import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';
import { InvalidInputError } from '../helpers/validation';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

export type ParameterReader = (name: string, itemIndex: number, fallback?: NodeParameterValueType) => unknown;

/**
 * Reads node parameters item by item, but evaluates a parameter that holds no expression
 * only once per run: the engine's per-item evaluation dominates large runs.
 * A parameter whose expression fails becomes an InvalidInputError for that item.
 */
export function itemParameterReader(context: IExecuteFunctions): ParameterReader {
	const parameters = context.getNode().parameters;
	const constants = new Map<string, unknown>();
	return (name, itemIndex, fallback) => {
		const topLevel = name.split('.')[0];
		const dynamic = holdsExpression(parameters[topLevel]);
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
