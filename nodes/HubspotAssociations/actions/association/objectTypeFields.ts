import type { INodeProperties } from 'n8n-workflow';

/**
 * The "from" and "to" object type pickers every operation shares. `toRecords`: whether the
 * operation takes To Record IDs (Batch Get reads the to-records instead); `resource`: whose
 * operations they are (labels belong to a direction, not to records).
 */
export function objectTypeFields(
	operations: string[],
	{ toRecords = true, resource = 'association' }: { toRecords?: boolean; resource?: string } = {},
): INodeProperties[] {
	const displayOptions = { show: { resource: [resource], operation: operations } };
	const forLabels = resource === 'label';
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
			hint: forLabels ? 'Where the labelled associations start, e.g. contacts' : 'What each From Record ID is, e.g. a contact',
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
			hint: forLabels
				? 'Where they lead, e.g. companies'
				: toRecords
					? 'What each To Record ID is, e.g. a company'
					: 'Which associated records to read, e.g. companies',
			displayOptions,
		},
	];
}
