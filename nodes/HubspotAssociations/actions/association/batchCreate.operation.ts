import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { LabelsBetweenObjectPair } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, planBatches } from '../../helpers/planning';
import { runBatchOperation } from '../batchRunner';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';

export const BATCH_CREATE_MAX_INPUTS = 2000;
const batchSize = { default: BATCH_CREATE_MAX_INPUTS, max: BATCH_CREATE_MAX_INPUTS };

export const description: INodeProperties[] = pairFields('batchCreate', {
	withTypes: true,
	typesDescription: 'The association labels to set on each pair, for this direction; HubSpot replaces the labels of a pair that already has others.',
	batchSize,
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	return await runBatchOperation.call(this, {
		action: 'batch/create',
		readItem: (read, itemIndex) => readPair(read, itemIndex, true),
		plan: (requests) => planBatches(requests, size),
		body: batchCreateBody,
		match: (batch, body) => matchBatchCreateResponse(batch, body as Parameters<typeof matchBatchCreateResponse>[1]),
		success: (request, result: LabelsBetweenObjectPair): IDataObject => ({
			status: 'created',
			...pairOutput(request),
			fromObjectTypeId: result.fromObjectTypeId,
			toObjectTypeId: result.toObjectTypeId,
			labels: result.labels,
			types: request.types.map((spec) => ({ ...spec })),
		}),
	});
}
