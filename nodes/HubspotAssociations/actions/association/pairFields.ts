import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { AssociationRequest } from '../../helpers/interfaces';
import { lookupOutput, parseIdType, parseLookupValue, RECORD_ID, type RecordLookup } from '../../helpers/recordLookups';
import { InvalidInputError, parseAssociationTypesOrNames, parseBatchSize, parseObjectType, parseRecordId, type ParsedAssociationTypes } from '../../helpers/validation';
import { dryRunOption } from '../dryRun';
import type { ParameterReader } from '../itemParameters';
import { requestOptionFields } from '../requestOptions';
import { idTypeField } from './idTypeFields';
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
		writes = true,
	}: {
		withTo?: boolean;
		withTypes: boolean;
		typesDescription?: string;
		batchSize: { default: number; max: number };
		extraOptions?: INodeProperties[];
		/** Whether the operation writes to HubSpot (and so offers a dry run). */
		writes?: boolean;
	},
): INodeProperties[] {
	const displayOptions = { show: { resource: ['association'], operation: [operation] } };
	return [
		...objectTypeFields([operation], { toRecords: withTo }),
		idTypeField('from', displayOptions),
		{
			displayName: 'From Record ID',
			name: 'fromObjectId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '={{ $json.contactId }}',
			description:
				'The HubSpot record ID (digits, e.g. 101) of the record the association starts from, a record of the From Object Type; or, when From Record Identified By names a property, the value of that property (e.g. an email). Usually mapped from each input item, or filled by the model when used as a tool.',
			displayOptions,
		},
		...(withTo
			? [
					idTypeField('to', displayOptions),
					{
						displayName: 'To Record ID',
						name: 'toObjectId',
						type: 'string',
						default: '',
						required: true,
						placeholder: '={{ $json.companyId }}',
						description:
							'The HubSpot record ID (digits, e.g. 201) of the record the association points to, a record of the To Object Type; or, when To Record Identified By names a property, the value of that property (e.g. an email). Usually mapped from each input item, or filled by the model when used as a tool.',
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
						description: `${typesDescription ?? ''} An expression gives an array of "CATEGORY:typeId" strings (e.g. "USER_DEFINED:36"), {associationCategory, associationTypeId} objects or label texts (e.g. "Decision maker", matched in any case). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
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
				...(writes ? [dryRunOption] : []),
				...requestOptionFields,
			],
		},
	];
}

/** The parameters of one side, and how errors name them; built once, not per item. */
const SIDES = {
	from: { idType: 'fromIdType', idTypeField: 'From Record Identified By (fromIdType)', id: 'fromObjectId', idField: 'From Record ID (fromObjectId)' },
	to: { idType: 'toIdType', idTypeField: 'To Record Identified By (toIdType)', id: 'toObjectId', idField: 'To Record ID (toObjectId)' },
};

/** One side's record: its id, or the property value it is to be looked up by. */
function readRecord(read: ParameterReader, itemIndex: number, side: 'from' | 'to'): { id: string; lookup?: RecordLookup } {
	const names = SIDES[side];
	const idType = parseIdType(names.idTypeField, read(names.idType, itemIndex, RECORD_ID));
	const value = read(names.id, itemIndex);
	if (idType === RECORD_ID) return { id: parseRecordId(names.idField, value) };
	return { id: '', lookup: parseLookupValue(names.idField, idType, value) };
}

// A run reads the same object types and association types for every item: each distinct value is
// parsed once, so 100,000 items share one parsed value instead of holding 100,000 copies.
const MAX_REMEMBERED_OBJECT_TYPES = 64;
/** Parsed object types by field, then by value: looked up without building a key per item. */
const parsedObjectTypes = new Map<string, Map<string, ReturnType<typeof parseObjectType>>>();
const parsedTypeLists = new WeakMap<object, ParsedAssociationTypes>();

function objectTypeOf(field: string, value: unknown) {
	if (typeof value !== 'string') return parseObjectType(field, value);
	let ofField = parsedObjectTypes.get(field);
	const known = ofField?.get(value);
	if (known) return known;
	const parsed = parseObjectType(field, value);
	if (!ofField) parsedObjectTypes.set(field, (ofField = new Map()));
	if (ofField.size >= MAX_REMEMBERED_OBJECT_TYPES) ofField.clear();
	ofField.set(value, parsed);
	return parsed;
}

/** Parsed once per list the run hands out; never shared when it names labels, whose step adds to the types. */
function associationTypesOf(field: string, value: unknown): ParsedAssociationTypes {
	const known = value !== null && typeof value === 'object' ? parsedTypeLists.get(value) : undefined;
	if (known) return known;
	const parsed = parseAssociationTypesOrNames(field, value);
	if (value !== null && typeof value === 'object' && parsed.labelNames.length === 0) parsedTypeLists.set(value, parsed);
	return parsed;
}

/** Reads and validates one item's direction and from-record. */
export function readFromRecord(read: ParameterReader, itemIndex: number): AssociationRequest {
	const from = objectTypeOf('From Object Type (fromObjectType)', read('fromObjectType', itemIndex));
	const to = objectTypeOf('To Object Type (toObjectType)', read('toObjectType', itemIndex));
	const record = readRecord(read, itemIndex, 'from');
	// One literal with every common field: a spread or a field added later would give each request a second object for its fields.
	const request: AssociationRequest = {
		itemIndex,
		fromObjectType: from.given,
		toObjectType: to.given,
		fromPathType: from.pathType,
		toPathType: to.pathType,
		fromObjectId: record.id,
		toObjectId: '',
		types: [],
	};
	if (record.lookup) request.fromLookup = record.lookup;
	return request;
}

/** Reads and validates one item's pair (and its association types, when the operation takes them). */
export function readPair(read: ParameterReader, itemIndex: number, withTypes: boolean): AssociationRequest {
	// One object per item, filled in place: spreading would build three per item on large runs.
	const request = readFromRecord(read, itemIndex);
	try {
		const record = readRecord(read, itemIndex, 'to');
		request.toObjectId = record.id;
		if (withTypes) {
			const { types, labelNames } = associationTypesOf('Association Types (associationTypes)', read('associationTypes', itemIndex));
			request.types = types;
			if (labelNames.length > 0) request.labelNames = labelNames;
		}
		if (record.lookup) request.toLookup = record.lookup;
		return request;
	} catch (error) {
		// An invalid field learns the item's from-record (a sync keeps that record's pairs); anything else passes on as it is.
		if (error instanceof InvalidInputError && request.fromObjectId !== '') error.fromRecordId = request.fromObjectId;
		throw error as InvalidInputError;
	}
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
		...lookupOutput(request),
	};
}
