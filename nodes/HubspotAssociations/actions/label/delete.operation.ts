import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem, RefusedAnswer } from '../perItemRunner';
import { changeableLabel, directionOutput, labelFields, readDirection, readTypeId } from './labelFields';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deleting a label removes it from every pair of records that has it, in both directions. The associations themselves stay.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['label'], operation: ['delete'] } },
	},
	...labelFields('delete', { withTypeId: true }),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, {
		readItem: (read, itemIndex) => ({ ...readDirection(read, itemIndex), typeId: readTypeId(read, itemIndex) }),
		describe: (asked) => `the deletion of label ${asked.typeId} from ${asked.fromObjectType} to ${asked.toObjectType}`,
		// HubSpot's own types and unknown ids are refused before any item writes.
		check: async (asked, { directory }) => void (await changeableLabel(directory, asked, asked.typeId)),
		async run(asked, { directory, dryRun, plan }): Promise<IDataObject[]> {
			const { fromPathType, toPathType, typeId } = asked;
			const current = await changeableLabel(directory, asked, typeId);
			const request = { method: 'DELETE' as const, path: `${directory.labelsPath(fromPathType, toPathType)}/${typeId}` };
			const output = { ...directionOutput(asked), typeId, label: current.label ?? null };
			if (dryRun) {
				plan(request);
				// As after a real delete: a later item naming the type finds it gone.
				await directory.forget(fromPathType, toPathType, typeId);
				return [{ status: 'wouldDelete', ...output }];
			}
			const deleted = await directory.delete(fromPathType, toPathType, typeId);
			if ('failed' in deleted) throw new RefusedAnswer(deleted.failed);
			return [{ status: 'deleted', ...output }];
		},
	});
}
