import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { matchBatchResponse, NO_RESULTS } from '../../helpers/matching';
import { batchCreateBody, planBatches } from '../../helpers/planning';
import { runBatchOperation } from '../batchRunner';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';

const batchSize = { default: 100, max: 2000 };

export const description: INodeProperties[] = pairFields('batchArchiveLabels', {
	withTypes: true,
	typesDescription:
		'The association types to remove from each pair; the others stay. Removing the unlabeled type removes the labeled ones too.',
	batchSize,
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	return await runBatchOperation.call(this, {
		action: 'batch/labels/archive',
		readItem: (read, itemIndex) => readPair(read, itemIndex, true),
		plan: (requests) => planBatches(requests, size),
		body: batchCreateBody,
		match: (batch, body) => matchBatchResponse(batch, body as { errors?: [] } | undefined, NO_RESULTS),
		success: (request): IDataObject => ({
			status: 'labelsRemoved',
			...pairOutput(request),
			types: request.types.map((spec) => ({ ...spec })),
		}),
	});
}
