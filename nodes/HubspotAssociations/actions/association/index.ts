import type { INodeProperties } from 'n8n-workflow';
import * as batchArchive from './batchArchive.operation';
import * as batchArchiveLabels from './batchArchiveLabels.operation';
import * as batchCreate from './batchCreate.operation';
import * as batchCreateDefault from './batchCreateDefault.operation';
import * as batchRead from './batchRead.operation';
import * as batchSync from './batchSync.operation';

export { batchArchive, batchArchiveLabels, batchCreate, batchCreateDefault, batchRead, batchSync };

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
				description: 'Associate records in bulk with the labels you choose: one request per 2,000 items, one result per item',
				action: 'Batch create associations',
			},
			{
				name: 'Batch Create Default Associations',
				value: 'batchCreateDefault',
				description: "Associate records in bulk with HubSpot's default (unlabeled) type, in both directions",
				action: 'Batch create default associations',
			},
			{
				name: 'Batch Get Associations',
				value: 'batchRead',
				description: 'Read the associations of many records to one object type, with their labels, all pages',
				action: 'Batch get associations',
			},
			{
				name: 'Batch Remove Association Labels',
				value: 'batchArchiveLabels',
				description: 'Remove chosen labels from pairs of records, keeping the association and its other labels',
				action: 'Batch remove association labels',
			},
			{
				name: 'Batch Remove Associations',
				value: 'batchArchive',
				description: 'Remove every association between pairs of records',
				action: 'Batch remove associations',
			},
			{
				name: 'Sync Associations',
				value: 'batchSync',
				description:
					"Make each listed record's associations match the input: create the missing pairs, set their labels, remove the pairs the input no longer lists",
				action: 'Sync associations',
			},
		],
		default: 'batchCreate',
	},
	...batchCreate.description,
	...batchCreateDefault.description,
	...batchArchiveLabels.description,
	...batchArchive.description,
	...batchRead.description,
	...batchSync.description,
];
