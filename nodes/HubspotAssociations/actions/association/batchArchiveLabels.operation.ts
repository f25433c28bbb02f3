import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { matchBatchResponse, NO_RESULTS } from '../../helpers/matching';
import { batchCreateBody, planBatches } from '../../helpers/planning';
import { runBatchOperation } from '../batchRunner';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';
import { UnlabeledTypes } from './unlabeledTypes';

const batchSize = { default: 100, max: 2000 };

export const description: INodeProperties[] = pairFields('batchArchiveLabels', {
	withTypes: true,
	typesDescription:
		'The association types to remove from each pair; the others stay. Removing the unlabeled type removes the association itself, with all its labels (such an item answers "removed").',
	batchSize,
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	const unlabeled = new UnlabeledTypes();
	return await runBatchOperation.call(this, {
		action: 'batch/labels/archive',
		readItem: (read, itemIndex) => readPair(read, itemIndex, true),
		plan: (requests) => planBatches(requests, size),
		body: batchCreateBody,
		match: (batch, body) => matchBatchResponse(batch, body as { errors?: [] } | undefined, NO_RESULTS),
		prepare: unlabeled.prepare,
		success: (request): IDataObject => {
			const types = request.types.map((spec) => ({ ...spec }));
			const association = unlabeled.of(request);
			if (!association) return { status: 'labelsRemoved', ...pairOutput(request), types };
			const note = `The unlabeled type (${association.associationTypeId}) carries the association itself: HubSpot removed the association with all its labels.`;
			return { status: 'removed', ...pairOutput(request), types, note };
		},
	});
}
