import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { AssociationRequest, LabelsBetweenObjectPair } from '../../helpers/interfaces';
import { matchBatchCreateResponse } from '../../helpers/matching';
import { batchCreateBody, planBatches } from '../../helpers/planning';
import { parseAssociationTypes, parseBatchSize, parseObjectType, parseRecordId } from '../../helpers/validation';
import { runBatchOperation, type BatchOperation } from '../batchRunner';
import type { ParameterReader } from '../itemParameters';
import { requestOptionFields } from '../requestOptions';
import { objectTypeFields } from './objectTypeFields';

export const BATCH_CREATE_MAX_INPUTS = 2000;

const displayOptions = { show: { resource: ['association'], operation: ['batchCreate'] } };

export const description: INodeProperties[] = [
	...objectTypeFields(['batchCreate']),
	{
		displayName: 'From Record ID',
		name: 'fromObjectId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.contactId }}',
		description: 'The HubSpot ID of the record to associate from, usually mapped from each input item',
		displayOptions,
	},
	{
		displayName: 'To Record ID',
		name: 'toObjectId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.companyId }}',
		description: 'The HubSpot ID of the record to associate to, usually mapped from each input item',
		displayOptions,
	},
	{
		displayName: 'Association Type Names or IDs',
		name: 'associationTypes',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getAssociationTypes',
			loadOptionsDependsOn: ['fromObjectType', 'toObjectType'],
		},
		default: [],
		required: true,
		description:
			'The association labels to set on each pair, for this direction; HubSpot replaces the labels of a pair that already has others. An expression gives an array of "CATEGORY:typeId" strings (e.g. "USER_DEFINED:36") or {associationCategory, associationTypeId} objects. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: BATCH_CREATE_MAX_INPUTS },
				default: BATCH_CREATE_MAX_INPUTS,
				description: `How many associations to send in one request to HubSpot (at most ${BATCH_CREATE_MAX_INPUTS})`,
			},
			...requestOptionFields,
		],
	},
];

function readItem(read: ParameterReader, itemIndex: number): AssociationRequest {
	const from = parseObjectType('From Object Type (fromObjectType)', read('fromObjectType', itemIndex));
	const to = parseObjectType('To Object Type (toObjectType)', read('toObjectType', itemIndex));
	return {
		itemIndex,
		fromObjectType: from.given,
		toObjectType: to.given,
		fromPathType: from.pathType,
		toPathType: to.pathType,
		fromObjectId: parseRecordId('From Record ID (fromObjectId)', read('fromObjectId', itemIndex)),
		toObjectId: parseRecordId('To Record ID (toObjectId)', read('toObjectId', itemIndex)),
		types: parseAssociationTypes('Association Types (associationTypes)', read('associationTypes', itemIndex)),
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const batchSize = parseBatchSize(
		'Batch Size (options.batchSize)',
		this.getNodeParameter('options.batchSize', 0, BATCH_CREATE_MAX_INPUTS),
		BATCH_CREATE_MAX_INPUTS,
	);
	return await runBatchOperation.call<IExecuteFunctions, [BatchOperation<LabelsBetweenObjectPair>], Promise<INodeExecutionData[][]>>(this, {
		action: 'batch/create',
		readItem,
		plan: (requests) => planBatches(requests, batchSize),
		body: batchCreateBody,
		match: (batch, body) => matchBatchCreateResponse(batch, body as Parameters<typeof matchBatchCreateResponse>[1]),
		success: (request, result): IDataObject => ({
			status: 'created',
			fromObjectType: request.fromObjectType,
			fromObjectId: request.fromObjectId,
			toObjectType: request.toObjectType,
			toObjectId: request.toObjectId,
			fromObjectTypeId: result.fromObjectTypeId,
			toObjectTypeId: result.toObjectTypeId,
			labels: result.labels,
			types: request.types.map((spec) => ({ ...spec })),
		}),
	});
}
