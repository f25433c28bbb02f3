import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { matchDefaultAssociationResponse } from '../../helpers/defaultAssociations';
import { defaultAssociationTypes, type DefaultAssociationResult } from '../../helpers/matching';
import { keepMirrorsApart } from '../../helpers/mirroredPairs';
import { defaultAssociationBody, planBatches } from '../../helpers/planning';
import { runBatchOperation } from '../batchRunner';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';

// HubSpot documents no cap for this endpoint: start small, let the user raise it.
const batchSize = { default: 100, max: 2000 };

export const description: INodeProperties[] = pairFields('batchCreateDefault', { withTypes: false, batchSize });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	return await runBatchOperation.call(this, {
		action: 'batch/associate/default',
		readItem: (read, itemIndex) => readPair(read, itemIndex, false),
		plan: (requests) => keepMirrorsApart(planBatches(requests, size)),
		body: defaultAssociationBody,
		match: (batch, body) => matchDefaultAssociationResponse(batch, body as Parameters<typeof matchDefaultAssociationResponse>[1]),
		success: (request, result: DefaultAssociationResult): IDataObject => ({
			status: 'created',
			...pairOutput(request),
			types: defaultAssociationTypes(result),
		}),
	});
}
