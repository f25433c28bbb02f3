import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { AssociationRequest, LabelsBetweenObjectPair, PlannedBatch } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, planBatches } from '../../helpers/planning';
import { authenticationOf } from '../../transport';
import { runsAsTool } from '../asTool';
import { runBatchOperation, type SendToDirection } from '../batchRunner';
import { createKeepingExisting } from './keepExistingExchange';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';

const BATCH_CREATE_MAX_INPUTS = 2000;
const batchSize = { default: BATCH_CREATE_MAX_INPUTS, max: BATCH_CREATE_MAX_INPUTS };

export const description: INodeProperties[] = pairFields('batchCreate', {
	withTypes: true,
	typesDescription: 'The association labels to set on each pair, for this direction; HubSpot replaces the labels of a pair that already has others.',
	batchSize,
	extraOptions: [
		{
			displayName: 'Keep Existing Labels',
			name: 'keepExistingLabels',
			type: 'boolean',
			default: false,
			description:
				"Whether to read each pair's current association types first and send them along, so the chosen labels are added instead of replacing the pair's labels (a primary type another item of the batch moves to another pair is not sent back). After writing, the pairs are read again: a pair whose new labels another write replaced meanwhile gets them once more. A label another workflow writes to the same pair at the same moment can still be lost if its write lands after that check. Costs two read requests per batch of up to 1,000 from-records. When the node runs as an AI tool this is on unless turned off here.",
		},
		{
			displayName: 'Create Missing Labels',
			name: 'createMissingLabels',
			type: 'boolean',
			default: false,
			description:
				'Whether a label given by its text (e.g. "Decision maker") that does not exist yet for this direction is created (once, as a single label, not paired) and then used. Off: such an item fails, listing the labels that exist.',
		},
	],
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	// An agent "linking" two records means to add a link, not to wipe the link's other labels: on as a tool unless turned off.
	const keepExisting = this.getNodeParameter('options.keepExistingLabels', 0, runsAsTool(this)) === true;
	const createMissingLabels = this.getNodeParameter('options.createMissingLabels', 0, false) === true;
	const authentication = authenticationOf(this);
	return await runBatchOperation.call(this, {
		action: 'batch/create',
		readItem: (read, itemIndex) => readPair(read, itemIndex, true),
		plan: (requests) => planBatches(requests, size),
		body: batchCreateBody,
		match: (batch, body) => matchBatchCreateResponse(batch, body as Parameters<typeof matchBatchCreateResponse>[1]),
		...(keepExisting ? { exchange: (batch: PlannedBatch, send: SendToDirection) => createKeepingExisting(batch, send, authentication) } : {}),
		createMissingLabels,
		success: createdJson,
	});
}

/** The output json of an item whose pair was created. */
function createdJson(request: AssociationRequest, result: LabelsBetweenObjectPair): IDataObject {
	// Items answered by one input each get their own copy: later nodes may change them in place.
	const labels = [...result.labels];
	const types = request.types.map((spec) => ({ ...spec }));
	const { fromObjectTypeId, toObjectTypeId } = result;
	if (request.fromLookup || request.toLookup) {
		return { status: 'created', ...pairOutput(request), fromObjectTypeId, toObjectTypeId, labels, types };
	}
	// The same keys in the same order, written out: one compact object per item on runs of 100,000s.
	const { fromObjectType, fromObjectId, toObjectType, toObjectId } = request;
	return { status: 'created', fromObjectType, fromObjectId, toObjectType, toObjectId, fromObjectTypeId, toObjectTypeId, labels, types };
}
