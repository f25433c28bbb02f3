import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type JsonObject } from 'n8n-workflow';
import { InvalidInputError } from '../helpers/validation';
import { runsAsTool, toolErrorOutput, toToolOutput } from './asTool';
import * as association from './association';
import * as label from './label';

const operations: Record<string, Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>>> = {
	association: {
		batchCreate: association.batchCreate.execute,
		batchCreateDefault: association.batchCreateDefault.execute,
		batchArchive: association.batchArchive.execute,
		batchArchiveLabels: association.batchArchiveLabels.execute,
		batchRead: association.batchRead.execute,
		batchSync: association.batchSync.execute,
	},
	label: {
		getAll: label.getAll.execute,
		create: label.create.execute,
		update: label.update.execute,
		delete: label.deleteLabel.execute,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const asTool = runsAsTool(this);
	try {
		const output = await execute.call(this);
		return asTool ? toToolOutput(output) : output;
	} catch (error) {
		if (asTool) return toolErrorOutput(this, error as Error);
		// Node-wide settings (not per item) that cannot be used.
		if (error instanceof InvalidInputError) throw new NodeOperationError(this.getNode(), error.message);
		// Wrapping an error n8n already made hands back that same error.
		if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(this.getNode(), error as Error);
	}
}
