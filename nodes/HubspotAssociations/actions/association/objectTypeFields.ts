import type { INodeProperties } from 'n8n-workflow';

/**
 * The "from" and "to" object type pickers every association operation shares. `toRecords`:
 * whether the operation takes To Record IDs (Batch Get reads the to-records instead).
 */
export function objectTypeFields(operations: string[], { toRecords = true }: { toRecords?: boolean } = {}): INodeProperties[] {
	const displayOptions = { show: { resource: ['association'], operation: operations } };
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
			hint: 'What each From Record ID is, e.g. a contact',
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
			hint: toRecords ? 'What each To Record ID is, e.g. a company' : 'Which associated records to read, e.g. companies',
			displayOptions,
		},
	];
}
