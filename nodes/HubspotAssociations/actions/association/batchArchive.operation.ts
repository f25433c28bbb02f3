import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { matchBatchResponse, NO_RESULTS } from '../../helpers/matching';
import { archiveBody, planBatches } from '../../helpers/planning';
import { runBatchOperation } from '../batchRunner';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';

const batchSize = { default: 100, max: 2000 };

export const description: INodeProperties[] = pairFields('batchArchive', { withTypes: false, batchSize });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	return await runBatchOperation.call(this, {
		action: 'batch/archive',
		readItem: (read, itemIndex) => readPair(read, itemIndex, false),
		plan: (requests) => planBatches(requests, size),
		body: archiveBody,
		match: (batch, body) => matchBatchResponse(batch, body as { errors?: [] } | undefined, NO_RESULTS),
		success: (request): IDataObject => ({ status: 'removed', ...pairOutput(request) }),
	});
}
