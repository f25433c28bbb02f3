import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { AssociationRequest } from '../../helpers/interfaces';
import { parseAssociationTypes, parseBatchSize, parseObjectType, parseRecordId } from '../../helpers/validation';
import type { ParameterReader } from '../itemParameters';
import { requestOptionFields } from '../requestOptions';
import { objectTypeFields } from './objectTypeFields';

const batchSizeField: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	default: 100,
	description: 'How many inputs to send in one request to HubSpot',
};

/** The parameters of an operation on (from record, to record) pairs, or on from-records alone. */
export function pairFields(
	operation: string,
	{
		withTo = true,
		withTypes,
		typesDescription,
		batchSize,
		extraOptions = [],
	}: {
		withTo?: boolean;
		withTypes: boolean;
		typesDescription?: string;
		batchSize: { default: number; max: number };
		extraOptions?: INodeProperties[];
	},
): INodeProperties[] {
	const displayOptions = { show: { resource: ['association'], operation: [operation] } };
	return [
		...objectTypeFields([operation], { toRecords: withTo }),
		{
			displayName: 'From Record ID',
			name: 'fromObjectId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '={{ $json.contactId }}',
			description: 'The HubSpot ID of the record the associations start from, usually mapped from each input item',
			displayOptions,
		},
		...(withTo
			? [
					{
						displayName: 'To Record ID',
						name: 'toObjectId',
						type: 'string',
						default: '',
						required: true,
						placeholder: '={{ $json.companyId }}',
						description: 'The HubSpot ID of the record the association points to, usually mapped from each input item',
						displayOptions,
					} satisfies INodeProperties,
				]
			: []),
		...(withTypes
			? [
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
						description: `${typesDescription ?? ''} An expression gives an array of "CATEGORY:typeId" strings (e.g. "USER_DEFINED:36") or {associationCategory, associationTypeId} objects. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
						displayOptions,
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions,
			options: [
				{
					...batchSizeField,
					typeOptions: { minValue: 1, maxValue: batchSize.max },
					default: batchSize.default,
					description: `How many inputs to send in one request to HubSpot (at most ${batchSize.max})`,
				},
				...extraOptions,
				...requestOptionFields,
			],
		},
	];
}

/** Reads and validates one item's direction and from-record. */
export function readFromRecord(read: ParameterReader, itemIndex: number): AssociationRequest {
	const from = parseObjectType('From Object Type (fromObjectType)', read('fromObjectType', itemIndex));
	const to = parseObjectType('To Object Type (toObjectType)', read('toObjectType', itemIndex));
	return {
		itemIndex,
		fromObjectType: from.given,
		toObjectType: to.given,
		fromPathType: from.pathType,
		toPathType: to.pathType,
		fromObjectId: parseRecordId('From Record ID (fromObjectId)', read('fromObjectId', itemIndex)),
		toObjectId: '',
		types: [],
	};
}

/** Reads and validates one item's pair (and its association types, when the operation takes them). */
export function readPair(read: ParameterReader, itemIndex: number, withTypes: boolean): AssociationRequest {
	return {
		...readFromRecord(read, itemIndex),
		toObjectId: parseRecordId('To Record ID (toObjectId)', read('toObjectId', itemIndex)),
		types: withTypes ? parseAssociationTypes('Association Types (associationTypes)', read('associationTypes', itemIndex)) : [],
	};
}

/** The batch size option of a run. */
export function readBatchSize(context: IExecuteFunctions, batchSize: { default: number; max: number }): number {
	return parseBatchSize('Batch Size (options.batchSize)', context.getNodeParameter('options.batchSize', 0, batchSize.default), batchSize.max);
}

/** What every result item says about its pair. */
export function pairOutput(request: AssociationRequest): IDataObject {
	return {
		fromObjectType: request.fromObjectType,
		fromObjectId: request.fromObjectId,
		toObjectType: request.toObjectType,
		toObjectId: request.toObjectId,
	};
}
