import type { INodeProperties } from 'n8n-workflow';

/** The "from" and "to" object type pickers every association operation shares. */
export function objectTypeFields(operations: string[], resource = 'association'): INodeProperties[] {
	const displayOptions = { show: { resource: [resource], operation: operations } };
	return [
		{
			displayName: 'From Object Type Name or ID',
			name: 'fromObjectType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getObjectTypes' },
			default: 'contacts',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'The records associations start from. Custom objects are listed too; by expression use a type ID (e.g. 2-123456) or fully qualified name (p1234_cars).',
			displayOptions,
		},
		{
			displayName: 'To Object Type Name or ID',
			name: 'toObjectType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getObjectTypes' },
			default: 'companies',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'The records associations point to. Custom objects are listed too; by expression use a type ID (e.g. 2-123456) or fully qualified name (p1234_cars).',
			displayOptions,
		},
	];
}
