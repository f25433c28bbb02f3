import type { INodeProperties } from 'n8n-workflow';
import { STANDARD_OBJECT_TYPES } from '../../helpers/objectTypes';

const objectTypeOptions = STANDARD_OBJECT_TYPES.map((type) => ({
	name: type.label,
	value: type.pathName ?? type.objectTypeId,
	description: `Object type ID ${type.objectTypeId}`,
}));

/** The "from" and "to" object type pickers every association operation shares. */
export function objectTypeFields(operations: string[]): INodeProperties[] {
	const displayOptions = { show: { resource: ['association'], operation: operations } };
	return [
		{
			displayName: 'From Object Type',
			name: 'fromObjectType',
			type: 'options',
			options: objectTypeOptions,
			default: 'contacts',
			required: true,
			description:
				'The type of the records associations start from. For custom objects use an expression with the type ID (e.g. 2-123456) or fully qualified name.',
			displayOptions,
		},
		{
			displayName: 'To Object Type',
			name: 'toObjectType',
			type: 'options',
			options: objectTypeOptions,
			default: 'companies',
			required: true,
			description:
				'The type of the records associations point to. For custom objects use an expression with the type ID (e.g. 2-123456) or fully qualified name.',
			displayOptions,
		},
	];
}
