import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { describeFailedExchange } from '../../helpers/hubspotErrors';
import type { AssociationRequest, InputOutcome, LabelsBetweenObjectPair, PlannedBatch, PlannedInput } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, columnsOf, planBatches } from '../../helpers/planning';
import { withExistingTypes } from '../../helpers/existingTypes';
import { authenticationOf, JsonBody, takeBody, type Authentication } from '../../transport';
import { runBatchOperation, type BatchExchange, type SendToDirection } from '../batchRunner';
import { confirmUnfinished } from '../writeConfirmation';
import { pairFields, pairOutput, readBatchSize, readPair } from './pairFields';
import { readAssociations } from './readAssociations';

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
				"Whether to read each pair's current association types first and send them along, so the chosen labels are added instead of replacing the pair's labels. Costs one extra read request per batch of up to 1,000 from-records.",
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

type Outcome = BatchExchange<LabelsBetweenObjectPair>;

/**
 * Sends a batch with each pair's current types added to the asked ones, so none is dropped. A pair
 * whose from-record could not be read completely is not written: its labels are unknown, and a
 * create would replace them.
 */
async function createKeepingExisting(batch: PlannedBatch, send: SendToDirection, authentication: Authentication): Promise<Outcome> {
	const read = await readAssociations(send, batch, authentication);
	if ('failed' in read) return read;
	const outcomes: Map<PlannedInput, InputOutcome<LabelsBetweenObjectPair>> = new Map();
	const inputs: PlannedInput[] = [];
	for (const input of batch.inputs) {
		const current = read.reads.get(input.fromObjectId)!;
		if (current.kind === 'failed') outcomes.set(input, { ...current, message: `reading its current labels (Keep Existing Labels), nothing was written: ${current.message}` });
		else inputs.push({ ...input, types: withExistingTypes(input.types, current.associations, input.toObjectId) });
	}
	if (inputs.length === 0) return { outcomes };
	const merged: PlannedBatch = { ...batch, inputs };
	const answer = await send(JsonBody.of(batchCreateBody(columnsOf(merged))));
	if (!answer.ok && outcomes.size === 0) return { failed: answer };
	if (!answer.ok) {
		const hubspot = answer.hubspot && { ...answer.hubspot, status: answer.statusCode ?? answer.hubspot.status };
		for (const input of inputs) outcomes.set(input, { kind: 'failed', message: describeFailedExchange(answer, authentication), ...(hubspot ? { hubspot } : {}) });
		return { outcomes };
	}
	const matched = matchBatchCreateResponse(merged, takeBody(answer) as never);
	await confirmUnfinished(merged, matched, 'batch/create', send, authentication);
	for (const [input, outcome] of matched) outcomes.set(input, outcome);
	return { outcomes };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const size = readBatchSize(this, batchSize);
	const keepExisting = this.getNodeParameter('options.keepExistingLabels', 0, false) === true;
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
