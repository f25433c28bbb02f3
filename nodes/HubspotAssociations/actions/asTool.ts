import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toolFailure, toolResult } from '../helpers/toolResults';

/**
 * Whether n8n runs the node as an AI tool: it registers a `usableAsTool` node a second time as
 * `<type>Tool` (what the `@tool` display option checks too), and an agent or the MCP Server
 * Trigger calls that type with one item holding the model's arguments.
 */
export function runsAsTool(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** The node's output as the tool answers it: one compact result per item, pairing kept. */
export function toToolOutput(outputs: INodeExecutionData[][]): INodeExecutionData[][] {
	return outputs.map((items) => items.map((item) => ({ ...item, json: toolResult(item.json) })));
}

/** An error that stopped the whole run, answered as a failed result for each item so the model can act on it. */
export function toolErrorOutput(context: IExecuteFunctions, error: Error): INodeExecutionData[][] {
	return [context.getInputData().map((_, itemIndex) => ({ json: toolFailure({ message: error.message }), pairedItem: { item: itemIndex } }))];
}
