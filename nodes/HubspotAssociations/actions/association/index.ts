import type { INodeProperties } from 'n8n-workflow';
import * as batchCreate from './batchCreate.operation';

export { batchCreate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['association'] } },
		options: [
			{
				name: 'Batch Create Associations',
				value: 'batchCreate',
				description: 'Associate records in bulk: one HubSpot request per 2,000 items, one result per item',
				action: 'Batch create associations',
			},
		],
		default: 'batchCreate',
	},
	...batchCreate.description,
];
