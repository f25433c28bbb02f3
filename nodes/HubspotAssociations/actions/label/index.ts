import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as deleteLabel from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteLabel, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['label'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an association label for a direction (paired when an inverse label is given); answers the existing one if it is already there',
				action: 'Create an association label',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an association label: HubSpot removes it from every pair of records that has it',
				action: 'Delete an association label',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the association types of a direction, one item per label',
				action: 'Get many association labels',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename an association label created in the account',
				action: 'Update an association label',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...create.description,
	...update.description,
	...deleteLabel.description,
];
