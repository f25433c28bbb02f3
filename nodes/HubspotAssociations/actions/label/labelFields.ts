import type { INodeProperties } from 'n8n-workflow';
import type { AssociationLabel } from '../../helpers/associationLabels';
import { existingLabelsText } from '../../helpers/labelNames';
import { InvalidInputError, parseObjectType, showValue } from '../../helpers/validation';
import { objectTypeFields } from '../association/objectTypeFields';
import { dryRunOption } from '../dryRun';
import type { ParameterReader } from '../itemParameters';
import type { LabelDirectory } from '../labelDirectory';
import { RefusedAnswer } from '../perItemRunner';
import { requestOptionFields } from '../requestOptions';

/** One item's direction: object types as given and as they go in the path. */
export interface LabelDirection {
	itemIndex: number;
	fromObjectType: string;
	toObjectType: string;
	fromPathType: string;
	toPathType: string;
}

const show = (operations: string[]) => ({ show: { resource: ['label'], operation: operations } });

/** The parameters of a label operation, in the order the editor shows them. */
export function labelFields(
	operation: string,
	{ withTypeId = false, withLabel = false, extraOptions = [], writes = true }: { withTypeId?: boolean; withLabel?: boolean; extraOptions?: INodeProperties[]; writes?: boolean },
): INodeProperties[] {
	const displayOptions = show([operation]);
	return [
		...objectTypeFields([operation], { resource: 'label' }),
		...(withTypeId
			? [
					{
						displayName: 'Label Name or ID',
						name: 'associationTypeId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getUserDefinedLabels', loadOptionsDependsOn: ['fromObjectType', 'toObjectType'] },
						default: '',
						required: true,
						description:
							'A label created in your account for this direction (HubSpot\'s own types cannot be changed). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						displayOptions,
					} satisfies INodeProperties,
				]
			: []),
		...(withLabel
			? [
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'Decision maker',
						description: 'The text of the label, as HubSpot shows it on a record of the from object type',
						displayOptions,
					} satisfies INodeProperties,
					{
						displayName: 'Inverse Label',
						name: 'inverseLabel',
						type: 'string',
						default: '',
						placeholder: 'Decided by',
						description: 'Makes a paired label: the text shown from the other side. Leave empty for a single label, the same text both ways.',
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
				...extraOptions,
				...(writes ? [dryRunOption] : []),
				// One request per item, in item order: there is nothing to run in parallel.
				...requestOptionFields.filter((field) => field.name !== 'concurrency'),
			],
		},
	];
}

/** Reads and validates one item's direction. */
export function readDirection(read: ParameterReader, itemIndex: number): LabelDirection {
	const from = parseObjectType('From Object Type (fromObjectType)', read('fromObjectType', itemIndex));
	const to = parseObjectType('To Object Type (toObjectType)', read('toObjectType', itemIndex));
	return { itemIndex, fromObjectType: from.given, toObjectType: to.given, fromPathType: from.pathType, toPathType: to.pathType };
}

/** A label text: required for `label`, optional (undefined when empty) for `inverseLabel`. */
export function readLabelText(read: ParameterReader, itemIndex: number, name: 'label' | 'inverseLabel'): string | undefined {
	const value = read(name, itemIndex, '');
	const field = name === 'label' ? 'Label (label)' : 'Inverse Label (inverseLabel)';
	if (value === undefined || value === null || value === '') {
		if (name === 'inverseLabel') return undefined;
		throw new InvalidInputError(field, 'needs the text of the label, got an empty value');
	}
	if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(field, `must be a text, got ${showValue(value)}`);
	return value.trim();
}

const TYPE_ID_FIELD = 'Label (associationTypeId)';

/** The type id of the label to change: a number, digits, or "USER_DEFINED:36". */
export function readTypeId(read: ParameterReader, itemIndex: number): number {
	const value = read('associationTypeId', itemIndex, '');
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/^[A-Za-z_]+\s*:\s*/, '') : '';
	if (/^\d{1,10}$/.test(text) && Number(text) > 0) return Number(text);
	throw new InvalidInputError(TYPE_ID_FIELD, `must be a label's type ID (a positive whole number, e.g. 36), got ${showValue(value)}`);
}

/** The labels of a direction, or the refusal that stops the item. */
export async function labelsOf(directory: LabelDirectory, fromPathType: string, toPathType: string): Promise<AssociationLabel[]> {
	const read = await directory.labels(fromPathType, toPathType);
	if ('failed' in read) throw new RefusedAnswer(read.failed);
	return read.labels;
}

/** The inverse type of each user-defined label of a direction (see LabelDirectory.inverses), or the refusal that stops the item. */
export async function inversesOf(directory: LabelDirectory, fromPathType: string, toPathType: string): Promise<Map<number, AssociationLabel>> {
	const inverses = await directory.inverses(fromPathType, toPathType);
	if ('failed' in inverses) throw new RefusedAnswer(inverses.failed);
	return inverses;
}

/** The user-defined label a rename or delete is for; HubSpot's own types are refused before sending. */
export async function changeableLabel(directory: LabelDirectory, direction: LabelDirection, typeId: number): Promise<AssociationLabel> {
	const labels = await labelsOf(directory, direction.fromPathType, direction.toPathType);
	const type = labels.find((label) => label.typeId === typeId);
	const where = `from ${direction.fromObjectType} to ${direction.toObjectType}`;
	if (!type) {
		throw new InvalidInputError(TYPE_ID_FIELD, `is ${typeId}, which is no association type ${where} (${existingLabelsText(labels.filter((label) => label.category === 'USER_DEFINED'))})`);
	}
	if (type.category !== 'USER_DEFINED') {
		const name = type.label ? ` (${showValue(type.label)})` : ' (the unlabeled default)';
		throw new InvalidInputError(
			TYPE_ID_FIELD,
			`is ${typeId}${name}, a ${type.category} type ${where}: HubSpot does not allow its own types to be renamed or deleted, only labels created in the account (USER_DEFINED)`,
		);
	}
	return type;
}

/** What every label output says about its direction. */
export function directionOutput(direction: LabelDirection) {
	return { fromObjectType: direction.fromObjectType, toObjectType: direction.toObjectType };
}
